"""The forms of the meeting page: sign up, change a sign-up, send in a question.
Their checks are the service's own (``check_details``), so a message shows beside
its field whether the form or the service found it."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.inputs import CleanForm

from .models import MAX_ATTENDEES, MeetingQuestion, Registration
from .services.registrations import RegistrationError, check_details

NEEDS_MAX_LENGTH = 1000
NAMES_MAX_LENGTH = 3000


def _attendees_field():
    return forms.IntegerField(
        label=_("Number of attendees"),
        min_value=1,
        max_value=MAX_ATTENDEES,
        initial=1,
        error_messages={
            "required": _("Write how many will come."),
            "invalid": _("Write the number of attendees as a whole number, e.g. 2."),
            "min_value": _("Sign up at least 1 attendee."),
            "max_value": _(
                "At most %(limit_value)s attendees per association. For more, contact "
                "the coordinator."
            ),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _choose_from(field, associations, listed) -> None:
    """The associations to choose from: ``associations`` (a queryset) checks the
    choice, ``listed`` (the same, already read) is what the page lists; with one
    only, the page names it and the field is hidden."""
    field.queryset = associations
    listed = list(associations) if listed is None else listed
    field.choices = [(a.pk, a.name) for a in listed]
    if len(listed) == 1:
        field.widget = forms.HiddenInput()


class RegistrationDetailsForm(CleanForm):
    """Attendees, their names (when the meeting asks) and needs."""

    attendees = _attendees_field()
    attendee_names = forms.CharField(
        label=_("Attendees' names"),
        max_length=NAMES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line. Only the meeting's coordinators see them."),
        error_messages={"required": _("Write the attendees' names, one per line.")},
    )
    needs = forms.CharField(
        label=capfirst(Registration._meta.get_field("needs").verbose_name),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E.g. a wheelchair place, sign language interpreter, allergies. Only the "
            "meeting's coordinators see this, and it is deleted after the meeting."
        ),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if not meeting.asks_for_names:
            del self.fields["attendee_names"]

    def clean(self):
        cleaned = super().clean()
        if "attendees" in cleaned and "attendee_names" not in self.errors:
            try:
                check_details(
                    meeting=self.meeting,
                    attendees=cleaned["attendees"],
                    attendee_names=cleaned.get("attendee_names", ""),
                )
            except RegistrationError as exc:
                self.add_error(exc.field, exc.message)
        return cleaned


class SignUpForm(RegistrationDetailsForm):
    organisation = forms.ModelChoiceField(
        label=_("Association"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the associations you represent.")},
    )
    field_order = ["organisation", "attendees", "attendee_names", "needs"]

    def __init__(self, *args, associations, listed=None, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_from(self.fields["organisation"], associations, listed)
        self.order_fields(self.field_order)


class QuestionForm(CleanForm):
    organisation = forms.ModelChoiceField(label=_("From"), queryset=None, empty_label=None)
    topic = forms.CharField(
        label=capfirst(MeetingQuestion._meta.get_field("topic").verbose_name),
        max_length=200,
        help_text=_(
            "A few words: what it is about. Questions on the same topic are taken together."
        ),
        error_messages={"required": _("Write what the question is about.")},
    )
    text = forms.CharField(
        label=_("Question or proposal"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, associations, listed=None, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choose_from(self.fields["organisation"], associations, listed)
        if topics:
            self.fields["topic"].widget.attrs["list"] = "question-topics"
