"""Quoting what a person wrote in the portal's mails, so that a reader sees where
the portal's words end and theirs begin.

Both filters return plain text (never marked safe): an HTML template escapes it,
and nothing turns it into a link."""

from django import template
from django.utils.text import Truncator
from django.utils.translation import pgettext

from portal.inputs import CONTROL

register = template.Library()


@register.filter
def quoted(value, limit=80) -> str:
    """One line in quotation marks, at most ``limit`` characters of it."""
    text = " ".join(CONTROL.sub("", str(value or "")).split())
    text = Truncator(text).chars(int(limit))
    return pgettext("quotation of what a person wrote", "“%(text)s”") % {"text": text}


@register.filter
def quoted_block(value, limit=2000) -> str:
    """A passage, every line marked with "> " as mail programs quote; at most
    ``limit`` characters of it."""
    text = CONTROL.sub("", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    text = Truncator(text.strip()).chars(int(limit))
    return "\n".join(f"> {line}".rstrip() for line in text.split("\n"))
