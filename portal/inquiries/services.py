"""En väg in's workflows: sending, assigning and handing over, the dialogue,
closing, delay notices, renewing the private link and erasing the sender's data.

Each takes the inquiry's row lock first and checks the rule (rules.py) and the
guard on the locked row; it writes the audit log and mails only after commit."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from portal import ratelimit
from portal.audit import audit_log
from portal.workdays import WorkCalendar

from . import deadlines, notify
from .models import (
    Inquiry,
    InquiryAttachment,
    InquiryHandover,
    InquiryMessage,
    InquiryPause,
    new_token,
    next_reference,
)


class InquiryError(Exception):
    """A guard refused the change; ``message`` is for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadySent(InquiryError):
    """The form was sent again: ``inquiry`` is the case the first sending made."""

    def __init__(self, inquiry: Inquiry):
        super().__init__(_("This inquiry has already been sent; here is its receipt."))
        self.inquiry = inquiry


class TooMany(InquiryError):
    """Over a rate limit (PORTAL_RATE_LIMITS); the message says how long to wait."""


def _lock(inquiry: Inquiry) -> Inquiry:
    return (
        Inquiry.objects.select_for_update(of=("self",))
        .select_related("department", "assignee")
        .get(pk=inquiry.pk)
    )


def _lock_for(inquiry: Inquiry, *, by, perm: str) -> Inquiry:
    """Lock, then check the rule on the locked row: a check before the lock would
    let an official act on a case handed away from them while they waited."""
    locked = _lock(inquiry)
    if not by.has_perm(perm, locked):
        raise InquiryError(_("You do not have permission to do that."))
    return locked


def _refuse_closed(inquiry: Inquiry) -> None:
    if inquiry.is_closed:
        raise InquiryError(_("The case %(reference)s is closed.") % {"reference": inquiry})


def _rate_limit(action: str, message: str, **keys: object) -> None:
    try:
        ratelimit.consume(action, **keys)
    except ratelimit.RateLimited as exc:
        wait = timeuntil(timezone.now() + timedelta(seconds=max(exc.retry_after, 60)))
        raise TooMany(message % {"wait": wait}) from exc


def _acknowledge(inquiry: Inquiry, now, fields: list[str]) -> None:
    """The first time a person acts on the case; its working days are kept for the
    statistics (stats.py), which the database then aggregates without a calendar."""
    if inquiry.acknowledged_at is None:
        inquiry.acknowledged_at = now
        inquiry.acknowledge_working_days = WorkCalendar().working_days_between(
            inquiry.received_at, now
        )
        fields += ["acknowledged_at", "acknowledge_working_days"]


def _end_pause(inquiry: Inquiry, now, calendar: WorkCalendar, fields: list[str]) -> None:
    """The sender answered (or the case closes): the clock runs again, later by the
    working days it stood still."""
    if not inquiry.is_paused:
        return
    pause = InquiryPause.objects.select_for_update().get(inquiry=inquiry, ended_at__isnull=True)
    days = max(calendar.working_days_between(pause.started_at, now), 0)
    pause.ended_at, pause.working_days = now, days
    pause.save(update_fields=["ended_at", "working_days"])
    inquiry.paused_since = None
    inquiry.paused_working_days += days
    deadlines.set_answer_deadline(inquiry, calendar)
    fields += ["paused_since", "paused_working_days", "answer_due_at", "answer_remind_at"]


def _start_pause(inquiry: Inquiry, now, fields: list[str]) -> None:
    if inquiry.is_paused:
        return
    InquiryPause.objects.create(inquiry=inquiry, started_at=now)
    inquiry.paused_since = now
    inquiry.answer_due_at = inquiry.answer_remind_at = None
    fields += ["paused_since", "answer_due_at", "answer_remind_at"]


# --- Sending ---------------------------------------------------------------------


