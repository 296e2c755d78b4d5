"""The coordinators' forms: sending a survey to its audience, making one from a
shipped template, and the dates of a survey's next round."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from organisations.models import Category, District
from portal.inputs import CleanForm, validate_date_range
from portal.models import Department

from .shipped import choices as template_choices


def split_widget():
    """A date and a time input, each named for screen readers (the field's legend
    names the pair)."""
    return forms.SplitDateTimeWidget(
        date_attrs={"type": "date", "aria-label": _("Date")},
        time_attrs={"type": "time", "aria-label": _("Time")},
    )


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


class FromTemplateForm(CleanForm):
    template = forms.ChoiceField(
        label=_("Template"), choices=template_choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Empty: the template's title. The year helps tell rounds apart."),
    )
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=200,
        required=False,
        help_text=_("Empty: the Swedish title is shown in English too."),
    )


class NextRoundForm(CleanForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=200,
        required=False,
        help_text=_("Empty: the Swedish title is shown in English too."),
    )
    opens_at = forms.SplitDateTimeField(
        label=_("Opens"), widget=split_widget(), validators=[validate_date_range]
    )
    closes_at = forms.SplitDateTimeField(
        label=_("Closes"), widget=split_widget(), validators=[validate_date_range]
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return data
