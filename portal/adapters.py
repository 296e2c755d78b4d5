from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.utils import translation

from .client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, storing the language a person signed up in so that
    later e-mails reach them in it, and reading the client's address behind
    our trusted proxies for the rate limits."""

    def get_client_ip(self, request):
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language() or "sv"
        user.language = "en" if language.startswith("en") else "sv"
        if commit:
            user.save()
        return user
