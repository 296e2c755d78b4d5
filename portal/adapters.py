from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


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
