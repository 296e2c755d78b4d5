"""The answering page, behind a personal link (``/enkater/svar/<token>/``) or a
survey's open link (``/enkater/oppen/<slug>/``). It keeps a draft sealed with
the link's token (save and continue later, surveys/drafts.py), shows the
conditions' questions only when their answer was given, and on an error shows
the message beside the question with everything typed kept."""

import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from ..answering import build, load_structure
from ..drafts import draft_values
from ..links import recipient_for_token
from ..models import Response, Survey
from ..services import SurveyError
from ..services.answering import (
    AlreadyAnswered,
    closed_message,
    response_save,
    response_submit_open,
)

TEMPLATE = "surveys/answer.html"


def _values(request: HttpRequest) -> dict[str, list[str]]:
    return {name: request.POST.getlist(name) for name in request.POST if name.startswith("q")}


def _page(request, survey, sections, *, errors=0, status=200, **extra) -> HttpResponse:
    context = {"survey": survey, "sections": sections, "errors": errors, **extra}
    return render(request, TEMPLATE, context, status=status)


def _answers(sections) -> list:
    return [a for s in sections for item in s.items if item.shown for a in item.answers]


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        recipient = recipient_for_token(token)
    except Http404:
        return render(request, "surveys/link_not_found.html", status=404)
    survey = recipient.survey
    if recipient.responded_at is not None:
        return render(request, "surveys/answered.html", {"survey": survey})
    message = closed_message(survey)
    if message:
        return render(request, "surveys/closed.html", {"survey": survey, "message": message})
    structure = load_structure(survey)
    if request.method != "POST":
        values = draft_values(recipient, token)
        sections, _errors = build(survey, values or {}, check_required=False, structure=structure)
        return _page(request, survey, sections, recipient=recipient, saved=values is not None)
    submit = "submit" in request.POST
    sections, errors = build(survey, _values(request), check_required=submit, structure=structure)
    if errors:
        return _page(request, survey, sections, errors=errors, recipient=recipient, status=400)
    try:
        response_save(recipient=recipient, answers=_answers(sections), submit=submit, token=token)
    except AlreadyAnswered:
        return render(request, "surveys/answered.html", {"survey": survey})
    except SurveyError as error:
        return render(request, "surveys/closed.html", {"survey": survey, "message": error.message})
    if submit:
        return render(request, "surveys/answered.html", {"survey": survey, "just_now": True})
    return redirect(f"{reverse('surveys:answer', args=[token])}?sparat=1")


@never_cache
def answer_open(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug, audience=Survey.Audience.OPEN_LINK)
    if survey.status == Survey.Status.DRAFT:
        raise Http404
    message = closed_message(survey)
    if message:
        return render(request, "surveys/closed.html", {"survey": survey, "message": message})
    structure = load_structure(survey)
    if request.method != "POST":
        sections, _errors = build(survey, {}, check_required=False, structure=structure)
        return _page(request, survey, sections, form_key=secrets.token_urlsafe(24))
    key = request.POST.get("form_key", "")[:64]
    if len(key) < 20 or Response.objects.filter(idempotency_key=key).exists():
        return render(request, "surveys/answered.html", {"survey": survey})
    sections, errors = build(survey, _values(request), check_required=True, structure=structure)
    if errors:
        return _page(request, survey, sections, errors=errors, form_key=key, status=400)
    try:
        response_submit_open(survey=survey, answers=_answers(sections), key=key)
    except SurveyError as error:
        return render(request, "surveys/closed.html", {"survey": survey, "message": error.message})
    return render(request, "surveys/answered.html", {"survey": survey, "just_now": True})
