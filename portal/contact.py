"""The municipality's contact: one e-mail address and one phone number from the
settings (CONTACT_EMAIL, CONTACT_PHONE), so the footer, the contact page, the error
and placeholder pages and the site pages' text all name the same, real contact."""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str

    def mailto(self, subject: str = "") -> str:
        """A mailto: link, with the subject filled in so the message reaches the
        right desk without the sender having to explain where it came from."""
        link = f"mailto:{self.email}"
        return f"{link}?subject={quote(subject)}" if subject else link

    @property
    def email_html(self) -> SafeString:
        """The address with line-break opportunities after the @ and before each dot:
        a long address wraps on a 320-pixel phone instead of widening the page."""
        local, at, domain = self.email.partition("@")
        parts = [escape(part) for part in domain.split(".")]
        return mark_safe(escape(local) + (at + "<wbr>" if at else "") + "<wbr>.".join(parts))

    @property
    def phone_display(self) -> str:
        """The number with no-break spaces, so that it never wraps in the middle."""
        return self.phone.replace(" ", "\u00a0")

    @property
    def default_mailto(self) -> str:
        return self.mailto(_("Question about %(portal)s") % {"portal": settings.PORTAL_NAME})

    @property
    def phone_uri(self) -> str:
        """The number as a tel: link in international form: "08-465 004 00" is
        tel:+46846500400 (a Swedish number starting with 0 drops the 0 for +46)."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        elif digits.startswith("0"):
            digits = "+46" + digits[1:]
        return f"tel:{digits}"


def contact() -> Contact:
    return Contact(email=settings.CONTACT_EMAIL, phone=settings.CONTACT_PHONE)
