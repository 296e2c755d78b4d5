from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from .inputs import CleanForm, CleanModelForm
from .rules import is_coordinator


class ProfileForm(CleanModelForm):
    """The parts of the account a person edits themselves. A coordinator also
    chooses here whether officials see their e-mail address (only they can)."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "language", "email_shown_to_officials"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "language": _("Language of e-mails"),
            "email_shown_to_officials": _("Show my e-mail address to officials"),
        }
        help_texts = {
            "language": _("We send e-mails to you in this language."),
            "email_shown_to_officials": _(
                "You are a coordinator, so officials see your name on the page for "
                "officials. Tick this to show your e-mail address there too."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_coordinator(self.instance):
            del self.fields["email_shown_to_officials"]


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form, doing the same work for an address that already has an
    account as for a new one (ACCOUNT_PREVENT_ENUMERATION): allauth then only mails
    the owner, so without hashing the password here the quicker answer would tell."""

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class DeleteAccountForm(CleanForm):
    """Asks for the current password before the account is erased."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("We ask for your password so that nobody else can delete your account."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("The password is not correct. Your account has not been deleted."),
                code="password_incorrect",
            )
        return password
