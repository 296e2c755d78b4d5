"""The reminder mechanism: one delivery row per (kind, target, recipient, due),
enqueued only after commit, sent once, in the recipient's language.

Each guarantee is tested for the three ways of scheduling (``schedule`` runs the
test once per way): one reminder, rows in hand, and a sweep's queryset."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import Value
from django.utils import translation
from django.utils.translation import gettext_lazy

from portal import reminders
from portal.models import Department, ReminderDelivery
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
        label=gettext_lazy(KIND),  # a Promise; not a msgid of the catalogues
        template="portal/emails/verify_email_reminder",
        context=lambda delivery: {"activate_url": f"https://portal.test/confirm/{delivery.pk}/"},
    )
    yield
    reminders._KINDS.pop(KIND, None)


class Rollback(Exception):
    pass


def _one(kind, target, recipient, due):
    return reminders.reminder_schedule(kind=kind, target=target, recipient=recipient, due=due)


def _user_and_email(recipient):
    return (None, recipient) if isinstance(recipient, str) else (recipient.pk, recipient.email)


def _many(kind, target, recipient, due):
    user_id, email = _user_and_email(recipient)
    row = reminders.Reminder(target.pk, user_id, email, due)
    ids = reminders.reminders_schedule_many(kind=kind, target_model=type(target), rows=[row])
    return ReminderDelivery.objects.get(pk=ids[0]) if ids else None


def _each(kind, target, recipient, due):
    user_id, email = _user_and_email(recipient)
    ids = reminders.reminders_schedule_each(
        kind=kind,
        queryset=type(target).objects.filter(pk=target.pk),
        recipient=user_id,
        email=Value(email),
        due=due,
    )
    return ReminderDelivery.objects.get(pk=ids[0]) if ids else None


@pytest.fixture(params=[_one, _many, _each], ids=["one", "many", "each"])
def schedule(request):
    """``schedule(kind, target, recipient, due)`` by each of the three ways."""
    return request.param


def test_schedule_records_and_sends_after_commit(
    schedule, django_capture_on_commit_callbacks, mailoutbox
):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        delivery = schedule(KIND, department, user, DUE)
        # Nothing is sent before the transaction commits.
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert f"https://portal.test/confirm/{delivery.pk}/" in mailoutbox[0].body
    delivery.refresh_from_db()
    assert delivery.sent_at is not None
    assert delivery.recipient_email == user.email


def test_scheduling_the_same_reminder_twice_sends_once(
    schedule, django_capture_on_commit_callbacks, mailoutbox
):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = schedule(KIND, department, user, DUE)
        second = schedule(KIND, department, user.email.upper(), DUE)
    assert first is not None
    assert second is None
    assert len(mailoutbox) == 1
    assert ReminderDelivery.objects.count() == 1
    # Another due date is another reminder.
    with django_capture_on_commit_callbacks(execute=True):
        later = schedule(KIND, department, user, DUE + datetime.timedelta(days=1))
    assert later is not None
    assert len(mailoutbox) == 2


def test_a_rolled_back_transaction_enqueues_nothing(
    schedule, django_capture_on_commit_callbacks, mailoutbox
):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            schedule(KIND, department, user, DUE)
            raise Rollback
    assert callbacks == []
    assert mailoutbox == []
    assert not ReminderDelivery.objects.exists()


def test_a_duplicate_leaves_the_surrounding_transaction_usable(
    schedule,
    django_capture_on_commit_callbacks,
):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        schedule(KIND, department, user, DUE)
        assert schedule(KIND, department, user, DUE) is None
        # On PostgreSQL a failed INSERT outside a savepoint would abort this transaction.
        assert ReminderDelivery.objects.count() == 1


def test_the_mail_is_in_the_recipients_language(
    schedule, django_capture_on_commit_callbacks, mailoutbox
):
    english = UserFactory(language="en")
    with translation.override("sv"), django_capture_on_commit_callbacks(execute=True):
        schedule(KIND, DepartmentFactory(), english, DUE)
    assert mailoutbox[0].subject == SUBJECT_EN


def test_the_mail_to_a_swedish_recipient_is_in_swedish(
    schedule, django_capture_on_commit_callbacks, mailoutbox
):
    with translation.override("sv"):
        swedish_subject = translation.gettext(SUBJECT_MSGID)
    if swedish_subject == SUBJECT_MSGID:
        pytest.skip("the Swedish catalogue does not translate the reminder yet (compilemessages)")
    swede = UserFactory(language="sv")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        schedule(KIND, DepartmentFactory(), swede, DUE)
    assert mailoutbox[0].subject == swedish_subject % {"portal_name": "Samverkansportalen"}


def test_sending_again_sends_nothing(schedule, django_capture_on_commit_callbacks, mailoutbox):
    user, department = UserFactory(), DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        delivery = schedule(KIND, department, user, DUE)
    assert len(mailoutbox) == 1
    # A retried task (or a duplicate message from the broker) finds it sent.
    assert send_reminder.delay(delivery.pk).get() is False
    assert reminders.reminder_send(delivery_id=delivery.pk) is False
    assert len(mailoutbox) == 1


def test_a_reminder_about_a_deleted_object_is_not_sent(schedule, mailoutbox):
    user, department = UserFactory(), DepartmentFactory()
    delivery = schedule(KIND, department, user, DUE)
    department.delete()
    assert reminders.reminder_send(delivery_id=delivery.pk) is False
    assert mailoutbox == []
    delivery.refresh_from_db()
    assert delivery.sent_at is not None


def test_a_reminder_to_an_address_without_an_account(
    schedule, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = schedule(KIND, DepartmentFactory(), "Kontakt@Forening.se", DUE)
    assert delivery.recipient is None
    assert mailoutbox[0].to == ["kontakt@forening.se"]


def test_an_unknown_kind_is_refused(schedule):
    with pytest.raises(LookupError):
        schedule("nobody.registered", DepartmentFactory(), "a@b.se", DUE)
    assert not ReminderDelivery.objects.exists()


def test_many_records_each_reminder_once(django_capture_on_commit_callbacks, mailoutbox):
    first, second = DepartmentFactory(), DepartmentFactory()
    user = UserFactory()
    rows = [
        reminders.Reminder(first.pk, user.pk, user.email, DUE),
        reminders.Reminder(second.pk, None, "Brevlada@Kommun.se", DUE),
        reminders.Reminder(first.pk, user.pk, user.email.upper(), DUE),  # the first again
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ids = reminders.reminders_schedule_many(kind=KIND, target_model=Department, rows=rows)
        assert mailoutbox == []  # enqueued after commit only
    assert len(ids) == 2 and len(callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["brevlada@kommun.se", user.email]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert (
            reminders.reminders_schedule_many(kind=KIND, target_model=Department, rows=rows) == []
        )
    assert callbacks == [] and len(mailoutbox) == 2
    assert ReminderDelivery.objects.count() == 2


def _next_delivery_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('portal_reminderdelivery', 'id'))")
        return cursor.fetchone()[0]


def test_each_with_nothing_new_due_reads_and_inserts_nothing(
    django_capture_on_commit_callbacks, django_assert_num_queries, mailoutbox
):
    """What the log holds is left out by the query, not refused by the insert: no
    row is even attempted (an attempted insert would draw an id from the sequence)."""
    for n in range(3):
        DepartmentFactory(email=f"Forvaltning{n}@Kommun.se")
    DepartmentFactory(email="")  # without an address: nobody to remind

    def sweep():
        return reminders.reminders_schedule_each(
            kind=KIND,
            queryset=Department.objects.exclude(email=""),
            email="email",  # mixed case: compared (and stored) in lower case
            due=DUE,
        )

    with django_capture_on_commit_callbacks(execute=True):
        assert len(sweep()) == 3
    assert len(mailoutbox) == 3
    before = _next_delivery_id()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with django_assert_num_queries(1):
            assert sweep() == []
    assert callbacks == []
    assert _next_delivery_id() == before + 1  # nothing was attempted in between
    assert len(mailoutbox) == 3


def test_each_records_only_what_is_new(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory()
    old = DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminder_schedule(kind=KIND, target=old, recipient=user, due=DUE)
    new = DepartmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        ids = reminders.reminders_schedule_each(
            kind=KIND,
            queryset=Department.objects.all(),
            recipient=user.pk,
            email=Value(user.email),
            due=DUE,
        )
    assert [ReminderDelivery.objects.get(pk=pk).target for pk in ids] == [new]
    assert len(mailoutbox) == 2
