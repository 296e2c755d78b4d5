"""What a contact path accepts as a phone number and as a link to a related page."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from organisations.validators import ascii_digits

# Digits with the separators people write: "08-535 300 00", "+46 8 535 300 00",
# "020-123 45 67", "(08) 535 300 00". Seven to fifteen digits (E.164's most).
_PHONE = re.compile(r"^\+?[\d\s\-()/]+$")
MIN_DIGITS, MAX_DIGITS = 7, 15


def validate_phone(value: str) -> None:
    value = ascii_digits(value or "").strip()
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE.match(value) or not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise ValidationError(
            _("Enter a phone number of digits, for example 08-535 300 00 or +46 8 535 300 00."),
            code="phone",
        )


_URL = URLValidator(schemes=["https", "http"])


def validate_page_link(value: str) -> None:
    """An absolute http(s) address, or a path on this portal ("/forum/…"); never
    "//host" (another site without a scheme) or a script."""
    if value.startswith("/") and not value.startswith("//") and " " not in value:
        return
    try:
        _URL(value)
    except ValidationError as exc:
        raise ValidationError(
            _("Enter an address starting with https:// or a page of this portal starting with /."),
            code="link",
        ) from exc
