"""Surveys built as a coordinator builds them (the structure as the admin saves
it), opened and sent through the services, so the recipients have their links."""

from datetime import timedelta

from django.utils import timezone

from surveys.demo_answers import opened_from_template
from surveys.links import recipient_token
from surveys.models import Option, Question, Section, Survey
from surveys.services.lifecycle import survey_open
from surveys.services.sending import survey_send
from surveys.shipped import civil_society
from tests.organisations.factories import make_municipal_coordinator


def build_survey(*, by=None, anonymous=True, audience=Survey.Audience.ASSOCIATIONS, **extra):
    """A survey with one question of each kind, a condition and a matrix of
    categories × forms (numbers), as in Örebro's inventory."""
    now = timezone.now()
    survey = Survey.objects.create(
        title=extra.pop("title", "Civilsamhällets syn på samverkan"),
        slug=extra.pop("slug", f"enkat-{Survey.objects.count() + 1}"),
        audience=audience,
        anonymous=anonymous,
        opens_at=extra.pop("opens_at", now - timedelta(days=1)),
        closes_at=extra.pop("closes_at", now + timedelta(days=20)),
        created_by=by,
        **extra,
    )
    first = Section.objects.create(survey=survey, title="Om er", position=1)
    second = Section.objects.create(survey=survey, title="Samverkan", position=2)
    q = {}

    def question(section, code, kind, text, **kw):
        q[code] = Question.objects.create(
            survey=survey,
            section=section,
            code=code,
            kind=kind,
            text=text,
            position=len(q),
            **kw,
        )
        return q[code]

    def options(question, role, *labels):
        return [
            Option.objects.create(
                question=question, role=role, label=label, code=f"o{n}", position=n
            )
            for n, label in enumerate(labels)
        ]

    yes, no = options(
        question(
            first, "samverkar", Question.Kind.SINGLE, "Samverkar ni med kommunen?", required=True
        ),
        Option.Role.CHOICE,
        "Ja",
        "Nej",
    )
    options(
        question(
            first, "former", Question.Kind.MULTIPLE, "Hur samverkar ni?", condition_option=yes
        ),
        Option.Role.CHOICE,
        "Möten",
        "Projekt",
        "Avtal",
    )
    question(
        first,
        "nojd",
        Question.Kind.SCALE,
        "Hur nöjda är ni?",
        min_value=1,
        max_value=5,
        min_label="Inte alls",
        max_label="Mycket",
    )
    question(
        first, "medlemmar", Question.Kind.NUMBER, "Antal medlemmar", min_value=0, max_value=100000
    )
    question(first, "bidrag", Question.Kind.AMOUNT, "Bidrag från kommunen")
    question(first, "anstallda", Question.Kind.PERCENTAGE, "Andel med anställd personal")
    question(second, "synpunkter", Question.Kind.TEXT, "Övriga synpunkter")
    matrix = question(
        second,
        "matris",
        Question.Kind.MATRIX,
        "Antal samverkansformer per kategori",
        cell=Question.Cell.NUMBER,
        rows_required=True,
        min_value=0,
        max_value=14,
    )
    options(matrix, Option.Role.ROW, "Idrott", "Kultur")
    options(matrix, Option.Role.COLUMN, "Dialog", "Bidrag")
    survey.q = q
    survey.yes, survey.no = yes, no
    return survey


def open_survey(**kwargs):
    by = kwargs.pop("by", None) or make_municipal_coordinator()
    survey = build_survey(by=by, **kwargs)
    survey_open(survey=survey, by=by)
    survey.refresh_from_db()
    survey.coordinator = by
    return survey


def sent_survey(organisations, **kwargs):
    """An open survey sent to ``organisations`` (by category: each gets its own)."""
    survey = open_survey(**kwargs)
    categories = {c for org in organisations for c in org.categories.all()}
    survey_send(survey=survey, by=survey.coordinator, categories=list(categories))
    return survey


def civil_society_survey(coordinator, organisations, **fields) -> Survey:
    """The civil-society template's survey (Swedish and English), opened and sent
    to ``organisations``."""
    survey = opened_from_template(
        key=civil_society.KEY, title="", by=coordinator, days_open=1, days_left=20, **fields
    )
    survey_send(survey=survey, by=coordinator, organisations=[o.pk for o in organisations])
    return survey


def link(recipient) -> str:
    from django.urls import reverse

    return reverse("surveys:answer", args=[recipient_token(recipient)])


def full_answer(survey) -> dict:
    """A complete, valid answer to ``build_survey``'s questions, as a browser posts it."""
    q = survey.q
    matrix = q["matris"]
    rows = matrix.options.filter(role="row")
    columns = matrix.options.filter(role="column")
    data = {
        "submit": "1",
        f"q{q['samverkar'].pk}": str(survey.yes.pk),
        f"q{q['former'].pk}": [str(o.pk) for o in q["former"].options.all()[:2]],
        f"q{q['nojd'].pk}": "4",
        f"q{q['medlemmar'].pk}": "120",
        f"q{q['bidrag'].pk}": "25 000",
        f"q{q['anstallda'].pk}": "40,5",
        f"q{q['synpunkter'].pk}": "Bra dialog.",
    }
    for row in rows:
        for n, column in enumerate(columns):
            data[f"q{matrix.pk}_r{row.pk}_c{column.pk}"] = str(n + 1)
    return data
