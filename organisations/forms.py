"""Forms of the register. Plain text everywhere: templates escape, nothing is |safe.
Each derives from CleanForm or CleanModelForm (portal/inputs.py): dates in a sane
range, no control characters in what feeds, exports and mails carry."""

from datetime import timedelta
from uuid import UUID, uuid4

from django import forms
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inputs import CleanForm, CleanModelForm
from portal.recurrence import RecurrenceForm, initial_for

from .models import (
    JOIN_MESSAGE_MAX_LENGTH,
    Activity,
    District,
    Invitation,
    Membership,
    Organisation,
)
from .services import find_duplicates

LOCAL_INPUT = "%Y-%m-%dT%H:%M"
SUBMISSION_SALT = "organisations.registration"

# (legend, fields): the edit form's sections, in order (registering goes through
# the steps of organisations/registration.py).
SECTIONS = (
    (
        _("1. About the association"),
        ("name", "legal_form", "organisation_number", "categories", "logo"),
    ),
    (
        _("2. Activities"),
        ("description", "districts", "areas", "member_count", "has_staff"),
    ),
    (_("3. Contact channels"), ("website", "email", "phone", "address", "social_media")),
    (
        _("4. Contact person and consent"),
        ("contact_name", "contact_email", "contact_phone", "contact_is_public", "is_public"),
    ),
    (
        _("5. Offers and needs"),
        (
            "seeks_collaboration",
            "offers_premises",
            "offers_volunteers",
            "offers_knowledge",
            "offers_needs_text",
        ),
    ),
)


