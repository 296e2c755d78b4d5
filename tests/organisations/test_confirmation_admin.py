"""The yearly confirmation round in the admin: its plan is the sweep's schedule,
its progress the sweep's delivery log and the associations' confirmations, counted
in a constant number of queries; the creation time is read-only and translated."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from organisations import confirmation, services
from organisations.models import ConfirmationRound, Organisation
from portal.models import ReminderDelivery
from tests.organisations.factories import (
    ConfirmationRoundFactory,
    MembershipFactory,
    OrganisationFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
START = date(2027, 3, 1)
DEADLINE = date(2027, 4, 30)
CHANGELIST = reverse("admin:organisations_confirmationround_changelist")


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, datetime.min.time(), TZ).replace(hour=hour)


def change_url(round_) -> str:
    return reverse("admin:organisations_confirmationround_change", args=[round_.pk])


def get_on(client, user, day: date, url: str, **params):
    """The page as ``user`` sees it on ``day`` (logged in then, so the session is fresh)."""
    with time_machine.travel(at(day), tick=False):
        client.force_login(user)
        return client.get(url, params)


def visible(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", response.text))


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


@pytest.fixture
def round_():
    return ConfirmationRoundFactory(starts_on=START, deadline=DEADLINE)


def sweep(day: date, django_capture_on_commit_callbacks) -> None:
    now = at(day)
    with time_machine.travel(now, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            confirmation.yearly_confirmation(now)


@pytest.fixture
def asked(round_, django_capture_on_commit_callbacks):
    """Four associations asked on the start date (one through two administrators);
    then one confirms, one is archived, one stays silent, one confirms by editing."""
    orgs = [OrganisationFactory(confirmed_at=at(START - timedelta(days=300))) for _i in range(4)]
    for _i in range(2):
        MembershipFactory(organisation=orgs[0], role="admin")
    # Not asked: confirmed since the start, or neither administrator nor address.
    OrganisationFactory(confirmed_at=at(START, hour=1))
    OrganisationFactory(confirmed_at=at(START - timedelta(days=300)), email="")
    sweep(START, django_capture_on_commit_callbacks)
    with time_machine.travel(at(START + timedelta(days=3)), tick=False):
        services.organisation_confirm(
            organisation=orgs[0], by=orgs[0].memberships.first().user
        )  # fmt: skip
        Organisation.objects.filter(pk=orgs[3].pk).update(confirmed_at=at(START, hour=12))
    Organisation.objects.filter(pk=orgs[1].pk).update(
        status=Organisation.Status.ARCHIVED, status_reason="Nedlagd", archived_at=at(START)
    )
    return orgs


def test_progress_counts_the_round(round_, asked):
    counted = confirmation.with_progress(ConfirmationRound.objects.all()).get()
    assert (counted.asked, counted.confirmed, counted.unconfirmed) == (4, 2, 1)


def test_progress_is_of_its_own_round(round_, asked):
    """An earlier round asked no one; its confirmations are not this round's."""
    earlier = ConfirmationRoundFactory(starts_on=date(2026, 3, 1), deadline=date(2026, 4, 30))
    counted = confirmation.with_progress(ConfirmationRound.objects.filter(pk=earlier.pk)).get()
    assert (counted.asked, counted.confirmed, counted.unconfirmed) == (0, 0, 0)


def test_the_plan_is_the_sweeps_schedule(round_, asked):
    plan = confirmation.round_plan(round_, today=START + timedelta(days=20))
    days = [step.day for step in plan]
    assert days == [
        *(START + timedelta(days=offset) for _kind, offset in confirmation.STEPS),
        DEADLINE + timedelta(days=1),
    ]
    assert days[:3] == [date(2027, 3, 1), date(2027, 3, 15), date(2027, 3, 29)]
    assert [step.done for step in plan] == [True, True, False, False]
    assert all(step.happens for step in plan)
    assert plan[0].reached == 4  # associations, not mails (the first has two administrators)
    assert plan[1].reached == 0  # its day came, but no sweep has run since


