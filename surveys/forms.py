"""The coordinators' form for sending a survey to its audience."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from organisations.models import Category, District
from portal.models import Department


class SendForm(forms.Form):
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing chosen and no addresses: every active association."),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing chosen and no addresses: every active department."),
    )
    emails = forms.CharField(
        label=_("Also to these addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address a line; each gets a personal link."),
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        if survey.audience == survey.Audience.DEPARTMENTS:
            del self.fields["categories"], self.fields["districts"]
        else:
            del self.fields["departments"]

    def clean_emails(self) -> list[str]:
        emails = [line.strip() for line in self.cleaned_data["emails"].splitlines() if line.strip()]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("%(email)s is not an e-mail address.") % {"email": email}
                ) from error
        return emails
