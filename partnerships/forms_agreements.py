"""The officials' forms for an agreement: the agreement with its contributions
(a formset), the decision, the end, the renewal and a document."""

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from portal.inputs import CleanForm, CleanModelForm
from portal.models import Department
from portal.uploads import ATTACHMENT_TYPES, AttachmentField

from .models import Agreement, AgreementContribution, AgreementDocument
from .services.agreements import Contribution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AgreementForm(CleanModelForm):
    """The agreement itself; its status changes only through the steps."""

    parties = forms.ModelMultipleChoiceField(
        label=_("Party associations"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Agreement
        fields = (
            "title",
            "kind",
            "purpose",
            "starts_on",
            "ends_on",
            "budget",
            "departments",
            *Agreement.IOP_CRITERIA,
        )
        widgets = {"starts_on": DATE, "ends_on": DATE, "purpose": forms.Textarea(attrs={"rows": 4})}

    SECTIONS = (
        (_("About the agreement"), ("title", "kind", "purpose", "starts_on", "ends_on", "budget")),
        (_("Parties"), ("parties", "departments")),
        (_("IOP criteria"), Agreement.IOP_CRITERIA),
    )

    @property
    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = party_choices(self.instance)
        self.fields["parties"].label_from_instance = lambda obj: obj.name
        if self.instance.pk and not self.is_bound:
            self.initial["parties"] = list(
                self.instance.agreement_parties.values_list("organisation_id", flat=True)
            )


def party_choices(agreement):
    """Active associations, and those already party to the agreement."""
    chosen = Q(pk__in=Organisation.objects.active().values("pk"))
    if agreement.pk:
        chosen |= Q(pk__in=agreement.agreement_parties.values("organisation"))
    return Organisation.objects.filter(chosen).only("pk", "name").order_by("name")


class ContributionForm(CleanModelForm):
    organisation = OrganisationChoiceField(
        label=_("Contributed by"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The municipality"),
    )

    class Meta:
        model = AgreementContribution
        fields = ("organisation", "kind", "amount", "hours", "description")

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["amount"].widget.attrs["min"] = 0
        self.fields["hours"].widget.attrs["min"] = 0

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == AgreementContribution.Kind.MONEY and data.get("amount") is None:
            self.add_error("amount", _("Give the amount of money."))
        if kind == AgreementContribution.Kind.VOLUNTEER_HOURS and data.get("hours") is None:
            self.add_error("hours", _("Give the number of hours."))
        return data

    def validate_constraints(self, exclude=None):
        """The agreement is set by the service; its constraints are checked there."""


class BaseContributionFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, agreement, **kwargs):
        self.organisations = party_choices(agreement)
        kwargs["queryset"] = (
            agreement.contributions.select_related("organisation")
            if agreement.pk
            else AgreementContribution.objects.none()
        )
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"organisations": self.organisations}

    def _kept(self):
        """The forms that hold a contribution: those saved before and not deleted,
        and the new ones filled in."""
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and (form in self.initial_forms or form.has_changed())
        ]

    def check_parties(self, parties) -> bool:
        """A contribution comes from the municipality or from a chosen party: the
        message goes beside the contributor, nothing typed is lost."""
        party_ids = {party.pk for party in parties}
        ok = True
        for form in self._kept():
            organisation = form.cleaned_data.get("organisation")
            if organisation is not None and organisation.pk not in party_ids:
                form.add_error(
                    "organisation", _("A contribution can only come from a party of the agreement.")
                )
                ok = False
        return ok

    def contributions(self) -> list[Contribution]:
        rows = []
        for form in self._kept():
            data = form.cleaned_data
            organisation = data.get("organisation")
            rows.append(
                Contribution(
                    kind=data["kind"],
                    organisation_id=organisation.pk if organisation else None,
                    amount=data.get("amount"),
                    hours=data.get("hours"),
                    description=data.get("description", ""),
                )
            )
        return rows


ContributionFormSet = forms.modelformset_factory(
    AgreementContribution,
    form=ContributionForm,
    formset=BaseContributionFormSet,
    extra=2,
    can_delete=True,
)


class StepForm(CleanForm):
    """Labels shared with the model's lowercase verbose names, capitalised as a
    model form's are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)


class DecideForm(StepForm):
    decision_body = forms.CharField(
        label=_("decided by"),
        max_length=200,
        help_text=_("The committee or official who decided, e.g. the social welfare committee."),
    )
    decision_date = forms.DateField(label=_("decision date"), widget=DATE)
    decision_paragraph = forms.CharField(label=_("paragraph"), max_length=20, required=False)
    case_number = forms.CharField(label=_("case number"), max_length=50, required=False)


class EndForm(StepForm):
    ended_on = forms.DateField(label=_("ended on"), widget=DATE)
    end_reason = forms.CharField(
        label=_("why it ended"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when it ends before its term."),
    )


class RenewForm(StepForm):
    starts_on = forms.DateField(
        label=_("the new term starts on"),
        required=False,
        widget=DATE,
        help_text=_("Empty: the day after the current term ends."),
    )
    ends_on = forms.DateField(
        label=_("the new term ends on"),
        required=False,
        widget=DATE,
        help_text=_("Empty: as long as the current term."),
    )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The agreement cannot end before it starts."))
        return data


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DocumentField(AttachmentField):
    """A PDF, an image or an office document, at most AGREEMENT_DOCUMENT_MAX_BYTES."""

    types = (
        *ATTACHMENT_TYPES,
        (b"PK\x03\x04", (".xlsx",), XLSX),
        (b"PK\x03\x04", (".ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    )
    limit_setting = "AGREEMENT_DOCUMENT_MAX_BYTES"
    type_message = _(
        "The file must be a PDF, a PNG or JPEG image, or a Word, Excel or OpenDocument file."
    )


class DocumentForm(StepForm):
    kind = forms.ChoiceField(label=_("kind"), choices=AgreementDocument.Kind.choices)
    file = DocumentField(label=_("file"))
