"""Rendering and sending the portal's e-mails in the recipient's language."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    *, template: str, to: list[str], context: dict[str, Any], language: str | None = None
) -> None:
    """Send ``<template>_subject.txt`` / ``<template>.txt`` (and ``.html`` if it exists)."""
    context = {
        "site_url": settings.SITE_URL,
        "portal_name": settings.PORTAL_NAME,
        "municipality_name": settings.MUNICIPALITY_NAME,
        **context,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send_rendered_mail(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send a message rendered elsewhere (allauth's, rendered in the request)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
