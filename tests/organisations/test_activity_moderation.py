"""A coordinator cancels, hides or shows again an association's activity, with a
reason: who may (the services re-check the rule on the locked rows), what each
does, the audit entry, the one mail to the association's administrators with the
reason quoted, and the database holding a hidden activity to its reason."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisations import services
from organisations.models import Activity
from organisations.services import RegisterError
from portal import pagecache
from portal.models import AuditEntry
from tests.concurrency import first_holds_then
from tests.organisations.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db
REASON = "Inbjudan till ett privat kalas.\nHör av er om ni undrar."


@pytest.fixture
def org():
    org = OrganisationFactory(name="Vårby Schack")
    MembershipFactory(organisation=org, role="admin", user__email="ordforande@example.se")
    MembershipFactory(organisation=org, role="editor", user__email="redaktor@example.se")
    return org


@pytest.fixture
def activity(org):
    return ActivityFactory(organisation=org, title="Vårturnering")


def _hidden(activity, by):
    return services.activity_hide(activity=activity, by=by, reason="Fel forum")


MODERATIONS = {
    "cancel": lambda a, by, reason: services.activity_cancel_by_coordinator(
        activity=a, by=by, reason=reason
    ),
    "hide": lambda a, by, reason: services.activity_hide(activity=a, by=by, reason=reason),
    "restore": lambda a, by, reason: services.activity_restore(activity=a, by=by, message=reason),
}


def _prepared(name, activity, coordinator):
    """The activity in the state the action starts from (hidden, to show it again)."""
    if name == "restore":
        _hidden(activity, coordinator)
        mail.outbox.clear()
    return Activity.objects.get(pk=activity.pk)


def _state(activity):
    activity = Activity.objects.get(pk=activity.pk)
    return (
        activity.is_cancelled,
        activity.cancelled_reason,
        activity.hidden_at,
        activity.hidden_reason,
    )


# --- who may -------------------------------------------------------------------


@pytest.mark.parametrize("name", MODERATIONS)
@pytest.mark.parametrize(
    "role", ["anonymous", "other_user", "admin", "editor", "department_coordinator"]
)
def test_only_a_municipal_coordinator_may(
    org, activity, name, role, django_capture_on_commit_callbacks
):
    activity = _prepared(name, activity, user_in_role("municipal_coordinator", org))
    before, entries = _state(activity), AuditEntry.objects.count()
    user = user_in_role(role, org)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RegisterError) as refused:
            MODERATIONS[name](activity, user, REASON)
    assert refused.value.message == "Du har inte behörighet att göra det."
    assert _state(activity) == before
    assert AuditEntry.objects.count() == entries
    assert mail.outbox == []


@pytest.mark.parametrize("name", MODERATIONS)
def test_a_municipal_coordinator_may(org, activity, name, django_capture_on_commit_callbacks):
    coordinator = user_in_role("municipal_coordinator", org)
    activity = _prepared(name, activity, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        MODERATIONS[name](activity, coordinator, REASON)
    assert AuditEntry.objects.filter(actor=coordinator, object_id=str(activity.pk)).exists()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("name", MODERATIONS)
def test_an_archived_association_s_activities_are_left_alone(org, activity, name):
    coordinator = user_in_role("municipal_coordinator", org)
    activity = _prepared(name, activity, coordinator)
    services.organisation_archive(organisation=org, by=coordinator, reason="Nedlagd")
    before = _state(activity)
    with pytest.raises(RegisterError) as refused:
        MODERATIONS[name](Activity.objects.get(pk=activity.pk), coordinator, REASON)
    assert "är arkiverad" in refused.value.message
    assert _state(activity) == before


@pytest.mark.django_db(transaction=True)
def test_an_association_archived_while_the_hide_waited_is_refused():
    """The rule is checked on the locked rows, not before the lock."""
    org = OrganisationFactory()
    activity = ActivityFactory(organisation=org)
    coordinator, other = (user_in_role("municipal_coordinator", org) for _ in range(2))
    _archived, hidden = first_holds_then(
        lambda: services.organisation_archive(organisation=org, by=other, reason="Nedlagd"),
        lambda: services.activity_hide(activity=activity, by=coordinator, reason="Reklam"),
    )
    assert isinstance(hidden, RegisterError), hidden
    assert Activity.objects.get(pk=activity.pk).hidden_at is None


# --- what each does ------------------------------------------------------------------


@pytest.fixture
def coordinator(org):
    return user_in_role("municipal_coordinator", org)


def test_hide_takes_it_out_and_keeps_the_reason(
    activity, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.activity_hide(activity=activity, by=coordinator, reason=f"  {REASON}  ")
    # The mail, after commit (beside the page cache's new version).
    assert len([c for c in callbacks if c is not pagecache.bump]) == 1
    activity.refresh_from_db()
    assert activity.is_hidden and activity.hidden_by == coordinator
    assert activity.hidden_reason == REASON
    assert not activity.is_cancelled
    assert not Activity.objects.published().filter(pk=activity.pk).exists()
    entry = AuditEntry.objects.get(action="activity.hidden")
    assert (entry.actor, entry.object_id, entry.data) == (
        coordinator,
        str(activity.pk),
        {"reason": REASON},
    )


def test_the_hide_mail_goes_once_to_the_administrators_with_the_reason_quoted(
    activity, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_hide(activity=activity, by=coordinator, reason=REASON)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ordforande@example.se"]  # the administrator, not the editor
    assert message.subject == "Kommunen har dolt aktiviteten ”Vårturnering”"
    body = message.body
    assert "har dolt aktiviteten ”Vårturnering”" in body
    assert "som ”Vårby Schack” har lagt in" in body
    fixed = "Samordnaren angav det här skälet:\n"
    assert f"{fixed}> Inbjudan till ett privat kalas.\n> Hör av er om ni undrar.\n" in body
    assert "/hantera-aktiviteter/" in body


def test_cancel_keeps_it_listed_and_tells_the_association(
    activity, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_cancel_by_coordinator(activity=activity, by=coordinator, reason=REASON)
    activity.refresh_from_db()
    assert activity.is_cancelled and activity.cancelled_reason == REASON
    assert Activity.objects.public().filter(pk=activity.pk).exists()
    entry = AuditEntry.objects.get(action="activity.cancelled_by_coordinator")
    assert entry.data == {"reason": REASON}
    (message,) = mail.outbox
    assert message.subject == "Kommunen har ställt in aktiviteten ”Vårturnering”"
    assert "Samordnaren angav det här skälet:\n> Inbjudan till ett privat kalas." in message.body
    assert "i kalendern står bara att aktiviteten är inställd" in message.body


def test_restore_shows_it_again(activity, coordinator, django_capture_on_commit_callbacks):
    _hidden(activity, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_restore(activity=activity, by=coordinator, message="Nu är det rättat.")
    activity.refresh_from_db()
    assert (activity.hidden_at, activity.hidden_reason, activity.hidden_by) == (None, "", None)
    assert Activity.objects.public().filter(pk=activity.pk).exists()
    entry = AuditEntry.objects.get(action="activity.restored")
    assert entry.data == {"hidden_reason": "Fel forum", "message": "Nu är det rättat."}
    (message,) = mail.outbox
    assert message.subject == "Aktiviteten ”Vårturnering” visas igen"
    assert "Samordnarens meddelande:\n> Nu är det rättat." in message.body


def test_restore_without_a_message_says_none(
    activity, coordinator, django_capture_on_commit_callbacks
):
    _hidden(activity, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_restore(activity=activity, by=coordinator)
    (message,) = mail.outbox
    assert "meddelande" not in message.body


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cancel", "Ange ett skäl till att aktiviteten ställs in."),
        ("hide", "Ange ett skäl till att aktiviteten döljs."),
    ],
)
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_reason_is_required(activity, coordinator, name, message, reason):
    before = _state(activity)
    with pytest.raises(RegisterError) as refused:
        MODERATIONS[name](activity, coordinator, reason)
    assert refused.value.message == message
    assert _state(activity) == before


def test_twice_is_refused_with_a_message(activity, coordinator):
    services.activity_cancel_by_coordinator(activity=activity, by=coordinator, reason="Ja")
    with pytest.raises(RegisterError, match="redan inställd"):
        services.activity_cancel_by_coordinator(activity=activity, by=coordinator, reason="Ja")
    _hidden(activity, coordinator)
    with pytest.raises(RegisterError, match="redan dold"):
        _hidden(activity, coordinator)
    services.activity_restore(activity=activity, by=coordinator)
    with pytest.raises(RegisterError, match="inte dold"):
        services.activity_restore(activity=activity, by=coordinator)


def test_a_representative_may_still_change_and_cancel_a_hidden_activity(org, activity, coordinator):
    _hidden(activity, coordinator)
    editor = org.memberships.get(role="editor").user
    services.activity_update(activity=activity, by=editor, data={"title": "Rättad"})
    services.activity_cancel(activity=activity, by=editor)
    activity.refresh_from_db()
    assert (activity.title, activity.is_cancelled, activity.is_hidden) == ("Rättad", True, True)


def test_the_database_holds_a_hidden_activity_to_its_reason(activity):
    Activity.objects.filter(pk=activity.pk).update(hidden_at=timezone.now(), hidden_reason="Skäl")
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(hidden_reason="")


def test_the_audit_labels_read_as_words():
    from portal import audit_display

    labels = audit_display.registered_actions()
    assert str(labels["activity.hidden"]) == "Aktivitet dold av en samordnare"
    assert str(labels["activity.restored"]) == "Dold aktivitet visas igen"
