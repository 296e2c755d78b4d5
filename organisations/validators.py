"""Swedish organisation numbers: NNNNNN-NNNN with a Luhn check digit."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS = re.compile(r"^(?:16)?(\d{6})[-+ ]?(\d{4})$", re.ASCII)  # \d: 0-9 only


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


# What a person may type, with the century and spaces: "16 802456 - 7890".
TYPED_MAX_LENGTH = 20
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")


def ascii_digits(value: str) -> str:
    """Every Unicode decimal digit (Arabic-Indic, Devanagari, fullwidth, ...) as
    its ASCII digit, and typographic dashes as '-': what a phone keyboard or a
    pasted document gives is the number the person meant."""
    value = unicodedata.normalize("NFKC", value).translate(_DASHES)
    return "".join(
        str(unicodedata.decimal(ch))
        if not ch.isascii() and unicodedata.category(ch) == "Nd"
        else ch
        for ch in value
    )


def normalise_organisation_number(value: str) -> str:
    """'8024567890', '802456-7890', '16802456-7890', '٨٠٢٤٥٦-٧٨٩٠' -> '802456-7890'.
    Values that don't look like a number are returned stripped, for the validator."""
    value = ascii_digits(value or "").strip()
    match = _DIGITS.match(value.replace(" ", "") if " " in value else value)
    if not match:
        return value
    return f"{match.group(1)}-{match.group(2)}"


def validate_organisation_number(value: str) -> None:
    normalised = normalise_organisation_number(value)
    match = _DIGITS.match(normalised)
    if not match:
        raise ValidationError(
            _("Enter the organisation number as ten digits: NNNNNN-NNNN."),
            code="format",
        )
    if not luhn_ok(match.group(1) + match.group(2)):
        raise ValidationError(
            _("The organisation number's check digit is wrong; please check the number."),
            code="checksum",
        )