@transaction.atomic
def inquiry_submit(
    *,
    data: dict[str, Any],
    user,
    ip: str | None,
    language: str,
    submission: UUID | None,
    attachment=None,
) -> tuple[Inquiry, str]:
    """Receive an inquiry from anyone: its reference at once, the deadlines, and a
    private link (returned once; only its hash is kept) mailed with the receipt.

    ``submission`` is the form's one-time key: a second sending of the same form,
    even at the same moment, raises AlreadySent with the first's case (the unique
    column decides; the second insert waits for the first to commit)."""
    if submission is not None:
        first = Inquiry.objects.filter(submission=submission).first()
        if first is not None:
            raise AlreadySent(first)
    email = data["sender_email"].strip().lower()
    _rate_limit(
        "inquiries.submit",
        _(
            "Many inquiries have been sent from here in a short time. "
            "You can send more in %(wait)s."
        ),
        ip=ip or "unknown",
        email=email,
    )
    organisation = data.get("organisation")
    if organisation is not None and not (
        user.is_authenticated and organisation.memberships.filter(user=user).exists()
    ):
        raise InquiryError(_("Choose one of the associations you represent."))
    now = timezone.now()
    token, hashed = new_token()
    inquiry = Inquiry(
        kind=data["kind"],
        offer=(data.get("offer") or "") if data["kind"] == Inquiry.Kind.OFFER else "",
        subject=data["subject"],
        message=data["message"],
        organisation=organisation,
        sender_user=user if user.is_authenticated else None,
        sender_name=data["sender_name"],
        sender_email=email,
        sender_language=language,
        token_hash=hashed,
        submission=submission,
        received_at=now,
    )
    deadlines.set_deadlines(inquiry)
    try:
        with transaction.atomic():
            inquiry.reference = next_reference(timezone.localdate(now).year)
            inquiry.save()
    except IntegrityError as exc:
        first = Inquiry.objects.filter(submission=submission).first() if submission else None
        if first is not None:
            raise AlreadySent(first) from exc
        raise
    inquiry.topics.set(data.get("topics") or [])
    inquiry.districts.set(data.get("districts") or [])
    inquiry.target_groups.set(data.get("target_groups") or [])
    if attachment is not None:
        InquiryAttachment.objects.create(
            inquiry=inquiry,
            file=attachment,
            name=attachment.name[:200],
            content_type=attachment.content_type_checked,
            size=attachment.size,
        )
    audit_log(
        actor=user,
        action="inquiry.received",
        target=inquiry,
        data={"kind": inquiry.kind, "attachment": attachment is not None},
    )
    notify.mail_sender(inquiry, "received", token=token)
    return inquiry, token


# --- Triage, hand-overs and the dialogue -------------------------------------------


@transaction.atomic
def inquiry_assign(*, inquiry: Inquiry, to_department, to_user, reason: str, by) -> Inquiry:
    """Give the case to a department or a named official, with a reason the sender
    reads. The clock keeps running; the sender is told who holds it now; the new
    holder is mailed; a case handed over more than twice is flagged."""
    inquiry = _lock_for(inquiry, by=by, perm="inquiries.assign_inquiry")
    _refuse_closed(inquiry)
    reason = reason.strip()
    if not reason:
        raise InquiryError(_("Say why the case goes there: the sender reads it."))
    if to_user is not None and not to_user.is_active:
        raise InquiryError(_("%(name)s cannot receive cases.") % {"name": to_user})
    if to_department is None and to_user is not None:
        to_department = to_user.department
    if to_department is None and to_user is None:
        raise InquiryError(_("Choose a department or an official."))
    same = inquiry.department_id == getattr(to_department, "pk", None) and (
        inquiry.assignee_id == getattr(to_user, "pk", None)
    )
    if same:
        raise InquiryError(_("The case is already there."))
    now = timezone.now()
    handed_over = inquiry.department_id is not None or inquiry.assignee_id is not None
    InquiryHandover.objects.create(
        inquiry=inquiry,
        from_department_id=inquiry.department_id,
        from_user_id=inquiry.assignee_id,
        to_department=to_department,
        to_user=to_user,
        reason=reason,
        by=by,
        created_at=now,
    )
    fields = ["department", "assignee"]
    inquiry.department, inquiry.assignee = to_department, to_user
    if handed_over:
        inquiry.handover_count += 1
        fields.append("handover_count")
    if inquiry.status == Inquiry.Status.RECEIVED:
        inquiry.status = Inquiry.Status.ASSIGNED
        fields.append("status")
    _acknowledge(inquiry, now, fields)
    inquiry.save(update_fields=fields)
    holder = inquiry.holder_label
    InquiryMessage.objects.create(
        inquiry=inquiry,
        kind=InquiryMessage.Kind.EVENT,
        event=InquiryMessage.Event.HANDED_OVER,
        author=by,
        body=reason,
        details={"holder": holder},
        created_at=now,
    )
    audit_log(
        actor=by,
        action="inquiry.assigned",
        target=inquiry,
        data={
            "department": getattr(to_department, "pk", None),
            "assignee": getattr(to_user, "pk", None),
            "handover_count": inquiry.handover_count,
        },
    )
    notify.mail_sender(inquiry, "handed_over", holder=holder, reason=reason)
    notify.mail_staff(
        inquiry, "assigned", [uid for uid in notify.holder_ids(inquiry) if uid != by.pk]
    )
    if inquiry.handover_count == Inquiry.HANDOVER_FLAG + 1:
        audit_log(actor=by, action="inquiry.flagged", target=inquiry, data={})
        notify.mail_staff(inquiry, "flagged", notify.municipal_coordinator_ids())
    return inquiry


