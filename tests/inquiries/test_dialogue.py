"""The dialogue: messages both ways, each mailed to its one recipient after commit;
notes never reach the sender; waiting for the sender pauses the answer clock, which
runs again, later by the working days it waited, when they write back; a case
closes with an outcome the sender reads, and a delay notice tells them why."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from portal.inquiries import services
from portal.inquiries.models import Inquiry, InquiryPause

from .factories import assigned, make_official

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def local_date(moment):
    return moment.astimezone(TZ).date()


def test_a_reply_is_mailed_and_a_note_is_not(django_capture_on_commit_callbacks):
    official = make_official()
    inquiry, _token = assigned(official=official)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_reply(inquiry=inquiry, body="Hej! Berätta mer.", by=official)
        services.inquiry_note(inquiry=inquiry, body="Ring Kalle om detta", by=official)
    (message,) = mail.outbox
    assert message.to == [inquiry.sender_email]
    assert "Ring Kalle" not in message.body
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.DIALOGUE


def test_waiting_for_the_sender_pauses_the_answer_clock():
    official = make_official()
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=TZ), tick=False):
        inquiry, _token = assigned(official=official)
        assert local_date(inquiry.answer_due_at) == date(2026, 3, 16)
    with time_machine.travel(datetime(2026, 3, 4, 9, tzinfo=TZ), tick=False):
        services.inquiry_reply(
            inquiry=inquiry, body="Vilka dagar?", by=official, waits_for_sender=True
        )
    inquiry.refresh_from_db()
    assert inquiry.is_paused and inquiry.answer_due_at is None
    # The sender answers a week later: five working days waited (5-11 March).
    with time_machine.travel(datetime(2026, 3, 11, 15, tzinfo=TZ), tick=False):
        services.inquiry_sender_reply(inquiry=inquiry, body="Tisdagar.")
    inquiry.refresh_from_db()
    assert not inquiry.is_paused
    assert inquiry.paused_working_days == 5
    assert local_date(inquiry.answer_due_at) == date(2026, 3, 23)
    pause = InquiryPause.objects.get()
    assert pause.working_days == 5 and pause.ended_at is not None


def test_a_pause_over_easter_counts_working_days_only():
    official = make_official()
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=TZ), tick=False):
        inquiry, _token = assigned(official=official)
        services.inquiry_reply(inquiry=inquiry, body="?", by=official, waits_for_sender=True)
    with time_machine.travel(datetime(2026, 4, 7, 9, tzinfo=TZ), tick=False):
        services.inquiry_sender_reply(inquiry=inquiry, body="!")
    inquiry.refresh_from_db()
    # 31 March, 1, 2 and 7 April: Good Friday and Easter Monday do not count.
    assert inquiry.paused_working_days == 4
    assert local_date(inquiry.answer_due_at) == date(2026, 4, 21)


@pytest.mark.parametrize(
    ("outcome", "fields", "error"),
    [
        ("answered", {}, "Skriv svaret."),
        ("declined", {}, "Skriv varför ärendet avböjs."),
        ("referred", {"referred_to": "Länsstyrelsen"}, "vart avsändaren kan vända sig"),
    ],
)
def test_an_outcome_needs_what_the_sender_must_know(outcome, fields, error):
    official = make_official()
    inquiry, _token = assigned(official=official)
    with pytest.raises(services.InquiryError, match=error):
        services.inquiry_close(inquiry=inquiry, outcome=outcome, by=official, **fields)
    inquiry.refresh_from_db()
    assert not inquiry.is_closed


@pytest.mark.parametrize(
    ("outcome", "fields", "shown"),
    [
        ("answered", {"text": "Biblioteket har lokaler."}, "Biblioteket har lokaler."),
        (
            "collaboration",
            {"link": "https://kommun.example.se/iop/12"},
            "https://kommun.example.se/iop/12",
        ),
        (
            "referred",
            {"referred_to": "Länsstyrelsen", "referred_contact": "010-223 10 00"},
            "Länsstyrelsen, 010-223 10 00",
        ),
        ("declined", {"text": "Vi har inga medel i år."}, "Vi har inga medel i år."),
    ],
)
def test_the_sender_reads_the_outcome(
    client, outcome, fields, shown, django_capture_on_commit_callbacks
):
    official = make_official()
    inquiry, token = assigned(official=official)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_close(inquiry=inquiry, outcome=outcome, by=official, **fields)
    inquiry.refresh_from_db()
    assert inquiry.is_closed and inquiry.outcome == outcome
    (message,) = mail.outbox
    assert shown in message.body
    page = client.get(f"/en-vag-in/arende/{token}/").content.decode()
    assert all(part in page for part in shown.split(", "))
    with pytest.raises(services.InquiryError):
        services.inquiry_reply(inquiry=inquiry, body="En sak till", by=official)


def test_a_delay_notice_tells_the_sender_why_and_when(django_capture_on_commit_callbacks):
    official = make_official()
    inquiry, _token = assigned(official=official)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_delay_notice(
            inquiry=inquiry,
            reason="Vi väntar på ett beslut i nämnden.",
            expected_on=date(2099, 5, 4),
            by=official,
        )
    (message,) = mail.outbox
    assert "Vi väntar på ett beslut i nämnden." in message.body
    assert "4 maj 2099" in message.body
    inquiry.refresh_from_db()
    assert inquiry.expected_answer_on == date(2099, 5, 4) and inquiry.delay_noticed_at


def test_an_official_of_another_department_cannot_act():
    inquiry, _token = assigned(official=make_official())
    stranger = make_official()
    with pytest.raises(services.InquiryError):
        services.inquiry_reply(inquiry=inquiry, body="Hej", by=stranger)
    with pytest.raises(services.InquiryError):
        services.inquiry_note(inquiry=inquiry, body="Hej", by=stranger)
