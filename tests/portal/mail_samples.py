"""A sample context for every mail the portal sends, built as the code that sends
it builds it, for tests/portal/test_mail_links.py: that test renders every mail
template found under templates/ and fails for one that has no entry here.

``PORTAL_MAILS``: templates/<app>/emails/<name> (portal.mail.render_templated_mail),
the register's with ``organisations.tasks.register_mail_context`` and what the
service passes, the reminders' with ``portal.reminders.reminder_context``.
``ALLAUTH_MAILS``: templates/account/email/<name> (allauth's, overridden), with the
context allauth builds in a request, links from the request's host included; the
adapter (``AccountAdapter.mail_context``) then makes them the portal's.
"""

import datetime
from collections.abc import Callable

from allauth.account.internal import flows
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.utils import timezone

from organisations import confirmation
from organisations.models import Invitation, Membership
from organisations.tasks import register_mail_context
from portal import reminders
from portal.adapters import AccountAdapter
from portal.models import ReminderDelivery
from tests.organisations.factories import (
    ConfirmationRoundFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

Sample = Callable[[], dict]


def _org():
    return OrganisationFactory(name="Vivalla Schackklubb", slug="vivalla-schackklubb")


def _register(extra: dict | None = None, org=None) -> Sample:
    def build():
        return {**register_mail_context(org or _org(), dict(extra or {})), "recipient": None}

    return build


def _invitation() -> dict:
    org, by = _org(), UserFactory(first_name="Anna", last_name="Berg")
    invitation = Invitation.objects.create(
        organisation=org, email="ny@example.se", role=Membership.Role.EDITOR, invited_by=by
    )
    extra = {
        "token": invitation.token,
        "inviter_name": by.get_full_name(),
        "inviter_email": by.email,
    }
    return {**register_mail_context(org, extra), "recipient": None}


def _reminder(kind: str, target, recipient) -> dict:
    delivery = ReminderDelivery.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        recipient=recipient,
        recipient_email=recipient.email,
        due=timezone.localdate(),
    )
    return reminders.reminder_context(delivery)


def _confirmation(kind: str) -> Sample:
    def build():
        ConfirmationRoundFactory()
        return _reminder(kind, _org(), UserFactory())

    return build


def _unconfirmed_report() -> dict:
    round_ = ConfirmationRoundFactory(starts_on=timezone.localdate() - datetime.timedelta(days=50))
    OrganisationFactory(name="Obekräftad förening", unconfirmed_since=timezone.now())
    return _reminder(confirmation.UNCONFIRMED_REPORT, round_, make_municipal_coordinator())


def _verify_email() -> dict:
    user = UserFactory(email="ny@example.se")
    EmailAddress.objects.filter(user=user).update(verified=False)
    return _reminder("account.verify_email", user, user)


def _contact_review() -> dict:
    from portal.contacts.review import REMINDER
    from tests.contacts.factories import ContactPathFactory

    path = ContactPathFactory(title="Föreningsbidrag")
    return _reminder(REMINDER, path, make_municipal_coordinator())


def _activity_mail(reason: str) -> Sample:
    def build():
        from tests.organisations.factories import ActivityFactory

        activity = ActivityFactory(organisation=_org(), title="Schack för nybörjare")
        extra = {"activity_id": activity.pk, "reason": reason}
        return {**register_mail_context(activity.organisation, extra), "recipient": None}

    return build


def _inquiry_mail(template: str, event: str, **extra) -> Sample:
    def build():
        from portal.inquiries.tasks import inquiry_mail_context
        from tests.inquiries.factories import submit

        inquiry, token = submit(user=UserFactory())
        context = {"event": event, "token": token if event == "received" else None, **extra}
        recipient = UserFactory() if template.endswith("to_staff") else None
        return {**inquiry_mail_context(inquiry, context), "recipient": recipient}

    return build


def _meeting(**kwargs):
    from tests.dialogues.factories import MeetingFactory

    return MeetingFactory(
        theme="Lokaler för föreningslivet", online_url="https://mote.example.se/abc", **kwargs
    )


def _registration(registration_status: str = "confirmed", **meeting) -> Sample:
    def build():
        from dialogues.models import Registration
        from dialogues.tasks import registration_mail_context

        registration = Registration.objects.create(
            meeting=_meeting(**meeting),
            organisation=_org(),
            attendees=2,
            status=registration_status,
        )
        return {**registration_mail_context(registration), "recipient": None}

    return build


def _moved() -> dict:
    context = _registration()()
    return {**context, "moved_from": context["meeting"].starts_at - datetime.timedelta(days=7)}


