"""The surveys' personal data: a personal invitation's address, and the answers
given through it when the survey is not anonymous (an anonymous survey's answers
keep no tie to anyone). Answers of associations and departments are theirs, not
a person's. Answers lose their tie ``retention_days`` after closing (sweep). A
draft is sealed with the person's link (surveys/drafts.py): the portal cannot
read it to export it, and it goes with the invitation when that is erased."""

from datetime import datetime

from django.db.models import DateTimeField, ExpressionWrapper, F, Func, Q
from django.utils.translation import gettext_lazy as _

from portal import personal_data, sweeps

from .models import Answer, Recipient, Response


def _recipients(user):
    return Recipient.objects.filter(email__iexact=user.email, organisation=None, department=None)


def _value(answer: Answer):
    if answer.row_id:
        return f"{answer.row.display_label}: {answer.option.display_label}" + (
            f" = {answer.number}" if answer.number is not None else ""
        )
    if answer.option_id:
        return answer.option.display_label
    return answer.text or (str(answer.number) if answer.number is not None else "")


def export_survey_answers(user) -> list[dict]:
    """Two queries: the invitations, and the answers of the named surveys."""
    recipients = list(_recipients(user).select_related("survey").order_by("pk"))
    answers: dict[int, list[dict]] = {}
    for a in (
        Answer.objects.filter(
            response__recipient__in=[r.pk for r in recipients], response__survey__anonymous=False
        )
        .select_related("question", "option", "row", "response")
        .order_by("question__position", "row__position", "option__position", "number", "text")
    ):
        answers.setdefault(a.response.recipient_id, []).append(
            {"question": a.question.display_text, "answer": _value(a)}
        )
    rows = []
    for recipient in recipients:
        survey = recipient.survey
        rows.append(
            {
                "survey": survey.display_title,
                "email": recipient.email,
                "invited_at": recipient.invited_at,
                "responded_at": recipient.responded_at,
                "answers": answers.get(recipient.pk, []),
            }
        )
    return rows


def erase_survey_answers(user) -> None:
    """The answers stay in the survey's results without the person: the response
    loses its recipient and its free text; the invitation is deleted."""
    recipients = _recipients(user)
    responses = Response.objects.filter(recipient__in=recipients.values("pk"))
    Answer.objects.filter(response__in=responses.values("pk")).exclude(text="").update(text="")
    responses.update(recipient=None)
    recipients.delete()


personal_data.register(
    "surveys.answers",
    label=_("Surveys sent to your address"),
    export=export_survey_answers,
    erase=erase_survey_answers,
    model=Recipient,
    fields={
        "survey": _("Survey"),
        "answers": _("Answers"),
        "question": _("Question"),
        "answer": _("Answer"),
    },
)


class Days(Func):
    """``make_interval(days => n)``."""

    template = "make_interval(days => %(expressions)s)"
    output_field = DateTimeField()


@sweeps.register("surveys.retention")
def cut_expired_ties(now: datetime) -> int:
    """Responses of surveys that are not anonymous lose their recipient and
    association ``retention_days`` after the survey closed. One statement."""
    expired = ExpressionWrapper(
        F("survey__closes_at") + Days(F("survey__retention_days")), output_field=DateTimeField()
    )
    responses = (
        Response.objects.filter(survey__anonymous=False, survey__closes_at__lt=now)
        .filter(Q(recipient__isnull=False) | Q(organisation__isnull=False))
        .alias(expires=expired)
        .filter(expires__lt=now)
    )
    return Response.objects.filter(pk__in=responses.values("pk")).update(
        recipient=None, organisation=None
    )
