"""Saving and submitting an answer. The recipient's row is locked first, then
the guards are checked on it: a double click or a second tab waits for the lock
and finds the answer submitted, so it is stored once. An open link's form
carries a key that is unique in the database (``Response.idempotency_key``).

A draft is sealed with the link's token (surveys/drafts.py), so nothing readable
is tied to the recipient before submitting. On submit the draft is deleted and
the response written; in an anonymous survey it keeps only the respondent group
(category, district, department) and its day: no recipient, no association,
while the recipient row says it has answered (cut to the day too), so reminders
reach only the others."""

import secrets
from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.reminders import register_kind

from ..drafts import draft_store
from ..models import Answer, Draft, Recipient, Response, Survey
from . import SurveyError
from .sending import schedule_mails

RECEIPT = "surveys.receipt"


class AlreadyAnswered(SurveyError):
    pass


def _receipt_context(delivery) -> dict:
    recipient = delivery.target
    return {"recipient": recipient, "survey": recipient.survey, "answered_on": delivery.due}


register_kind(
    RECEIPT,
    label=gettext_lazy("Survey: receipt of an answer"),
    template="surveys/emails/receipt",
    context=_receipt_context,
)


def closed_message(survey: Survey, now=None) -> str:
    """Why a survey takes no answers now, with the date; empty when it does."""
    now = now or timezone.now()
    if survey.is_open(now):
        return ""
    if survey.status != Survey.Status.CLOSED and survey.opens_at and survey.opens_at > now:
        return _("The survey opens on %(date)s.") % {
            "date": timezone.localtime(survey.opens_at).strftime("%Y-%m-%d")
        }
    if survey.closes_at and (survey.status == Survey.Status.CLOSED or survey.closes_at <= now):
        return _("The survey closed on %(date)s.") % {
            "date": timezone.localtime(survey.closes_at).strftime("%Y-%m-%d")
        }
    return _("The survey is not open for answers.")


def _write(response: Response, answers: list[Answer]) -> None:
    for answer in answers:
        answer.response = response
    Answer.objects.bulk_create(answers)


def _day(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    return datetime.combine(local.date(), time(), tzinfo=local.tzinfo)


@transaction.atomic
def response_save(
    *, recipient: Recipient, answers: list[Answer], submit: bool, token: str = ""
) -> Response | Draft:
    """Submit the recipient's answers (``submit``), or save them as a draft
    sealed with the link's ``token``, which a draft needs."""
    recipient = (
        Recipient.objects.select_for_update(of=("self",))
        .select_related("survey", "organisation")
        .get(pk=recipient.pk)
    )
    survey = recipient.survey
    if recipient.responded_at is not None:
        raise AlreadyAnswered(_("This answer has already been submitted. Thank you!"))
    message = closed_message(survey)
    if message:
        raise SurveyError(message)
    if not submit:
        if not token:
            raise ValueError("A draft is sealed with the link's token.")
        return draft_store(recipient=recipient, token=token, answers=answers)
    now = timezone.now()
    draft = Draft.objects.filter(recipient=recipient).only("started_at").first()
    organisation = recipient.organisation
    response = Response(
        survey=survey, department_id=recipient.department_id, idempotency_key=secrets.token_hex(16)
    )
    if organisation is not None:
        response.district = organisation.districts.order_by("pk").first()
    if survey.anonymous:
        response.started_at = response.submitted_at = _day(now)
    else:
        response.recipient, response.organisation = recipient, organisation
        response.started_at = draft.started_at if draft else now
        response.submitted_at = now
    response.save()
    if organisation is not None:
        response.categories.set(organisation.categories.all())
    _write(response, answers)
    if draft is not None:
        draft.delete()
    # Cut to the day too: the order of answering within a day ties nobody to an answer.
    recipient.responded_at = _day(now) if survey.anonymous else now
    recipient.save(update_fields=["responded_at"])
    schedule_mails(
        kind=RECEIPT,
        recipients=Recipient.objects.filter(pk=recipient.pk),
        due=timezone.localdate(now),
    )
    return response


def response_submit_open(*, survey: Survey, answers: list[Answer], key: str) -> Response:
    """An answer through the open link: one response per form key, so a double
    click or a resent form stores it once (the key is unique in the database)."""
    message = closed_message(survey)
    if message:
        raise SurveyError(message)
    if survey.audience != Survey.Audience.OPEN_LINK:
        raise SurveyError(_("This survey is answered through personal links only."))
    existing = Response.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            now = timezone.now()
            moment = _day(now) if survey.anonymous else now
            response = Response.objects.create(
                survey=survey, idempotency_key=key, started_at=moment, submitted_at=moment
            )
            _write(response, answers)
    except IntegrityError:
        return Response.objects.get(idempotency_key=key)
    return response
