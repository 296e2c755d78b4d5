from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from . import officials
from .client_ip import client_ip
from .mail import mail_context, site_url

# Session key: {"email": ..., "url": ...}, where to go once that address is confirmed
# (set by a page that asked the person to add an address, as an invitation does).
AFTER_EMAIL_VERIFICATION = "portal.after_email_verification"


def user_display(user) -> str:
    """How allauth names an account (ACCOUNT_USER_DISPLAY), in its pages and in the
    mail it sends to an address someone added: the account's own address, never the
    name the person typed, so that no free text reaches a stranger's inbox."""
    return user.email


class PortalSite(NamedTuple):
    """What allauth's mail templates call ``current_site``: without the Sites
    framework allauth would take the request's host ("Hej från 127.0.0.1:8301!")."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(name=settings.PORTAL_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, storing the language a person signed up in so that later
    e-mails reach them in it, sending allauth's mail from the worker, reading the
    client's address behind our trusted proxies for the rate limits, and sending
    officials to their page after logging in."""

    def get_client_ip(self, request):
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def login(self, request, user) -> None:
        """Log in, and keep in the session whether to link to the page for officials
        (portal/officials.py), so the header asks no query on later pages."""
        super().login(request, user)
        officials.remember_link(request)

    def get_login_redirect_url(self, request) -> str:
        """Officials, who have no admin, land on their page; everyone else on the
        account page (a ``next`` address given to the login wins over both)."""
        if officials.link_remembered(request) and not request.user.is_staff:
            return reverse("officials")
        return super().get_login_redirect_url(request)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language() or "sv"
        user.language = "en" if language.startswith("en") else "sv"
        if commit:
            user.save()
        return user

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """On SITE_URL, so that the link can be made without a request too. A
        sign-up on its way somewhere (``next``: the registration form, say) sends
        the link on there too: opened in another browser than the one that signed
        up, where allauth's pending login is not, it still leads on (through the
        login page)."""
        url = reverse("account_confirm_email", args=[emailconfirmation.key])
        next_url = get_next_redirect_url(request) if request is not None else None
        if next_url:
            url = f"{url}?{urlencode({'next': next_url})}"
        return site_url(url)

    def mail_context(self, email: str, context: dict) -> dict:
        """allauth's context for a mail, as the portal's own mails have theirs: the
        portal's name and address (``portal.mail.mail_context``; ``current_site`` for
        allauth's templates), and every link allauth built from the request (its
        ``*_url``: sign-up, password reset) moved onto SITE_URL."""
        links = {
            key: site_url(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str)
        }
        return {"email": email, "current_site": portal_site(), **mail_context(), **context, **links}

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render here, in the request's language, and leave the sending to the worker
        after commit: the answer to a sign-up then takes as long whether the address
        is new or has an account (and gets a different mail), however slow the mail
        server is."""
        from .tasks import send_rendered_mail

        message = self.render_mail(
            template_prefix,
            email,
            {"request": allauth_context.request} | self.mail_context(email, context),
        )
        alternatives = getattr(message, "alternatives", [])
        payload = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "html": next((c for c, mimetype in alternatives if mimetype == "text/html"), None),
            "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        }
        transaction.on_commit(lambda: send_rendered_mail.delay(**payload))

    def get_email_verification_redirect_url(self, email_address) -> str:
        after = self.request.session.get(AFTER_EMAIL_VERIFICATION) or {}
        url = after.get("url", "")
        if (
            self.request.user.is_authenticated
            and after.get("email", "").lower() == email_address.email.lower()
            and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
        ):
            del self.request.session[AFTER_EMAIL_VERIFICATION]
            return url
        return super().get_email_verification_redirect_url(email_address)
