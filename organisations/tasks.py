"""Celery entry points of the register: thin, they take ids and re-fetch."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.mail import send_templated_mail, site_url

from .models import Activity, Organisation


def organisation_links(org: Organisation | None) -> dict[str, str]:
    if org is None:
        return {}
    return {
        "edit_url": site_url(reverse("organisations:edit", args=[org.slug])),
        "confirm_url": site_url(reverse("organisations:confirm", args=[org.slug])),
        "members_url": site_url(reverse("organisations:members", args=[org.slug])),
        "mine_url": site_url(reverse("organisations:mine")),
        "activities_url": site_url(reverse("organisations:activities", args=[org.slug])),
        "admin_url": site_url(reverse("admin:organisations_organisation_change", args=[org.pk])),
    }


def register_mail_context(org: Organisation | None, context: dict) -> dict | None:
    """A register mail's context: the organisation and its links, what the service
    passed, the activity it is about, and for an invitation the link that accepts
    it. None when the activity is gone."""
    context = {"organisation": org, **organisation_links(org), **context}
    if context.get("activity_id"):
        context["activity"] = Activity.objects.filter(pk=context["activity_id"]).first()
        if context["activity"] is None:
            return None
    if context.get("token"):
        context["accept_url"] = site_url(
            reverse("organisations:invitation_accept", args=[context["token"]])
        )
    return context


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_register_mail(
    self,
    *,
    template: str,
    user_ids: list[int],
    emails: list[str],
    organisation_id: int | None,
    context: dict,
) -> int:
    org = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    context = register_mail_context(org, context)
    if context is None:
        return 0  # the activity it was about was deleted since: nothing left to tell
    sent = 0
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    for user in users:
        send_templated_mail(
            template=template,
            to=[user.email],
            context={**context, "recipient": user},
            language=user.language or settings.LANGUAGE_CODE,
        )
        sent += 1
    for email in emails:
        send_templated_mail(
            template=template,
            to=[email],
            context={**context, "recipient": None},
            language=settings.LANGUAGE_CODE,
        )
        sent += 1
    return sent
