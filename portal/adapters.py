from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

# Session key: {"email": ..., "url": ...}, where to go once that address is confirmed
# (set by a page that asked the person to add an address, as an invitation does).
AFTER_EMAIL_VERIFICATION = "portal.after_email_verification"


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, storing the language a person signed up in so that
    later e-mails reach them in it."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language() or "sv"
        user.language = "en" if language.startswith("en") else "sv"
        if commit:
            user.save()
        return user

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