@transaction.atomic
def inquiry_reply(*, inquiry: Inquiry, body: str, by, waits_for_sender: bool = False):
    """A message to the sender, also mailed. Waiting for the sender's answer pauses
    the answer clock until they write back."""
    inquiry = _lock_for(inquiry, by=by, perm="inquiries.handle_inquiry")
    _refuse_closed(inquiry)
    body = _required(body)
    now = timezone.now()
    fields: list[str] = []
    _acknowledge(inquiry, now, fields)
    if inquiry.status != Inquiry.Status.DIALOGUE:
        inquiry.status = Inquiry.Status.DIALOGUE
        fields.append("status")
    if waits_for_sender:
        _start_pause(inquiry, now, fields)
    inquiry.save(update_fields=fields)
    message = InquiryMessage.objects.create(
        inquiry=inquiry,
        kind=InquiryMessage.Kind.TO_SENDER,
        author=by,
        body=body,
        waits_for_sender=waits_for_sender,
        created_at=now,
    )
    audit_log(
        actor=by,
        action="inquiry.replied",
        target=inquiry,
        data={"message": message.pk, "waits_for_sender": waits_for_sender},
    )
    notify.mail_sender(inquiry, "message", message_id=message.pk)
    return message


@transaction.atomic
def inquiry_note(*, inquiry: Inquiry, body: str, by) -> InquiryMessage:
    """An internal note: never shown or mailed to the sender."""
    inquiry = _lock_for(inquiry, by=by, perm="inquiries.handle_inquiry")
    note = InquiryMessage.objects.create(
        inquiry=inquiry, kind=InquiryMessage.Kind.NOTE, author=by, body=_required(body)
    )
    audit_log(actor=by, action="inquiry.noted", target=inquiry, data={"message": note.pk})
    return note


@transaction.atomic
def inquiry_sender_reply(*, inquiry: Inquiry, body: str, user=None) -> InquiryMessage:
    """The sender writes back (through the private link or their account): a case
    that waited for them runs again, and whoever holds it is mailed."""
    _rate_limit(
        "inquiries.sender_reply",
        _(
            "Many messages have been sent in this case in a short time. You can write again in "
            "%(wait)s."
        ),
        inquiry=inquiry.pk,
    )
    inquiry = _lock(inquiry)
    if inquiry.is_closed:
        raise InquiryError(
            _("The case is closed. Send a new inquiry if you have more to ask; mention %(ref)s.")
            % {"ref": inquiry.reference}
        )
    body = _required(body)
    now = timezone.now()
    fields: list[str] = []
    _end_pause(inquiry, now, WorkCalendar(), fields)
    if fields:
        inquiry.save(update_fields=fields)
    message = InquiryMessage.objects.create(
        inquiry=inquiry,
        kind=InquiryMessage.Kind.FROM_SENDER,
        author=user if user is not None and user.is_authenticated else None,
        body=body,
        created_at=now,
    )
    audit_log(actor=user, action="inquiry.sender_replied", target=inquiry, data={})
    notify.mail_staff(inquiry, "sender_replied", notify.holder_ids(inquiry))
    return message