class OrganisationForm(CleanModelForm):
    """The edit form; the registration form adds the duplicate check."""

    class Meta:
        model = Organisation
        fields = [name for _legend, names in SECTIONS for name in names]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
            "offers_needs_text": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "categories": {"required": _("Choose at least one category.")},
            "name": {"required": _("Enter the association's name.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].help_text = _("Choose at least one.")
        self.fields["logo"].help_text = _(
            "PNG, JPEG or WebP, at most 2 MB and 12 megapixels (4000 pixels a side). If the "
            "form has errors, choose the file again: browsers do not keep a chosen file."
        )
        self.fields["organisation_number"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "placeholder": "NNNNNN-NNNN"}
        )
        self.fields["email"].help_text = _("The association's own address, not a person's.")
        self.fields["contact_email"].help_text = _(
            "Shown publicly only if the contact person agrees below."
        )
        self.fields["is_public"].help_text = _(
            "Once approved, the association is listed in the public directory."
        )
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        for name in ("description", "offers_needs_text"):
            limit = 5000 if name == "description" else 2000
            self.fields[name].widget.attrs["maxlength"] = str(limit)

    def sections(self):
        """[(legend, [bound fields])] for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in SECTIONS]


# A link to ask to join an association the asker may not see, found by the
# duplicate check: signed for that account, valid for a couple of days.
MATCH_SALT = "organisations.join-match"
MATCH_MAX_AGE = 2 * 24 * 3600


def match_join_url(organisation: Organisation, user) -> str:
    token = signing.dumps([organisation.pk, user.pk], salt=MATCH_SALT, compress=True)
    return reverse("organisations:join_request_match", args=[token])


def matched_organisation_pk(token: str, user) -> int | None:
    """The organisation a ``match_join_url`` token names, if it was made for ``user``."""
    try:
        organisation_pk, user_pk = signing.loads(token, salt=MATCH_SALT, max_age=MATCH_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return organisation_pk if user_pk == user.pk else None


class RegistrationForm(OrganisationForm):
    """The registration form, with the duplicate check. Matches the registrant may
    see are listed; the others (awaiting approval, not public, archived) are only
    said to exist, with a link to ask to join that does not show what they are.
    ``submission`` is a one-time token issued with the form and signed for the
    person: the association it makes records it, so a double-submitted form makes
    one association (organisation_register)."""

    not_duplicate = forms.BooleanField(
        label=_("This is not the same association"),
        required=False,
        help_text=_("Tick this if none of the associations listed above is yours."),
    )
    submission = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, acknowledged=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Matches the registrant has already said are not theirs (an earlier step).
        self.acknowledged = frozenset(acknowledged)
        self.found: list[int] = []
        self.duplicates = []
        self.hidden_matches = []
        if not self.is_bound:
            self.initial["submission"] = self._new_token()

    def _new_token(self) -> str:
        return signing.dumps({"user": self.user.pk, "token": uuid4().hex}, salt=SUBMISSION_SALT)

    def submission_token(self) -> UUID | None:
        """The token sent with the form, if this form issued it to this person."""
        try:
            value = signing.loads(self.data.get("submission") or "", salt=SUBMISSION_SALT)
        except signing.BadSignature:
            return None
        return UUID(value["token"]) if value.get("user") == self.user.pk else None

    def clean_submission(self):
        token = self.submission_token()
        if token is None:
            # A fresh token, so that the form shown again can be sent.
            self.data = self.data.copy()
            self.data["submission"] = self._new_token()
            self.add_error(
                None,
                forms.ValidationError(
                    _("The form could not be checked. Look over the details and send it again."),
                    code="submission",
                ),
            )
        return token

    def validate_unique(self):
        # The duplicate check below explains a taken organisation number better.
        exclude = self._get_validation_exclusions()
        exclude.add("organisation_number")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as e:
            self._update_errors(e)

    def duplicate_query(self, cleaned) -> dict | None:
        """What the duplicate check compares: the name, the number and the districts."""
        return {
            "name": cleaned.get("name"),
            "number": cleaned.get("organisation_number"),
            "district_ids": [d.pk for d in cleaned.get("districts") or []],
        }

    def clean(self):
        cleaned = super().clean()
        query = self.duplicate_query(cleaned)
        if query and query["name"]:
            self.check_duplicates(cleaned, **query)
        return cleaned

    def check_duplicates(self, cleaned, *, name, number, district_ids):
        """List the likely duplicates the registrant has not yet said are not
        theirs; a taken organisation number cannot be waved through."""
        found = list(
            find_duplicates(name=name, organisation_number=number, district_ids=district_ids)
        )
        self.found = [o.pk for o in found]
        same_number = [o for o in found if number and o.organisation_number == number]
        found = [o for o in found if o in same_number or o.pk not in self.acknowledged]
        if not found:
            return
        visible = set(
            Organisation.objects.visible_to(self.user)
            .filter(pk__in=[o.pk for o in found])
            .values_list("pk", flat=True)
        )
        self.duplicates = [o for o in found if o.pk in visible]
        archived = Organisation.Status.ARCHIVED
        self.hidden_matches = [
            {"join_url": None if o.status == archived else match_join_url(o, self.user)}
            for o in found
            if o.pk not in visible
        ]
        if same_number:
            self.add_error(
                "organisation_number" if "organisation_number" in self.fields else None,
                forms.ValidationError(
                    _(
                        "An association with this organisation number is already registered. "
                        "Ask to join it instead (see above)."
                    ),
                    code="duplicate",
                ),
            )
        elif not cleaned.get("not_duplicate"):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "A similar association is already registered (see below). Ask to join "
                        "it, or tick “This is not the same association” and continue."
                    ),
                    code="possible_duplicate",
                ),
            )

    def error_summary(self) -> list[tuple[str, str]]:
        """[(link, text)] for the summary at the top of the page. The box of
        likely duplicates comes after the summary and before the fields, so the
        summary points down to it where a field's own message points up."""
        items = []
        for name, errors in self.errors.as_data().items():
            bound = self[name] if name in self.fields else None
            for error in errors:
                text = SUMMARY_TEXTS[error.code] if error.code in SUMMARY_TEXTS else " ".join(error)
                if bound is None:
                    link = "#duplicates-title" if error.code == "possible_duplicate" else ""
                    items.append((link, str(text)))
                else:
                    # A group of checkboxes has no element of the field's own id.
                    link = "#" + (bound.id_for_label or f"{bound.auto_id}_0")
                    items.append((link, f"{bound.label}: {text}"))
        return items


# A field's message as the summary above the box of duplicates says it.
SUMMARY_TEXTS = {
    "duplicate": _(
        "An association with this organisation number is already registered. "
        "Ask to join it instead (see below)."
    ),
}


class InvitationForm(CleanModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        labels = {"email": _("E-mail address of the person to invite")}


class RoleForm(CleanForm):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class JoinRequestForm(CleanForm):
    message = forms.CharField(
        label=_("Message to the association"),
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell them who you are and how you are involved."),
    )


class ActivityForm(RecurrenceForm, CleanModelForm):
    """An activity, once or repeating (a weekly training): the rule is made from the
    repeat fields (portal/recurrence.py) into ``cleaned_data["recurrence"]``. A
    series may go on without an end: the calendar shows the occasions of the period
    it shows."""

    recurrence_open_ended = True
    field_order = [
        "title",
        "starts_at",
        "ends_at",
        "repeat",
        "repeat_until",
        "repeat_count",
        "place",
        "district",
        "description",
        "url",
    ]

    class Meta:
        model = Activity
        fields = ["title", "starts_at", "ends_at", "place", "district", "description", "url"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["starts_at"].help_text = _("For an activity that repeats: the first time.")
        self.fields["repeat_until"].help_text = _(
            "The last day it may happen. Leave both empty if it goes on until further notice."
        )
        if self.instance.recurrence and not self.is_bound:
            self.initial = {**initial_for(self.instance.recurrence), **self.initial}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The activity cannot end before it starts."))
        cleaned["recurrence"] = self.clean_recurrence(starts)
        return cleaned

    @staticmethod
    def initial_copy(activity: Activity) -> dict:
        """A new form's values from an existing activity, a week later (in local
        time, so 18:00 stays 18:00 over the change to summer time)."""
        week = timedelta(days=7)
        initial = {
            "title": activity.title,
            "starts_at": timezone.localtime(activity.starts_at) + week,
            "ends_at": timezone.localtime(activity.ends_at) + week if activity.ends_at else None,
            "place": activity.place,
            "district": activity.district_id,
            "description": activity.description,
            "url": activity.url,
        }
        repeats = initial_for(activity.recurrence)
        if repeats.get("repeat_until"):
            repeats["repeat_until"] += week
        return initial | repeats


class ReasonForm(CleanForm):
    """The admin actions' intermediate page."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
