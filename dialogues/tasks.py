"""Celery entry points of the dialogues: thin, they take ids, re-fetch and send,
one recipient per task, so a retry never mails someone twice. Invitations and
reminders go through the core's delivery log (portal.tasks.send_reminder); these
tasks send what a sign-up's change of state tells the association, and what
minutes and follow-up answers tell the participants."""

from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.mail import send_templated_mail, site_url

from .models import FollowUpItem, Meeting, Registration

REGISTRATION_MAILS = {
    "registration_created",
    "registration_promoted",
    "meeting_cancelled",
    "meeting_moved",
}
FOLLOW_UP_MAILS = {"minutes_published", "follow_up_changed"}


def meeting_links(meeting: Meeting, organisation=None) -> dict[str, str]:
    """The links a mail about a meeting carries: the page (at the sign-up form, with
    the association chosen), its calendar file and the representative's meetings."""
    page = meeting.get_absolute_url()
    signup = f"{page}?forening={organisation.pk}#anmalan" if organisation else f"{page}#anmalan"
    return {
        "meeting_url": site_url(page),
        "forum_url": site_url(meeting.forum.get_absolute_url()),
        "signup_url": site_url(signup),
        "ics_url": site_url(
            reverse("dialogues:meeting_ics", args=[meeting.forum.slug, meeting.pk])
        ),
        "my_meetings_url": site_url(reverse("dialogues:my_meetings")),
    }


def registration_mail_context(registration: Registration) -> dict:
    meeting = registration.meeting
    return {
        "registration": registration,
        "meeting": meeting,
        "forum": meeting.forum,
        "organisation": registration.organisation,
        **meeting_links(meeting, registration.organisation),
    }


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_registration_mail(
    self,
    *,
    template: str,
    registration_id: int,
    user_id: int | None = None,
    email: str = "",
    moved_from: str = "",
) -> bool:
    """One mail about a sign-up to one person (or the association's address), in
    their language; ``moved_from`` is a moved meeting's former start (ISO 8601).
    Nothing when the sign-up or the account is gone since."""
    if template not in REGISTRATION_MAILS:
        raise ValueError(f"Unknown mail {template!r}")
    registration = (
        Registration.objects.select_related("meeting__forum", "organisation")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    user = None
    if user_id is not None:
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            return False
        email = user.email
    send_templated_mail(
        template=f"dialogues/emails/{template}",
        to=[email],
        context={
            **registration_mail_context(registration),
            "recipient": user,
            "moved_from": datetime.fromisoformat(moved_from) if moved_from else None,
        },
        language=(user.language if user else None) or settings.LANGUAGE_CODE,
    )
    return True


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_follow_up_mail(
    self, *, template: str, meeting_id: int, user_id: int, item_id: int | None = None
) -> bool:
    """One mail about a meeting's minutes or one of its items, in the recipient's
    language; nothing when the meeting, item or account is gone."""
    if template not in FOLLOW_UP_MAILS:
        raise ValueError(f"Unknown mail {template!r}")
    meeting = Meeting.objects.select_related("forum").filter(pk=meeting_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    item = FollowUpItem.objects.filter(pk=item_id).first() if item_id else None
    if meeting is None or user is None or (item_id and item is None):
        return False
    send_templated_mail(
        template=f"dialogues/emails/{template}",
        to=[user.email],
        context={
            "meeting": meeting,
            "forum": meeting.forum,
            "item": item,
            "recipient": user,
            "meeting_url": site_url(meeting.get_absolute_url()),
        },
        language=getattr(user, "language", "") or settings.LANGUAGE_CODE,
    )
    return True
