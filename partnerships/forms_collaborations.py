"""The officials' form for a collaboration, in sections, and its payments per
department and year as a formset. Every message is given beside its field and the
form comes back with what was typed; ``CollaborationEditor`` checks the two
together (a payment's department is one of the collaboration's)."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from organisations.models import ActivityArea, Organisation
from portal.inputs import LAST_YEAR, CleanForm, CleanModelForm
from portal.models import Department

from .models import Collaboration, CollaborationPayment
from .models.collaborations import departments_in_charge

SECTIONS = (
    (_("1. The collaboration"), ("title", "description", "starts_on", "ends_on")),
    (_("2. Who collaborates"), ("departments", "associations", "contact_role")),
    (_("3. How and for whom"), ("forms", "goal_areas", "target_groups")),
    (_("4. Who may see it"), ("is_public",)),
)
FIRST_PAYMENT_YEAR = 2000
EXTRA_PAYMENT_ROWS = 2


class CollaborationEditForm(CleanModelForm):
    """Departments: every active one, but at least one the editor is in charge of
    (``departments_in_charge``), so that they can change what they recorded."""

    class Meta:
        model = Collaboration
        fields = [name for _legend, names in SECTIONS for name in names]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "departments": forms.CheckboxSelectMultiple,
            "associations": forms.SelectMultiple(attrs={"size": 8}),
            "forms": forms.CheckboxSelectMultiple,
            "goal_areas": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": _("Give the collaboration a title.")},
            "departments": {"required": _("Choose at least one department.")},
            "associations": {"required": _("Choose at least one association.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["departments"].queryset = Department.objects.filter(is_active=True)
        self.fields["associations"].queryset = Organisation.objects.active().only("name")
        self.fields["associations"].help_text = _(
            "Hold down Ctrl (⌘ on a Mac) to choose more than one."
        )
        self.fields["target_groups"].queryset = ActivityArea.objects.filter(
            kind=ActivityArea.Kind.TARGET_GROUP
        )

    @property
    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in SECTIONS]

    def clean_departments(self):
        departments = self.cleaned_data["departments"]
        in_charge = departments_in_charge(self.user)
        if in_charge is not None and not in_charge & {d.pk for d in departments}:
            raise ValidationError(
                _("Choose at least one department that you work in or coordinate."),
                code="not_in_charge",
            )
        return departments

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on",
                ValidationError(
                    _("The collaboration cannot end before it starts."), code="ends_before"
                ),
            )
        return cleaned

    def validate_constraints(self):
        # The database's check of the dates is said once, beside the field (clean).
        if not self.has_error("ends_on"):
            super().validate_constraints()


class AmountField(forms.DecimalField):
    """Kronor as people type them: "12 500", "12 500,50" or "12500.50"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value).replace(",", ".").removesuffix("kr")
        return super().to_python(value)


class PaymentForm(CleanForm):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_PAYMENT_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": _("Enter a year from %(limit_value)s."),
            "max_value": _("Enter a year up to %(limit_value)s."),
            "invalid": _("Enter the year with four digits, for example 2026."),
        },
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.filter(is_active=True)
    )
    amount = AmountField(
        label=_("Amount (SEK)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "min_value": _("The amount cannot be negative."),
            "invalid": _("Enter the amount in kronor, for example 12 500."),
        },
    )


class BasePaymentFormSet(forms.BaseFormSet):
    def clean(self):
        """One payment per department and year: the second one says so."""
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", {})
            key = (data.get("department"), data.get("year"))
            if None in key:
                continue
            if key in seen:
                form.add_error(
                    "year",
                    ValidationError(
                        _("This department already has a payment for that year."),
                        code="duplicate",
                    ),
                )
            seen.add(key)

    def payments(self) -> list[dict]:
        return [
            {name: form.cleaned_data[name] for name in ("year", "department", "amount")}
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]


PaymentFormSet = forms.formset_factory(
    PaymentForm,
    formset=BasePaymentFormSet,
    extra=EXTRA_PAYMENT_ROWS,
    can_delete=True,
    max_num=200,
    absolute_max=200,
    validate_max=True,
)


def payment_initial(collaboration: Collaboration | None) -> list[dict]:
    if collaboration is None:
        return []
    return [
        {"year": p.year, "department": p.department_id, "amount": p.amount}
        for p in CollaborationPayment.objects.filter(collaboration=collaboration).order_by(
            "year", "department__name"
        )
    ]


class CollaborationEditor:
    """The form and the payments, bound and checked together."""

    def __init__(self, data=None, *, user, instance=None):
        self.form = CollaborationEditForm(data, user=user, instance=instance)
        self.payments = PaymentFormSet(data, initial=payment_initial(instance), prefix="payments")

    def is_valid(self) -> bool:
        valid = self.form.is_valid() & self.payments.is_valid()
        departments = self.form.cleaned_data.get("departments") if valid else None
        if departments is None:
            return False
        for form in self.payments.forms:
            if form.has_changed() and not self.payments._should_delete_form(form):
                if form.cleaned_data["department"] not in departments:
                    form.add_error(
                        "department",
                        ValidationError(
                            _("Choose this department among the collaboration's departments too."),
                            code="not_a_department",
                        ),
                    )
                    valid = False
        return valid
