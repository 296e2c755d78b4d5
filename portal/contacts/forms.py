"""The officials' form for a contact path, in sections. Every message is given
beside its field and the form comes back with what was typed (CleanModelForm:
dates within 1900–2100, no control characters)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import ActivityArea
from organisations.validators import ascii_digits
from portal.inputs import CleanModelForm
from portal.models import Department

from .models import (
    DESCRIPTION_MAX_LENGTH,
    OPENING_HOURS_MAX_LENGTH,
    ContactPath,
    departments_in_charge,
)

SECTIONS = (
    (_("1. What visitors can get help with"), ("title", "description", "topics", "target_groups")),
    (_("2. Who answers"), ("department", "role", "email", "phone", "opening_hours")),
    (
        _("3. A named person, with their consent"),
        ("person", "person_name", "person_email", "person_phone", "person_is_public"),
    ),
    (
        _("4. More"),
        ("related_page", "related_page_title", "valid_until", "is_published"),
    ),
)


class ContactPathForm(CleanModelForm):
    """Departments and named colleagues are those of the departments the editor is
    in charge of (``departments_in_charge``): the form offers nothing the service
    would refuse."""

    class Meta:
        model = ContactPath
        fields = [name for _legend, names in SECTIONS for name in names]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX_LENGTH}),
            "opening_hours": forms.Textarea(
                attrs={"rows": 2, "maxlength": OPENING_HOURS_MAX_LENGTH}
            ),
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "person_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }
        error_messages = {
            "title": {"required": _("Write what visitors can get help with.")},
            "description": {"required": _("Describe in a few sentences what you help with.")},
            "role": {
                "required": _("Name the role that answers, for example “Association consultant”.")
            },
            "topics": {"required": _("Choose at least one topic, so that visitors find the path.")},
            "department": {"required": _("Choose the department.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = departments_in_charge(user)
        choices = Department.objects.filter(is_active=True)
        colleagues = get_user_model().objects.filter(is_active=True, department__isnull=False)
        if departments is not None:
            choices = Department.objects.filter(pk__in=departments)
            colleagues = colleagues.filter(department__in=departments)
        self.fields["department"].queryset = choices
        self.fields["department"].empty_label = None if len(choices) == 1 else "–"
        self.fields["person"].queryset = colleagues.order_by("first_name", "last_name", "email")
        self.fields["person"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"
        self.fields["target_groups"].queryset = ActivityArea.objects.filter(
            kind=ActivityArea.Kind.TARGET_GROUP
        )
        self.fields["topics"].help_text = _("Choose at least one.")
        self.fields["valid_until"].input_formats = ["%Y-%m-%d"]

    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in SECTIONS]

    def _clean_phone(self, name: str) -> str:
        return ascii_digits(self.cleaned_data.get(name) or "").strip()

    def clean_phone(self):
        return self._clean_phone("phone")

    def clean_person_phone(self):
        return self._clean_phone("person_phone")

    def clean_valid_until(self):
        day = self.cleaned_data.get("valid_until")
        if day and "valid_until" in self.changed_data and day < timezone.localdate():
            raise forms.ValidationError(
                _("The last day cannot be in the past; leave it empty to show the path."),
                code="past",
            )
        return day

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("person") or cleaned.get("person_name")
        if not named and (cleaned.get("person_email") or cleaned.get("person_phone")):
            self.add_error(
                "person_name", _("Name the person whose e-mail address or phone number this is.")
            )
        if not named and cleaned.get("person_is_public"):
            self.add_error("person_is_public", _("Choose or name the person first."))
        person_reachable = cleaned.get("person_is_public") and (
            cleaned.get("person_email") or cleaned.get("person_phone") or cleaned.get("person")
        )
        if not (cleaned.get("email") or cleaned.get("phone") or person_reachable):
            if "email" not in self.errors and "phone" not in self.errors:
                self.add_error(
                    "email",
                    _(
                        "Give a shared e-mail address or a phone number, so that visitors "
                        "can reach you."
                    ),
                )
        return cleaned
