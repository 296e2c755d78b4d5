"""What the portal accepts from a person, in one place: dates in a sane range,
text without control characters.

Every form of the portal (the FilterSets' and the admin's too) derives from
``CleanInputMixin``; the database holds the same date range with ``within_years``
constraints; ``portal.middleware.RejectNulMiddleware`` answers 400 for NUL in any
parameter before a form sees it, and ``portal.admin.CleanInputAdminMixin`` keeps
the admin's lookups from overflowing.
"""

import re
from datetime import UTC, date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2100
# Python's datetime and PostgreSQL reach further, but a year outside these is a typo,
# and at year 1 or 9999 a time zone shift leaves the range of one or the other.
DATE_MIN, DATE_MAX = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
DATETIME_MIN = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
DATETIME_MAX = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)

# RFC 5545 forbids these in a feed, XML 1.0 (XLSX) most of them, mail headers all;
# multi-line text keeps tab, CR and LF. C1 controls are never meaningful either.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"[\t\r\n]+")


@deconstructible
class DateRangeValidator:
    """A date or datetime between FIRST_YEAR and LAST_YEAR (UTC for datetimes, the
    bound the database constraint uses)."""

    message = _("Enter a date between the years %(first)s and %(last)s.")
    code = "date_range"

    def __call__(self, value):
        if isinstance(value, datetime):
            inside = DATETIME_MIN <= value < DATETIME_MAX
        else:
            inside = DATE_MIN <= value <= DATE_MAX
        if not inside:
            raise ValidationError(
                self.message, code=self.code, params={"first": FIRST_YEAR, "last": LAST_YEAR}
            )

    def __eq__(self, other):
        return isinstance(other, DateRangeValidator)


validate_date_range = DateRangeValidator()


def _years_message() -> str:
    return gettext("Enter a date between the years %(first)s and %(last)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


# The message of every ``within_years`` constraint, in the reader's language.
WITHIN_YEARS_MESSAGE = lazy(_years_message, str)()


def within_years(field: str, *, dates: bool = False, null: bool = False) -> Q:
    """The database's twin of ``validate_date_range``, for a CheckConstraint
    (``dates`` for a DateField)."""
    if dates:
        inside = Q(**{f"{field}__gte": DATE_MIN, f"{field}__lte": DATE_MAX})
    else:
        inside = Q(**{f"{field}__gte": DATETIME_MIN, f"{field}__lt": DATETIME_MAX})
    return inside | Q(**{f"{field}__isnull": True}) if null else inside


def clean_text(value: str, *, multiline: bool) -> str:
    """``value`` without control characters; a single line also without breaks."""
    if not multiline:
        value = LINE_BREAKS.sub(" ", value)
    return CONTROL.sub("", value)


class CleanInputMixin:
    """For every form: its date fields take only FIRST_YEAR–LAST_YEAR, and its text
    loses control characters before anything stores, mails or feeds it (a
    ``Textarea`` keeps its line breaks and tabs). Passwords are left as typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField):
                field.validators.append(validate_date_range)

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if not isinstance(value, str) or isinstance(field.widget, forms.PasswordInput):
                continue
            value = clean_text(value, multiline=isinstance(field.widget, forms.Textarea))
            if field.required and not value.strip():
                self.add_error(name, ValidationError(field.error_messages["required"], "required"))
            else:
                cleaned[name] = value
        return cleaned


class CleanForm(CleanInputMixin, forms.Form):
    """The base of plain forms and of the FilterSets' forms (``Meta.form``)."""


class CleanModelForm(CleanInputMixin, forms.ModelForm):
    """The base of model forms, the admin's among them (portal/admin.py)."""
