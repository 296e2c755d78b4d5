"""The forms of the follow-up reports: the representative's report (an answer per
question of the plan, the figures asked, an attachment) and the official's review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.uploads import AttachmentField

ANSWER_MAX_LENGTH = 10_000
NEGATIVE = _("The number cannot be negative.")
ANSWER_MISSING = _("Answer the question before you submit.")
FIGURES_MISSING = {
    "participants": _("Give the number of participants."),
    "volunteer_hours": _("Give the number of volunteer hours."),
}


class ReportForm(forms.Form):
    """``submitting``: the representative pressed "Submit", so every question and
    figure the plan asks for is required (the service re-checks the same)."""

    participants = forms.IntegerField(
        label=_("Number of participants"),
        required=False,
        min_value=0,
        error_messages={"min_value": NEGATIVE, "invalid": _("Write a whole number.")},
    )
    volunteer_hours = forms.IntegerField(
        label=_("Volunteer hours"),
        required=False,
        min_value=0,
        error_messages={"min_value": NEGATIVE, "invalid": _("Write a whole number.")},
    )
    attachment = AttachmentField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("A PDF, a PNG or JPEG image, or a Word or OpenDocument text, at most 5 MB."),
    )

    def __init__(self, *args, report, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.report, self.submitting = report, submitting
        answers = report.answer_pairs()
        fields = {}
        for index, (question, answer) in enumerate(answers):
            fields[f"answer_{index}"] = forms.CharField(
                label=question,
                required=False,
                initial=answer,
                max_length=ANSWER_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5, "maxlength": str(ANSWER_MAX_LENGTH)}),
            )
        # The answers first, then the figures asked and the attachment.
        rest = dict(self.fields)
        if not report.asks_participants:
            rest.pop("participants")
        if not report.asks_volunteer_hours:
            rest.pop("volunteer_hours")
        self.fields = {**fields, **rest}
        for name in ("participants", "volunteer_hours"):
            if name in self.fields:
                self.fields[name].initial = getattr(report, name)

    def answers(self) -> list[str]:
        count = len(self.report.question_list())
        return [self.cleaned_data.get(f"answer_{i}", "") for i in range(count)]

    def clean(self):
        """On submit, a message beside every question left empty and every figure
        missing (check_content, which the service runs, names only the first)."""
        data = super().clean()
        if not self.submitting:
            return data
        for index in range(len(self.report.question_list())):
            name = f"answer_{index}"
            if name not in self.errors and not data.get(name, "").strip():
                self.add_error(name, ANSWER_MISSING)
        for name, message in FIGURES_MISSING.items():
            if name in self.fields and name not in self.errors and data.get(name) is None:
                self.add_error(name, message)
        return data


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments to the association"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": str(ANSWER_MAX_LENGTH)}),
        help_text=_("Needed when you return the report: say what should be revised."),
    )
