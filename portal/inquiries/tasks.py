"""Celery entry points of En väg in: thin, they take ids, re-fetch and call a
service or send one mail."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.mail import send_templated_mail, site_url

from .deadlines import expected_answer_date
from .models import Inquiry


def inquiry_mail_context(inquiry: Inquiry, context: dict) -> dict:
    """A mail's context: the case, its links (the private one when the service
    passed a fresh token), the expected answer date, and what the service passed."""
    token = context.get("token")
    return {
        **context,
        "inquiry": inquiry,
        "case_url": site_url(reverse("inquiries:case", args=[inquiry.reference])),
        "follow_url": site_url(reverse("inquiries:follow", args=[token])) if token else None,
        "mine_url": site_url(reverse("inquiries:mine")) if inquiry.sender_user_id else None,
        "expected_on": expected_answer_date(inquiry),
    }


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_inquiry_mail(
    self,
    *,
    template: str,
    inquiry_id: int,
    context: dict,
    user_id: int | None = None,
    email: str | None = None,
) -> bool:
    inquiry = Inquiry.objects.select_related("department", "assignee").filter(pk=inquiry_id).first()
    if inquiry is None:
        return False
    if user_id is not None:
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            return False
        to, language, recipient = user.email, user.language, user
    else:
        if not inquiry.sender_email or inquiry.sender_email != email:
            return False  # erased, or the address changed since
        to, language, recipient = email, inquiry.sender_language, None
    send_templated_mail(
        template=template,
        to=[to],
        context={**inquiry_mail_context(inquiry, context), "recipient": recipient},
        language=language,
    )
    return True


@shared_task
def erase_inquiry_personal_data(inquiry_id: int) -> bool:
    from .services import inquiry_erase_personal_data

    return inquiry_erase_personal_data(inquiry_id=inquiry_id)