def test_a_step_after_the_deadline_or_in_the_next_round_is_not_planned():
    short = ConfirmationRoundFactory(starts_on=START, deadline=START + timedelta(days=20))
    plan = confirmation.round_plan(short, today=START)
    assert [step.happens for step in plan] == [True, True, False, True]
    ConfirmationRoundFactory(starts_on=START + timedelta(days=10), deadline=DEADLINE)
    plan = confirmation.round_plan(short, today=START)
    assert [step.happens for step in plan] == [True, False, False, False]


def test_the_change_page_shows_plan_and_progress(client, coordinator, round_, asked):
    text = visible(get_on(client, coordinator, START + timedelta(days=20), change_url(round_)))
    assert "Plan:" in text and "Förlopp" in text
    assert "1 mars 2027" in text and "Skickad till 4 föreningar." in text
    assert "15 mars 2027" in text and "29 mars 2027" in text and "1 maj 2027" in text
    assert "Påminnelse, 14 dagar efter starten" in text
    assert "Planerad." in text
    assert re.search(r"Tillfrågade:? 4 Bekräftade:? 2 Obekräftade:? 1", text), text
    assert "påminnelser kommer 14 och 28 dagar senare" in text  # the schedule, from STEPS


def test_created_at_is_read_only_and_translated(client, coordinator, round_):
    response = client.get(change_url(round_))
    form = response.context["adminform"].form
    assert "created_at" not in form.fields
    assert {"starts_on", "deadline"} == set(form.fields)
    text = visible(response)
    assert "Skapad" in text and "Created at" not in text and "Created" not in text
    add = client.get(reverse("admin:organisations_confirmationround_add"))
    assert set(add.context["adminform"].form.fields) == {"starts_on", "deadline"}
    assert "påminnelser kommer 14 och 28 dagar senare" in visible(add)


def test_saving_keeps_the_creation_time(client, coordinator, round_):
    created = round_.created_at
    response = client.post(
        change_url(round_),
        {"starts_on": "2027-03-02", "deadline": "2027-05-01", "created_at": "2000-01-01"},
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.starts_on == date(2027, 3, 2) and round_.created_at == created


def test_the_list_shows_progress_columns(client, coordinator, round_, asked):
    response = get_on(client, coordinator, START + timedelta(days=20), CHANGELIST)
    text = visible(response)
    for header in ("Tillfrågade", "Bekräftade", "Obekräftade", "Status"):
        assert header.upper() in text.upper()
    assert "Pågår" in text
    (row,) = response.context["cl"].result_list
    assert (row.asked, row.confirmed, row.unconfirmed) == (4, 2, 1)
    ordered = client.get(CHANGELIST, {"o": "-4"})
    assert ordered.status_code == 200


def test_a_department_coordinator_sees_the_round_read_only(client, round_, asked):
    user = make_department_coordinator()
    text = visible(get_on(client, user, START + timedelta(days=20), change_url(round_)))
    assert "Tillfrågade" in text and "Skickad till 4 föreningar." in text


def test_constant_queries(client, coordinator, django_assert_max_num_queries):
    """However many rounds, associations and deliveries: the same queries."""

    def more(rounds: int, orgs: int, first_year: int) -> None:
        for year in range(first_year, first_year + rounds):
            round_ = ConfirmationRoundFactory(
                starts_on=date(year, 3, 1), deadline=date(year, 4, 30)
            )  # fmt: skip
            for _i in range(orgs):
                org = OrganisationFactory(confirmed_at=at(date(year - 1, 1, 1)))
                MembershipFactory(organisation=org, role="admin")
            with time_machine.travel(at(round_.starts_on), tick=False):
                confirmation.yearly_confirmation(at(round_.starts_on))

    more(1, 2, 2020)
    latest = ConfirmationRound.objects.first()
    with django_assert_max_num_queries(24) as few_list:
        assert client.get(CHANGELIST).status_code == 200
    with django_assert_max_num_queries(24) as few_page:
        assert client.get(change_url(latest)).status_code == 200
    more(3, 8, 2021)
    latest = ConfirmationRound.objects.first()
    with django_assert_max_num_queries(len(few_list)):
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 4
    for row in response.context["cl"].result_list:
        requests = ReminderDelivery.objects.filter(kind=confirmation.REQUEST, due=row.starts_on)
        assert row.asked == requests.values("object_id").distinct().count() > 0
    with django_assert_max_num_queries(len(few_page)):
        assert client.get(change_url(latest)).status_code == 200
