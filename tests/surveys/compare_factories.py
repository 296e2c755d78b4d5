"""Two rounds of a survey as coordinators make them: the first built, opened and
sent to the register; the second copied from it (so its previous round is the
first), dated, opened and sent to the same associations; answers given through
the answering form's checks and the answering service, by personal link."""

from datetime import timedelta

from django.utils import timezone

from surveys.answering import build
from surveys.links import recipient_token
from surveys.models import Option, Question, Recipient
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
    token = "" if submit else recipient_token(recipient)
    return response_save(recipient=recipient, answers=given, submit=submit, token=token)


def first_round_answers(i: int) -> dict:
    """Six associations: half work with the municipality, scale 1–5 spread out."""
    answers = {
        "samverkar": "o0" if i < 3 else "o1",
        "nojd": [1, 2, 3, 4, 5, 5][i],
        "medlemmar": [10, 20, 30, 40, 50, 60][i],
        "bidrag": "10 000",
        "anstallda": "40",
        "synpunkter": "Bra dialog.",
        "matris": {("o0", "o0"): i + 1, ("o0", "o1"): 2, ("o1", "o0"): 0},
    }
    if i < 3:
        answers["former"] = ["o0", "o1"] if i == 0 else ["o0"]
        answers["matris"]["o1", "o1"] = 5
    return answers


def second_round_answers(i: int) -> dict:
    """Eight associations: six work with the municipality."""
    answers = {
        "samverkar": "o0" if i < 6 else "o1",
        "nojd": [4, 4, 5, 5, 3, 4, 5, 2][i],
        "bidrag": "12 000" if i < 4 else "14 000",
        "anstallda": "50",
        "synpunkter": "Bättre.",
        "matris": {("o0", "o0"): 2, ("o0", "o1"): 3, ("o1", "o0"): 1, ("o1", "o1"): 4},
    }
    if i < 5:
        answers["medlemmar"] = (i + 1) * 1000
    if i < 6:
        answers["former"] = [["o0", "o1"], ["o0", "o1"], ["o0", "o1"], ["o0"], ["o2"], ["o2"]][i]
    return answers


def answered_rounds(first_answers=6, second_answers=8, **kwargs):
    """Two rounds sent to nine associations, answered by the first six and eight."""
    first, second = two_rounds(9, **kwargs)
    for i, recipient in enumerate(first.waiting[:first_answers]):
        respond(recipient, first_round_answers(i % 6))
    for i, recipient in enumerate(second.waiting[:second_answers]):
        respond(recipient, second_round_answers(i % 8))
    return first, second


def reword(second):
    """Edits of a second round: a question reworded, an option relabelled, one
    asked of everyone, one removed, one of another kind and a new one."""
    nojd = second.questions.get(code="nojd")
    nojd.text = "Hur nöjda är ni med samverkan i år?"
    nojd.save()
    nej = Option.objects.get(question__survey=second, question__code="samverkar", code="o1")
    nej.label = "Nej, inte ännu"
    nej.save()
    second.questions.filter(code="former").update(condition_option=None)
    second.questions.filter(code="medlemmar").delete()
    anstallda = second.questions.get(code="anstallda")
    anstallda.kind = Question.Kind.NUMBER
    anstallda.save()
    Question.objects.create(
        survey=second,
        section=second.sections.first(),
        code="lokaler",
        kind=Question.Kind.SINGLE,
        text="Har ni egna lokaler?",
        position=30,
    )
