from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .inputs import CleanForm, CleanModelForm


class ProfileForm(CleanModelForm):
    """The parts of the account a person edits themselves."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "language": _("Language of e-mails"),
        }
        help_texts = {"language": _("We send e-mails to you in this language.")}


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
