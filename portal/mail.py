"""Rendering and sending the portal's e-mails in the recipient's language.

Every link in a mail, the portal's own and allauth's, is built by ``site_url``
from SITE_URL: never from the host a request came in on, and the same whether
a request, a sweep or a worker sends the mail.
"""

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def site_url(location: str) -> str:
    """The absolute address of ``location`` on SITE_URL: a path (``reverse()``'s),
    or another absolute URL of the portal whose path, query and fragment are kept."""
    parts = urlsplit(location)
    return settings.SITE_URL + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def mail_context() -> dict[str, Any]:
    """What every mail may use: the portal's name and home page, the municipality's name."""
    return {
        "site_url": site_url(reverse("home")),
        "portal_name": settings.PORTAL_NAME,
        "municipality_name": settings.MUNICIPALITY_NAME,
    }


def render_templated_mail(
    *, template: str, context: dict[str, Any], language: str | None = None
) -> tuple[str, str, str | None]:
    """(subject, text, html or None) of ``<template>_subject.txt``, ``<template>.txt``
    and ``<template>.html`` if it exists, in ``language`` (default: Swedish)."""
    context = {**mail_context(), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, body, html


def send_templated_mail(
    *,
    template: str,
    to: list[str],
    context: dict[str, Any],
    language: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send ``<template>`` (see ``render_templated_mail``) to ``to``."""
    subject, body, html = render_templated_mail(
        template=template, context=context, language=language
    )
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
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
