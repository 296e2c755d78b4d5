from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from organisations import services
from organisations.confirmation import yearly_confirmation
from organisations.models import Organisation
from portal import sweeps
from portal.models import AuditEntry, ReminderDelivery
from tests.organisations.factories import (
    ConfirmationRoundFactory,
    MembershipFactory,
    OrganisationFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
START = date(2027, 3, 1)


def at(day_offset: int, hour: int = 9) -> datetime:
    return datetime.combine(START + timedelta(days=day_offset), datetime.min.time(), TZ).replace(
        hour=hour
    )


@pytest.fixture
def round_():
    return ConfirmationRoundFactory(starts_on=START, deadline=START + timedelta(days=42))


@pytest.fixture
def org(round_):
    return OrganisationFactory(confirmed_at=at(-300))


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role="admin").user


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(offset: int, hour: int = 9) -> int:
        now = at(offset, hour)
        with time_machine.travel(now, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                return yearly_confirmation(now)

    return run


def test_registered_as_a_sweep():
    assert "organisations.yearly_confirmation" in sweeps.registered()


def test_nothing_before_the_round(run, org, admin):
    assert run(-1) == 0
    assert mail.outbox == []


def test_request_then_reminders_then_unconfirmed(run, org, admin):
    coordinator = make_municipal_coordinator()
    assert run(0) == 1
    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert "/foreningar/" in mail.outbox[0].body and "bekrafta" in mail.outbox[0].body
    # later the same day and the next day: nothing new
    assert run(0, hour=15) == 0
    assert run(1) == 0
    assert run(14) == 1
    assert run(15) == 0
    assert run(28) == 1
    assert len(mail.outbox) == 3
    assert run(42) == 0  # the deadline day itself is still in time
    org.refresh_from_db()
    assert org.unconfirmed_since is None
    run(43)
    org.refresh_from_db()
    assert org.unconfirmed_since is not None
    assert org.status == Organisation.Status.ACTIVE  # never deleted or archived
    assert mail.outbox[-1].to == [coordinator.email]
    assert org.name in mail.outbox[-1].body
    assert AuditEntry.objects.filter(action="organisation.marked_unconfirmed").count() == 1
    # a later run neither marks again nor mails the coordinator again
    sent = len(mail.outbox)
    assert run(44) == 0
    assert len(mail.outbox) == sent
    assert list(Organisation.objects.unconfirmed()) == [org]


def test_confirming_stops_reminders(run, org, admin):
    run(0)
    with time_machine.travel(at(3), tick=False):
        services.organisation_confirm(organisation=org, by=admin)
    assert run(14) == 0 and run(28) == 0 and run(50) == 0
    org.refresh_from_db()
    assert org.unconfirmed_since is None
    assert len(mail.outbox) == 1


def test_confirm_after_deadline_clears_unconfirmed(client, run, org, admin):
    run(43)
    org.refresh_from_db()
    assert org.unconfirmed_since
    client.force_login(admin)
    from django.urls import reverse

    assert client.post(reverse("organisations:confirm", args=[org.slug])).status_code == 302
    org.refresh_from_db()
    assert org.unconfirmed_since is None and org.confirmed_at


def test_catching_up_sends_only_the_latest_step(run, org, admin):
    assert run(20) == 1
    assert ReminderDelivery.objects.get().kind == "organisations.confirm_reminder_14"
    assert run(21) == 0


def test_without_members_the_association_address_is_used(run, org):
    assert run(0) == 1
    assert mail.outbox[0].to == [org.email]


def test_only_active_and_unconfirmed(run, round_):
    OrganisationFactory(status=Organisation.Status.PENDING, confirmed_at=None)
    OrganisationFactory(status=Organisation.Status.ARCHIVED, status_reason="x")
    OrganisationFactory(confirmed_at=at(0, hour=1))  # confirmed after the round started
    OrganisationFactory(confirmed_at=at(-1))  # confirmed before it: asked again
    assert run(0) == 1  # only the one confirmed before starts_on


def test_sweep_queries_do_not_grow_per_organisation(
    round_, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    orgs = [OrganisationFactory(confirmed_at=at(-300)) for _ in range(6)]
    for org in orgs:
        MembershipFactory(organisation=org, role="admin")
        MembershipFactory(organisation=org, role="editor")
    now = at(0)
    # The round, the content type (unless cached) and one statement for the
    # administrators and one for associations without any: not one per reminder.
    with time_machine.travel(now, tick=False):
        with django_assert_max_num_queries(4):
            assert yearly_confirmation(now) == len(orgs)