def _inquiry_reminder(kind: str) -> Sample:
    def build():
        from tests.inquiries.factories import submit

        return _reminder(kind, submit()[0], make_municipal_coordinator())

    return build


def _meeting_invitation() -> dict:
    from dialogues.models import MeetingInvitation
    from dialogues.services.invitations import INVITATION

    invitation = MeetingInvitation.objects.create(meeting=_meeting(), organisation=_org())
    return _reminder(INVITATION, invitation, UserFactory())


def _meeting_reminder(days: int) -> Sample:
    def build():
        from dialogues.models import Registration
        from dialogues.sweeps_registrations import REMINDERS

        registration = Registration.objects.create(
            meeting=_meeting(), organisation=_org(), attendees=1, registered_by=UserFactory()
        )
        kind = {d: k for k, d in REMINDERS}[days]
        return _reminder(kind, registration, registration.registered_by)

    return build


def _cadence_reminder() -> dict:
    from dialogues.sweeps_cadence import KIND
    from tests.dialogues.factories import ForumFactory

    forum = ForumFactory(name="Pensionärsrådet", slug="pensionarsradet", cadence_months=3)
    return _reminder(KIND, forum, UserFactory())


def _term_end_reminder() -> dict:
    from partnerships.sweeps_renewal import KIND
    from tests.partnerships.factories import AgreementFactory

    agreement = AgreementFactory(title="IOP om läxhjälp i Vivalla")
    return _reminder(KIND, agreement, UserFactory())


def _survey_mail(kind: str) -> Sample:
    def build():
        from tests.surveys.factories import sent_survey

        org = _org()
        survey = sent_survey([org], title="Civilsamhällets syn på samverkan")
        return _reminder(kind, survey.recipients.get(organisation=org), UserFactory())

    return build


def _follow_up(template: str) -> Sample:
    def build():
        from dialogues.models import FollowUpItem
        from portal.mail import site_url

        meeting = _meeting(status="minutes_published")
        item = FollowUpItem.objects.create(
            meeting=meeting, title="Fler lokaler", status="done", answer="Lokalen är bokad."
        )
        return {
            "meeting": meeting,
            "forum": meeting.forum,
            "item": item if template == "follow_up_changed" else None,
            "recipient": UserFactory(),
            "meeting_url": site_url(meeting.get_absolute_url()),
        }

    return build


def _follow_up_reminder(kind: str) -> Sample:
    def build():
        from dialogues import sweeps_followups
        from dialogues.models import FollowUpItem

        meeting = _meeting(status="minutes_published")
        if kind == sweeps_followups.MINUTES_KIND:
            return _reminder(kind, meeting, UserFactory())
        item = FollowUpItem.objects.create(
            meeting=meeting,
            title="Fler lokaler",
            owner=UserFactory(first_name="Eva", last_name="Lind"),
            due_on=timezone.localdate() - datetime.timedelta(days=3),
        )
        if kind == sweeps_followups.ITEM_KIND:
            return _reminder(kind, item, item.owner)
        return _reminder(kind, meeting.forum, UserFactory())

    return build


def _report():
    from tests.partnerships.report_factories import setting

    s = setting(title="Delrapport år ett")
    s.report.review_comment = "Beskriv målgruppen."
    return s


def _report_mail() -> dict:
    from partnerships.tasks import report_mail_context

    s = _report()
    return report_mail_context(s.report, s.representative)


def _report_reminder(kind_name: str) -> Sample:
    def build():
        from partnerships import sweeps_reports

        kind = getattr(sweeps_reports, kind_name)
        s = _report()
        if kind == sweeps_reports.OVERDUE_WEEKLY:
            return _reminder(kind, s.official, s.official)
        return _reminder(kind, s.report, s.representative)

    return build


