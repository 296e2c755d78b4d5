"""``{{ text|rich_text }}``: coordinators' rich text, sanitised (portal/richtext.py)."""

from django import template

from portal.richtext import sanitise

register = template.Library()


@register.filter
def rich_text(value):
    return sanitise(str(value or ""))
