"""Figures of the survey results in the page's language: Swedish "1 234,5", and a
change with its sign and unit in words ("+12 procentenheter"), so that it reads
without colour."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def figure(value) -> str:
    """A number with as many decimals as it was rounded to; "–" for none."""
    if value is None:
        return "–"
    decimals = max(-value.as_tuple().exponent, 0) if isinstance(value, Decimal) else 0
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def signed(value, unit: str = "") -> str:
    """A change: "+" or "−" (or "±" for none), the figure and its unit:
    ``points`` (percentage points), ``amount`` (kronor) or none."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    text = sign + figure(abs(value))
    if unit == "points":
        return ngettext(
            "%(change)s percentage point",
            "%(change)s percentage points",
            1 if abs(value) == 1 else 2,
        ) % {"change": text}
    if unit == "amount":
        return _("%(amount)s SEK") % {"amount": text}
    return text


@register.filter
def measure(value, unit: str = "") -> str:
    """A mean or median with its unit: "40,5 %" for a percentage, "25 000 kr"."""
    if value is None:
        return "–"
    if unit == "points":
        return f"{figure(value)} %"
    if unit == "amount":
        return _("%(amount)s SEK") % {"amount": figure(value)}
    return figure(value)
