"""Two rounds of a survey as coordinators make them: the first built, opened and
sent to the register; the second copied from it (so its previous round is the
first), dated, opened and sent to the same associations; answers given through
the answering form's checks and the answering service, by personal link."""

from datetime import timedelta

from django.utils import timezone

from surveys.answering import build
from surveys.models import Question, Recipient
from surveys.services.answering import response_save
from surveys.services.lifecycle import survey_copy, survey_open
from surveys.services.sending import survey_send
from tests.organisations.factories import CategoryFactory, OrganisationFactory

from .factories import sent_survey


def two_rounds(associations: int, *, by=None, title="Samverkan 2025", change=None):
    """(first, second): ``build_survey``'s questions in both (the second edited by
    ``change``), sent to the same ``associations``; each round's recipients are on
    ``round.waiting``."""
    category = CategoryFactory()
    organisations = [OrganisationFactory(categories=[category]) for _ in range(associations)]
    extra = {"by": by} if by else {}
    first = sent_survey(organisations, title=title, **extra)
    second = next_round(first, by=first.coordinator, categories=[category], change=change)
    first.waiting = list(Recipient.objects.filter(survey=first).order_by("pk"))
    return first, second


def next_round(first, *, by, categories, change=None):
    """The copy of ``first``, opened and sent; ``change(copy)`` edits its questions
    before it opens, as a coordinator does in the admin."""
    second = survey_copy(survey=first, by=by)
    now = timezone.now()
    second.opens_at, second.closes_at = now - timedelta(hours=1), now + timedelta(days=20)
    second.save(update_fields=["opens_at", "closes_at"])
    if change:
        change(second)
    survey_open(survey=second, by=by)
    survey_send(survey=second, by=by, categories=categories)
    second.refresh_from_db()
    second.coordinator = by
    second.waiting = list(Recipient.objects.filter(survey=second).order_by("pk"))
    return second


def form_values(survey, answers: dict) -> dict[str, list[str]]:
    """{code: answer} as the browser posts it: option codes for choices, a list of
    them for multiple choice, {(row, column): number} for a number matrix and
    {row: [columns]} for a checkbox or choice matrix, the text typed otherwise.
    Codes the survey does not ask (a question removed in this round) are left out."""
    questions = {q.code: q for q in survey.questions.prefetch_related("options")}
    values = {}
    for code, given in answers.items():
        if code not in questions:
            continue
        q = questions[code]
        options = {(o.role, o.code): o.pk for o in q.options.all()}
        if q.kind in Question.CHOICE_KINDS:
            codes = given if isinstance(given, list) else [given]
            values[f"q{q.pk}"] = [str(options["choice", c]) for c in codes]
        elif q.kind == Question.Kind.MATRIX and q.cell == Question.Cell.NUMBER:
            for (row, column), number in given.items():
                name = f"q{q.pk}_r{options['row', row]}_c{options['column', column]}"
                values[name] = [str(number)]
        elif q.kind == Question.Kind.MATRIX:
            for row, columns in given.items():
                values[f"q{q.pk}_r{options['row', row]}"] = [
                    str(options["column", c]) for c in columns
                ]
        else:
            values[f"q{q.pk}"] = [str(given)]
    return values


def respond(recipient, answers: dict, *, submit=True):
    """Answer as the respondent does: the form's checks, then the service."""
    survey = recipient.survey
    sections, errors = build(survey, form_values(survey, answers), check_required=False)
    assert not errors, [i.error for s in sections for i in s.items if i.error]
    given = [a for s in sections for item in s.items if item.shown for a in item.answers]
    return response_save(recipient=recipient, answers=given, submit=submit)
