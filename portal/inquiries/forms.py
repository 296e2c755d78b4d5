"""Forms of En väg in: the public form in a few plain steps, the sender's reply,
and the handlers' forms on the case page. Each derives from CleanForm
(portal/inputs.py): no control characters in what mails and pages carry."""

from uuid import UUID, uuid4

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from organisations.models import ActivityArea, District, Organisation
from portal.inputs import CleanForm
from portal.models import Department, User
from portal.uploads import AttachmentField

from .models import MESSAGE_MAX_LENGTH, SUBJECT_MAX_LENGTH, Inquiry, Topic

SUBMISSION_SALT = "inquiries.submission"


class TopicField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


# (legend, fields): the form's steps, in order.
STEPS = (
    (_("1. What is it?"), ("kind", "offer")),
    (_("2. What is it about?"), ("topics", "districts", "target_groups", "organisation")),
    (_("3. Your message"), ("subject", "message", "attachment")),
    (_("4. How we reach you"), ("sender_name", "sender_email")),
)


class InquiryForm(CleanForm):
    """The public form. ``submission`` is a one-time key issued with the form: one
    sending, one case, however often the button is pressed. ``website`` is a
    honeypot: hidden from people, filled in by robots."""

    kind = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=Inquiry.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want to send.")},
    )
    offer = forms.ChoiceField(
        label=_("What do you offer?"),
        choices=Inquiry.Offer.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Only for an offer."),
    )
    topics = TopicField(
        label=_("Topics"),
        queryset=Topic.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose those that fit; it helps us find the right person."),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=ActivityArea.objects.filter(kind=ActivityArea.Kind.TARGET_GROUP),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Is an association behind it?"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("No, I write for myself"),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_MAX_LENGTH,
        error_messages={"required": _("Write a subject in a few words.")},
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": str(MESSAGE_MAX_LENGTH)}),
        error_messages={
            "required": _("Write your message."),
            "max_length": _(
                "The message may be at most %(limit_value)d characters; it has %(show_value)d."
                " Shorten it, or attach the rest as a file."
            ),
        },
    )
    attachment = AttachmentField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_(
            "One PDF, PNG, JPEG, Word or OpenDocument file of at most 5 MB. Only those "
            "handling your case can open it. If the form has errors, choose the file again."
        ),
    )
    sender_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Write your name.")},
    )
    sender_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the receipt and our answers here."),
        error_messages={"required": _("Write your e-mail address.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=forms.TextInput
    )
    submission = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["message"].help_text = _("At most %(count)s characters.") % {
            "count": MESSAGE_MAX_LENGTH
        }
        self.fields["sender_name"].widget.attrs["autocomplete"] = "name"
        self.fields["sender_email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if user.is_authenticated:
            self.fields["organisation"].queryset = Organisation.objects.editable_by(user)
            self.initial.setdefault("sender_name", user.get_full_name())
            self.initial.setdefault("sender_email", user.email)
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]
        if not self.is_bound:
            self.initial["submission"] = signing.dumps(uuid4().hex, salt=SUBMISSION_SALT)

    def submission_key(self) -> UUID | None:
        try:
            return UUID(signing.loads(self.data.get("submission") or "", salt=SUBMISSION_SALT))
        except (signing.BadSignature, ValueError, TypeError):
            return None

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise ValidationError(_("Write a little more, so that we understand what you ask."))
        return message

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Inquiry.Kind.OFFER and not cleaned.get("offer"):
            self.add_error("offer", _("Choose what you offer."))
        if self.submission_key() is None:
            self.data = self.data.copy()
            self.data["submission"] = signing.dumps(uuid4().hex, salt=SUBMISSION_SALT)
            self.add_error(
                None, _("The form could not be checked. Look over the details and send it again.")
            )
        return cleaned

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def steps(self):
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in STEPS
        ]


class MessageForm(CleanForm):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": str(MESSAGE_MAX_LENGTH)}),
        error_messages={"required": _("Write a message.")},
    )


class ReplyForm(MessageForm):
    body = forms.CharField(
        label=_("Message to the sender"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": str(MESSAGE_MAX_LENGTH)}),
        error_messages={"required": _("Write a message.")},
    )
    waits_for_sender = forms.BooleanField(
        label=_("I need an answer from the sender (the answer clock waits)"), required=False
    )


class NoteForm(MessageForm):
    body = forms.CharField(
        label=_("Internal note (never shown to the sender)"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": str(MESSAGE_MAX_LENGTH)}),
        error_messages={"required": _("Write a note.")},
    )


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.email
        return f"{name} ({obj.department})" if obj.department_id else name


class AssignForm(CleanForm):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("The official's own"),
    )
    assignee = OfficialChoiceField(
        label=_("Named official (optional)"),
        queryset=User.objects.filter(is_active=True, department__isnull=False).select_related(
            "department"
        ),
        required=False,
        empty_label=_("Nobody yet: the department's coordinators"),
    )
    reason = forms.CharField(
        label=_("Why there (the sender reads this)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the case goes there.")},
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("department") and not cleaned.get("assignee"):
            self.add_error("department", _("Choose a department or an official."))
        return cleaned


class CloseForm(CleanForm):
    outcome = forms.ChoiceField(
        label=_("How does the case end?"),
        choices=Inquiry.Outcome.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("The answer, or the reason for declining"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    link = forms.URLField(label=_("Link to the collaboration or agreement"), required=False)
    referred_to = forms.CharField(label=_("Referred to (name)"), max_length=200, required=False)
    referred_contact = forms.CharField(label=_("How to reach them"), max_length=300, required=False)


class DelayForm(CleanForm):
    reason = forms.CharField(
        label=_("Why the answer is delayed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expected_on = forms.DateField(
        label=_("The answer can be expected by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
