"""Celery entry points for minutes and follow-up mail: ids in, one recipient per
task, so a retry never mails someone twice."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model

from portal.mail import send_templated_mail, site_url

from .models import FollowUpItem, Meeting

MAILS = {"minutes_published", "follow_up_changed"}


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_follow_up_mail(
    self, *, template: str, meeting_id: int, user_id: int, item_id: int | None = None
) -> bool:
    """One mail about a meeting's minutes or one of its items, in the recipient's
    language; nothing when the meeting, item or account is gone."""
    if template not in MAILS:
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
