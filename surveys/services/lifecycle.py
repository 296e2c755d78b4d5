"""Opening, closing and copying a survey, and starting its next round. Each
re-checks the coordinator's right (opening and closing on the locked row, with
the guard) and writes the audit log."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.audit import audit_log

from ..models import Survey
from . import SurveyError


def _locked(survey: Survey, by, permission: str = "surveys.change_survey") -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not by.has_perm(permission, survey):
        raise SurveyError(_("You do not have permission to do that."))
    return survey


@transaction.atomic
def survey_open(*, survey: Survey, by) -> Survey:
    """Open a draft (or reopen a closed survey whose closing date is ahead)."""
    survey = _locked(survey, by)
    if survey.status == Survey.Status.OPEN:
        raise SurveyError(_("The survey is already open."))
    if survey.opens_at is None or survey.closes_at is None:
        raise SurveyError(_("Give the survey an opening and a closing date first."))
    if survey.closes_at <= timezone.now():
        raise SurveyError(_("The closing date has passed: move it before opening."))
    if not survey.questions.exists():
        raise SurveyError(_("A survey without questions cannot be opened."))
    before = survey.status
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status", "updated_at"])
    audit_log(actor=by, action="survey.opened", target=survey, data={"from": before})
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by) -> Survey:
    survey = _locked(survey, by)
    if survey.status != Survey.Status.OPEN:
        raise SurveyError(_("Only an open survey can be closed."))
    now = timezone.now()
    survey.status = Survey.Status.CLOSED
    fields = ["status", "updated_at"]
    opened = survey.opens_at is None or survey.opens_at < now
    if opened and (survey.closes_at is None or survey.closes_at > now):
        survey.closes_at = now  # the date the answering page gives as the closing
        fields.append("closes_at")
    survey.save(update_fields=fields)
    audit_log(actor=by, action="survey.closed", target=survey)
    return survey


def free_slug(base: str) -> str:
    base = slugify(base)[:200] or "enkat"
    slug, n = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _copy_structure(original: Survey, copy: Survey) -> None:
    """The original's sections, questions, options and conditions, into ``copy``:
    every field is copied (the English texts with the Swedish), only keys change."""
    sections = {}
    for section in original.sections.order_by("position", "pk"):
        old_pk = section.pk
        section.pk, section.survey = None, copy
        section.save()
        sections[old_pk] = section
    options, questions = {}, []
    for question in original.questions.prefetch_related("options").order_by("pk"):
        old_options = list(question.options.all())
        question.pk, question.survey = None, copy
        question.section = sections[question.section_id]
        question.save()
        questions.append(question)
        for option in old_options:
            old_pk = option.pk
            option.pk, option.question = None, question
            option.save()
            options[old_pk] = option
    # Conditions point at the copy's own options.
    for obj in [*sections.values(), *questions]:
        if obj.condition_option_id:
            obj.condition_option = options.get(obj.condition_option_id)
            obj.save(update_fields=["condition_option"])


def _new_round(original: Survey, by, **fields) -> Survey:
    return Survey.objects.create(
        kind=original.kind,
        template=original.template,
        introduction=original.introduction,
        introduction_en=original.introduction_en,
        audience=original.audience,
        anonymous=original.anonymous,
        small_group_threshold=original.small_group_threshold,
        retention_days=original.retention_days,
        previous_round=original,
        created_by=by,
        **fields,
    )


@transaction.atomic
def survey_copy(*, survey: Survey, by) -> Survey:
    """A new draft with the same sections, questions, options and conditions,
    without dates, recipients or answers; the copy's previous round is the
    original, so the two rounds can be compared. Only a survey the user manages
    is copied: a copy would show its questions."""
    original = Survey.objects.get(pk=survey.pk)
    if not (by.has_perm("surveys.add_survey") and by.has_perm("surveys.view_survey", original)):
        raise SurveyError(_("You do not have permission to do that."))
    title = (_("%(title)s (copy)") % {"title": original.title})[:200]
    title_en = ""
    if original.title_en:
        with override("en"):
            title_en = (_("%(title)s (copy)") % {"title": original.title_en})[:200]
    copy = _new_round(original, by, title=title, title_en=title_en, slug=free_slug(title))
    _copy_structure(original, copy)
    audit_log(actor=by, action="survey.copied", target=copy, data={"from": original.pk})
    return copy


def next_round_title(survey: Survey, year: int, field: str = "title") -> str:
    """The title (``field``: or ``title_en``) with its year moved on ("... 2026"
    becomes "... 2027"), or the year added when it has none; empty stays empty."""
    title = getattr(survey, field)
    if not title:
        return ""
    match = re.fullmatch(r"(.*?)\s*\b(19|20)\d\d", title)
    base = match.group(1) if match else title
    return f"{base} {year}"[:200]


@transaction.atomic
def survey_next_round(
    *, survey: Survey, by, opens_at, closes_at, title: str = "", title_en: str | None = None
) -> Survey:
    """The next round of a closed survey: a draft with the same questions and
    codes (so the rounds compare question by question), the new dates, and the
    closed survey as its previous round. Titles not given are the closed
    round's with the year moved on (``title_en=""``: no English title)."""
    original = Survey.objects.select_for_update().get(pk=survey.pk)
    if not (by.has_perm("surveys.add_survey") and by.has_perm("surveys.view_survey", original)):
        raise SurveyError(_("You do not have permission to do that."))
    if original.status != Survey.Status.CLOSED:
        raise SurveyError(_("Only a closed survey gets a next round."))
    if closes_at <= opens_at:
        raise SurveyError(_("The survey must close after it opens."))
    year = timezone.localtime(opens_at).year
    title = (title or next_round_title(original, year))[:200]
    if title_en is None:
        title_en = next_round_title(original, year, "title_en")
    round_ = _new_round(
        original,
        by,
        title=title,
        title_en=title_en[:200],
        slug=free_slug(title),
        opens_at=opens_at,
        closes_at=closes_at,
    )
    _copy_structure(original, round_)
    audit_log(actor=by, action="survey.next_round", target=round_, data={"from": original.pk})
    return round_