def _required(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise InquiryError(_("Write a message."))
    return body


CLOSE_FIELDS = ("outcome_text", "outcome_link", "referred_to", "referred_contact")


@transaction.atomic
def inquiry_close(
    *,
    inquiry: Inquiry,
    outcome: str,
    by,
    text: str = "",
    link: str = "",
    referred_to: str = "",
    referred_contact: str = "",
) -> Inquiry:
    """Close with an outcome the sender reads: answered (the answer), became a
    collaboration (its link when there is one), referred elsewhere (whom and how to
    reach them) or declined (why)."""
    inquiry = _lock_for(inquiry, by=by, perm="inquiries.handle_inquiry")
    _refuse_closed(inquiry)
    text, referred_to, referred_contact = (
        text.strip(),
        referred_to.strip(),
        referred_contact.strip(),
    )
    if outcome not in Inquiry.Outcome.values:
        raise InquiryError(_("Choose how the case ends."))
    if outcome == Inquiry.Outcome.DECLINED and not text:
        raise InquiryError(_("Say why the inquiry is declined."))
    if outcome == Inquiry.Outcome.REFERRED and not (referred_to and referred_contact):
        raise InquiryError(_("Say where the sender can turn instead, and how to reach them."))
    if outcome == Inquiry.Outcome.ANSWERED and not text:
        raise InquiryError(_("Write the answer."))
    now = timezone.now()
    fields = ["status", "outcome", "closed_at", *CLOSE_FIELDS]
    _end_pause(inquiry, now, WorkCalendar(), fields)
    _acknowledge(inquiry, now, fields)
    inquiry.status, inquiry.outcome, inquiry.closed_at = Inquiry.Status.CLOSED, outcome, now
    inquiry.close_working_days = WorkCalendar().working_days_between(inquiry.received_at, now)
    fields.append("close_working_days")
    inquiry.outcome_text = text
    inquiry.outcome_link = link.strip() if outcome == Inquiry.Outcome.COLLABORATION else ""
    is_referred = outcome == Inquiry.Outcome.REFERRED
    inquiry.referred_to = referred_to if is_referred else ""
    inquiry.referred_contact = referred_contact if is_referred else ""
    inquiry.save(update_fields=list(dict.fromkeys(fields)))
    InquiryMessage.objects.create(
        inquiry=inquiry,
        kind=InquiryMessage.Kind.EVENT,
        event=InquiryMessage.Event.CLOSED,
        author=by,
        body=text,
        details={"outcome": outcome},
        created_at=now,
    )
    audit_log(actor=by, action="inquiry.closed", target=inquiry, data={"outcome": outcome})
    notify.mail_sender(inquiry, "closed")
    return inquiry


@transaction.atomic
def inquiry_delay_notice(*, inquiry: Inquiry, reason: str, expected_on: date, by) -> Inquiry:
    """Tell the sender the answer is delayed, why, and when to expect it
    (förvaltningslagen § 11). The deadline stays: escalation still follows it."""
    inquiry = _lock_for(inquiry, by=by, perm="inquiries.handle_inquiry")
    _refuse_closed(inquiry)
    reason = _required(reason)
    if expected_on <= timezone.localdate():
        raise InquiryError(_("Give a date after today."))
    now = timezone.now()
    inquiry.delay_noticed_at, inquiry.expected_answer_on = now, expected_on
    inquiry.save(update_fields=["delay_noticed_at", "expected_answer_on"])
    InquiryMessage.objects.create(
        inquiry=inquiry,
        kind=InquiryMessage.Kind.EVENT,
        event=InquiryMessage.Event.DELAYED,
        author=by,
        body=reason,
        details={"expected_on": expected_on.isoformat()},
        created_at=now,
    )
    audit_log(
        actor=by,
        action="inquiry.delay_noticed",
        target=inquiry,
        data={"expected_on": expected_on.isoformat()},
    )
    notify.mail_sender(inquiry, "delayed", reason=reason)
    return inquiry


@transaction.atomic
def inquiry_renew_link(*, inquiry: Inquiry, by=None) -> str:
    """A new private link, mailed to the sender; the old one stops working at once."""
    inquiry = _lock(inquiry)
    if inquiry.is_erased:
        raise InquiryError(_("The case's personal data has been erased."))
    token, inquiry.token_hash = new_token()
    inquiry.save(update_fields=["token_hash"])
    audit_log(actor=by, action="inquiry.link_renewed", target=inquiry, data={})
    notify.mail_sender(inquiry, "new_link", token=token)
    return token


# --- Deadlines and personal data ------------------------------------------------------


@transaction.atomic
def deadlines_recompute(*, by=None) -> int:
    """After a closed day is added or removed: every open case's stored deadlines
    again (the open cases only, a few hundred at most)."""
    calendar = WorkCalendar()
    changed = 0
    for inquiry in Inquiry.objects.open().select_for_update():
        before = [getattr(inquiry, name) for name in deadlines.DEADLINE_FIELDS]
        deadlines.set_deadlines(inquiry, calendar)
        if before != [getattr(inquiry, name) for name in deadlines.DEADLINE_FIELDS]:
            inquiry.save(update_fields=deadlines.DEADLINE_FIELDS)
            changed += 1
    if changed:
        audit_log(actor=by, action="inquiry.deadlines_recomputed", data={"changed": changed})
    return changed


def erase_sender_data(inquiry: Inquiry) -> None:
    """The sender's name, address, words and files go; the case stays as anonymous
    statistics (kind, topics, districts, department, dates, outcome)."""
    files = list(inquiry.attachments.all())
    inquiry.sender_user = None
    inquiry.sender_name = inquiry.sender_email = inquiry.subject = inquiry.message = ""
    inquiry.erased_at = timezone.now()
    inquiry.save(
        update_fields=[
            "sender_user",
            "sender_name",
            "sender_email",
            "subject",
            "message",
            "erased_at",
        ]
    )
    inquiry.messages.update(body="", details={})
    inquiry.handovers.update(reason="")
    for attachment in files:
        storage, name = attachment.file.storage, attachment.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    inquiry.attachments.all().delete()


@transaction.atomic
def inquiry_erase_personal_data(*, inquiry_id: int) -> bool:
    """Erase one closed case's personal data if it is still due (the retention
    sweep found it; it may have been erased since)."""
    from .sweeps import due_for_erasure

    inquiry = due_for_erasure(timezone.now()).select_for_update().filter(pk=inquiry_id).first()
    if inquiry is None:
        return False
    erase_sender_data(inquiry)
    audit_log(actor=None, action="inquiry.personal_data_erased", target=inquiry, data={})
    return True
