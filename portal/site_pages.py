"""A site page's stored plain text as HTML blocks, with the municipality's contact
filled in when the page is shown.

The text is what coordinators edit in the admin: a blank line starts a paragraph, a
paragraph starting with "## " is a heading, and {contact_email} or {contact_phone}
stands for the contact of the settings (portal/contact.py), so the pages never hold
an address that goes stale. Everything else is escaped."""

import re

from django.conf import settings
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .contact import Contact
from .models import SitePage

TOKEN = re.compile(r"\{(contact_email|contact_phone)\}")


def mail_subject(slug: str) -> str:
    """The subject of a page's e-mail link: a report about accessibility or personal
    data says so, so that the contact centre can pass it on at once."""
    values = {"portal": settings.PORTAL_NAME}
    if slug == SitePage.ACCESSIBILITY:
        return _("Accessibility problem on %(portal)s") % values
    if slug == SitePage.PRIVACY:
        return _("Personal data on %(portal)s") % values
    return _("Question about %(portal)s") % values


def _with_contact(text: str, contact: Contact, subject: str, *, links: bool) -> SafeString:
    parts, last = [], 0
    for match in TOKEN.finditer(text):
        parts.append(escape(text[last : match.start()]))
        if match.group(1) == "contact_email":
            value, href = contact.email_html, contact.mailto(subject)
        else:
            value, href = escape(contact.phone_display), contact.phone_uri
        parts.append(format_html('<a href="{}">{}</a>', href, value) if links else value)
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # every part is escaped above


def text_blocks(text: str, *, contact: Contact, subject: str) -> list[dict]:
    """The paragraphs and headings of a page's text, each as safe HTML."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        if chunk.startswith("## "):
            heading = _with_contact(chunk[3:].strip(), contact, subject, links=False)
            blocks.append({"heading": True, "html": heading})
        elif chunk.strip():
            paragraph = _with_contact(chunk, contact, subject, links=True)
            blocks.append({"heading": False, "html": mark_safe(linebreaks(paragraph))})
    return blocks
