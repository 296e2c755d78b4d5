"""The reminder mechanism: one delivery row per (kind, target, recipient, due),
enqueued only after commit, sent once, in the recipient's language."""

import datetime

import pytest
from django.db import transaction
from django.utils import translation

from portal import reminders
from portal.models import ReminderDelivery
from portal.tasks import send_reminder

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

KIND = "test.reminder"
DUE = datetime.date(2026, 3, 1)
SUBJECT_MSGID = "Please confirm your e-mail address for %(portal_name)s"
SUBJECT_EN = SUBJECT_MSGID % {"portal_name": "Samverkansportalen"}


@pytest.fixture(autouse=True)
def test_kind():
    reminders.register_kind(
        KIND,
        template="portal/emails/verify_email_reminder",
        context=lambda delivery: {"activate_url": f"https://portal.test/confirm/{delivery.pk}/"},
    )
    yield
    reminders._KINDS.pop(KIND, None)


class Rollback(Exception):
    pass


def test_schedule_records_and_sends_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        delivery = reminders.reminder_schedule(
            kind=KIND, target=department, recipient=user, due=DUE
        )
        # Nothing is sent before the transaction commits.
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert f"https://portal.test/confirm/{delivery.pk}/" in mailoutbox[0].body
    delivery.refresh_from_db()
    assert delivery.sent_at is not None
    assert delivery.recipient_email == user.email


def test_scheduling_the_same_reminder_twice_sends_once(
    django_capture_on_commit_callbacks, mailoutbox
):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.reminder_schedule(kind=KIND, target=department, recipient=user, due=DUE)
        second = reminders.reminder_schedule(
            kind=KIND, target=department, recipient=user.email.upper(), due=DUE
        )
    assert first is not None
    assert second is None
    assert len(mailoutbox) == 1
    assert ReminderDelivery.objects.count() == 1
    # Another due date is another reminder.
    with django_capture_on_commit_callbacks(execute=True):
        later = reminders.reminder_schedule(
            kind=KIND, target=department, recipient=user, due=DUE + datetime.timedelta(days=1)
        )
    assert later is not None
    assert len(mailoutbox) == 2


def test_a_rolled_back_transaction_enqueues_nothing(django_capture_on_commit_callbacks, mailoutbox):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            reminders.reminder_schedule(kind=KIND, target=department, recipient=user, due=DUE)
            raise Rollback
    assert callbacks == []
    assert mailoutbox == []
    assert not ReminderDelivery.objects.exists()


def test_a_duplicate_leaves_the_surrounding_transaction_usable(
    django_capture_on_commit_callbacks,
):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        reminders.reminder_schedule(kind=KIND, target=department, recipient=user, due=DUE)
        assert (
            reminders.reminder_schedule(kind=KIND, target=department, recipient=user, due=DUE)
            is None
        )
        # On PostgreSQL a failed INSERT outside a savepoint would abort this transaction.
        assert ReminderDelivery.objects.count() == 1


def test_the_mail_is_in_the_recipients_language(django_capture_on_commit_callbacks, mailoutbox):
    english = UserFactory(language="en")
    with translation.override("sv"), django_capture_on_commit_callbacks(execute=True):
        reminders.reminder_schedule(
            kind=KIND, target=DepartmentFactory(), recipient=english, due=DUE
        )
    assert mailoutbox[0].subject == SUBJECT_EN


def test_the_mail_to_a_swedish_recipient_is_in_swedish(
    django_capture_on_commit_callbacks, mailoutbox
):
    with translation.override("sv"):
        swedish_subject = translation.gettext(SUBJECT_MSGID)
    if swedish_subject == SUBJECT_MSGID:
        pytest.skip("the Swedish catalogue does not translate the reminder yet (compilemessages)")
    swede = UserFactory(language="sv")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        reminders.reminder_schedule(kind=KIND, target=DepartmentFactory(), recipient=swede, due=DUE)
    assert mailoutbox[0].subject == swedish_subject % {"portal_name": "Samverkansportalen"}


def test_sending_again_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        delivery = reminders.reminder_schedule(
            kind=KIND, target=department, recipient=user, due=DUE
        )
    assert len(mailoutbox) == 1
    # A retried task (or a duplicate message from the broker) finds it sent.
    assert send_reminder.delay(delivery.pk).get() is False
    assert reminders.reminder_send(delivery_id=delivery.pk) is False
    assert len(mailoutbox) == 1


def test_a_reminder_about_a_deleted_object_is_not_sent(mailoutbox):
    user, department = UserFactory(), DepartmentFactory()
    delivery = reminders.reminder_schedule(kind=KIND, target=department, recipient=user, due=DUE)
    department.delete()
    assert reminders.reminder_send(delivery_id=delivery.pk) is False
    assert mailoutbox == []
    delivery.refresh_from_db()
    assert delivery.sent_at is not None


def test_a_reminder_to_an_address_without_an_account(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = reminders.reminder_schedule(
            kind=KIND, target=DepartmentFactory(), recipient="Kontakt@Forening.se", due=DUE
        )
    assert delivery.recipient is None
    assert mailoutbox[0].to == ["kontakt@forening.se"]


def test_an_unknown_kind_is_refused():
    with pytest.raises(LookupError):
        reminders.reminder_schedule(
            kind="nobody.registered", target=DepartmentFactory(), recipient="a@b.se", due=DUE
        )
