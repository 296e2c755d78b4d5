"""Celery entry points for the follow-up reports' mail: ids in, one recipient per
task, so a retry never mails someone twice."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model

from portal.mail import send_templated_mail

MAILS = {"report_submitted", "report_returned", "report_signed", "report_approved"}


def report_mail_context(report, recipient) -> dict:
    from portal.mail import site_url

    return {
        "report": report,
        "agreement": report.agreement,
        "recipient": recipient,
        "report_url": site_url(report.get_absolute_url()),
    }


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_report_mail(self, *, template: str, report_id: int, user_id: int) -> bool:
    """One mail about a report, in the recipient's language; nothing when the
    report or the account is gone."""
    from .models import ReportDue

    if template not in MAILS:
        raise ValueError(f"Unknown mail {template!r}")
    report = ReportDue.objects.select_related("agreement").filter(pk=report_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if report is None or user is None:
        return False
    send_templated_mail(
        template=f"partnerships/emails/{template}",
        to=[user.email],
        context=report_mail_context(report, user),
        language=getattr(user, "language", "") or settings.LANGUAGE_CODE,
    )
    return True