PORTAL_MAILS: dict[str, Sample] = {
    "contacts/emails/review_reminder": _contact_review,
    "inquiries/emails/to_sender": _inquiry_mail("inquiries/emails/to_sender", "received"),
    "inquiries/emails/to_staff": _inquiry_mail("inquiries/emails/to_staff", "assigned"),
    "inquiries/emails/deadline_reminder": _inquiry_reminder("inquiries.answer_reminder"),
    "inquiries/emails/deadline_escalation": _inquiry_reminder("inquiries.acknowledge_escalation"),
    "dialogues/emails/cadence_reminder": _cadence_reminder,
    "partnerships/emails/term_end_reminder": _term_end_reminder,
    "dialogues/emails/follow_up_changed": _follow_up("follow_up_changed"),
    "dialogues/emails/follow_up_digest": _follow_up_reminder("dialogues.follow_up_digest"),
    "dialogues/emails/follow_up_overdue": _follow_up_reminder("dialogues.follow_up_overdue"),
    "dialogues/emails/minutes_overdue": _follow_up_reminder("dialogues.minutes_overdue"),
    "dialogues/emails/minutes_published": _follow_up("minutes_published"),
    "dialogues/emails/invitation": _meeting_invitation,
    "dialogues/emails/meeting_cancelled": _registration(
        "waiting", status="cancelled", cancelled_reason="Lokalen är vattenskadad."
    ),
    "dialogues/emails/meeting_moved": _moved,
    "dialogues/emails/meeting_reminder": _meeting_reminder(1),
    "dialogues/emails/registration_created": _registration("waiting"),
    "dialogues/emails/registration_promoted": _registration(),
    "partnerships/emails/report_submitted": _report_mail,
    "partnerships/emails/report_returned": _report_mail,
    "partnerships/emails/report_signed": _report_mail,
    "partnerships/emails/report_approved": _report_mail,
    "partnerships/emails/report_due_soon": _report_reminder("DUE_SOON"),
    "partnerships/emails/report_overdue": _report_reminder("OVERDUE"),
    "partnerships/emails/reports_overdue_weekly": _report_reminder("OVERDUE_WEEKLY"),
    "surveys/emails/invitation": _survey_mail("surveys.invitation"),
    "surveys/emails/receipt": _survey_mail("surveys.receipt"),
    "surveys/emails/reminder": _survey_mail("surveys.reminder_2"),
    "organisations/emails/activity_cancelled": _activity_mail("Lokalen är stängd."),
    "organisations/emails/activity_hidden": _activity_mail("Fel uppgifter om platsen."),
    "organisations/emails/activity_restored": _activity_mail(""),
    "organisations/emails/approved": _register({"message": "Välkomna!"}),
    "organisations/emails/archived": _register({"reason": "Föreningen har upphört."}),
    "organisations/emails/awaiting_approval": _register(),
    "organisations/emails/changes_requested": _register({"reason": "Stadgar saknas."}),
    "organisations/emails/confirm_request": _confirmation(confirmation.REQUEST),
    "organisations/emails/confirm_reminder": _confirmation(confirmation.REMINDER_14),
    "organisations/emails/invitation": _invitation,
    "organisations/emails/join_request": _register(
        {"requester_name": "Bo Ek", "requester_email": "bo@example.se", "message": "Hej!"}
    ),
    "organisations/emails/join_request_decided": _register({"accepted": True, "named": True}),
    "organisations/emails/needs_administrator": _register(),
    "organisations/emails/registered": _register(),
    "organisations/emails/unconfirmed_report": _unconfirmed_report,
    "portal/emails/verify_email_reminder": _verify_email,
}


# --- allauth's mails: the context its flows build, in a request to another host --------


def _request():
    return RequestFactory().get("/", HTTP_HOST="testserver")


def _confirmation_mail() -> dict:
    user = UserFactory(email="person@example.se")
    address = EmailAddress.objects.create(user=user, email="ny@example.se")
    key = EmailConfirmationHMAC(address).key
    # allauth's own link, from the request, as without the portal's adapter
    activate_url = flows.email_verification.get_email_verification_url(
        _request(), EmailConfirmationHMAC(address)
    )
    return {"user": user, "key": key, "activate_url": activate_url}


def _password_reset() -> dict:
    user = UserFactory(email="person@example.se")
    key = "3-abc123-0123456789abcdef"
    return {
        "user": user,
        "password_reset_url": flows.password_reset.get_reset_password_from_key_url(_request(), key),
        "request": _request(),
    }


def _already_exists() -> dict:
    return {
        "signup_url": flows.signup.get_signup_url(_request()),
        "password_reset_url": flows.password_reset.get_reset_password_url(_request()),
    }


def _unknown_account() -> dict:
    return {"request": _request(), "signup_url": flows.signup.get_signup_url(_request())}


ALLAUTH_MAILS: dict[str, Sample] = {
    "account/email/email_confirmation": _confirmation_mail,
    "account/email/email_confirmation_signup": _confirmation_mail,
    "account/email/password_reset_key": _password_reset,
    "account/email/account_already_exists": _already_exists,
    "account/email/unknown_account": _unknown_account,
}


def allauth_context(template: str, email: str = "ny@example.se") -> dict:
    """An allauth mail's context as ``AccountAdapter.send_mail`` renders it."""
    return AccountAdapter().mail_context(email, ALLAUTH_MAILS[template]())
