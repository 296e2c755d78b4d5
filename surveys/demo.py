"""Demo data of the surveys: one open survey to the register's associations
(Huddinge's themes, with a matrix), sent through the services, with a few
answers; the demo representative's association is among the recipients, and its
personal link is printed so the answering page can be tried at once.

``manage.py load_demo`` calls ``load(stdout)`` after the register's demo data.
Idempotent: a survey that exists (found by its slug) is left alone."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from organisations.demo import representatives_association
from organisations.models import Organisation

from .answering import build
from .links import answer_url
from .models import Option, Question, Recipient, Section, Survey
from .services.answering import response_save
from .services.lifecycle import survey_open
from .services.sending import survey_send

SLUG = "civilsamhallets-syn-pa-samverkan-2027"
COORDINATOR_EMAIL = "samordnare@demo.se"
RECIPIENTS = 12
K = Question.Kind

SECTIONS = [
    (
        "Er förening och kommunen",
        [
            ("samverkar", K.SINGLE, "Samverkar föreningen med kommunen i dag?", True,
             ["Ja, regelbundet", "Ja, ibland", "Nej"], {}),
            ("former", K.MULTIPLE, "På vilka sätt samverkar ni?", False,
             ["Dialogmöten", "Föreningsbidrag", "Gemensamma projekt", "Lokaler", "Avtal (IOP)"],
             {"condition": 0}),
            ("kontakt", K.SCALE, "Hur lätt är det att hitta rätt person i kommunen?", True,
             [], {"min_value": 1, "max_value": 5, "min_label": "Mycket svårt",
                  "max_label": "Mycket lätt"}),
            ("medlemmar", K.NUMBER, "Hur många medlemmar har föreningen?", False, [],
             {"min_value": 0, "max_value": 100000}),
            ("bidrag", K.AMOUNT, "Hur mycket bidrag fick föreningen från kommunen förra året?",
             False, [], {}),
            ("ideella", K.PERCENTAGE, "Hur stor andel av arbetet görs ideellt?", False, [], {}),
        ],
    ),
    (
        "Samverkan framåt",
        [
            ("omraden", K.MATRIX, "Hur viktigt är samverkan inom dessa områden?", True,
             (["Barn och unga", "Äldre", "Integration", "Folkhälsa"],
              ["Inte viktigt", "Ganska viktigt", "Mycket viktigt"]),
             {"cell": Question.Cell.CHOICE, "rows_required": True}),
            ("forbattra", K.TEXT, "Vad skulle göra samverkan med kommunen bättre?", False, [],
             {}),
        ],
    ),
]  # fmt: skip

ANSWERS = [
    {"samverkar": 0, "former": [0, 1], "kontakt": 2, "medlemmar": "140", "bidrag": "35 000",
     "ideella": "90", "omraden": [2, 1, 2, 1], "forbattra": "En väg in och snabbare svar."},
    {"samverkar": 1, "former": [1], "kontakt": 3, "medlemmar": "45", "bidrag": "8 000",
     "ideella": "100", "omraden": [1, 2, 0, 1], "forbattra": "Fler lokaler på kvällstid."},
    {"samverkar": 2, "kontakt": 1, "medlemmar": "12", "ideella": "100",
     "omraden": [0, 0, 2, 2], "forbattra": ""},
    {"samverkar": 0, "former": [0, 2, 4], "kontakt": 4, "medlemmar": "600",
     "bidrag": "220 000", "ideella": "60", "omraden": [2, 2, 1, 2],
     "forbattra": "Längre avtal så att vi kan planera."},
]  # fmt: skip


def _build(coordinator) -> Survey:
    now = timezone.now()
    survey = Survey.objects.create(
        title="Civilsamhällets syn på samverkan 2027",
        slug=SLUG,
        introduction="Kommunen vill veta hur föreningarna ser på samverkan med kommunen. "
        "Svara en gång för er förening; det tar ungefär tio minuter. Svaren är anonyma.",
        audience=Survey.Audience.ASSOCIATIONS,
        anonymous=True,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=21),
        created_by=coordinator,
    )
    first_choice = None
    for s_pos, (title, questions) in enumerate(SECTIONS):
        section = Section.objects.create(survey=survey, title=title, position=s_pos)
        for q_pos, (code, kind, text, required, options, extra) in enumerate(questions):
            condition = extra.pop("condition", None)
            question = Question.objects.create(
                survey=survey,
                section=section,
                code=code,
                kind=kind,
                text=text,
                required=required,
                position=q_pos,
                condition_option=first_choice if condition is not None else None,
                **extra,
            )
            if kind == K.MATRIX:
                rows, columns = options
                _options(question, Option.Role.ROW, rows)
                _options(question, Option.Role.COLUMN, columns)
            else:
                made = _options(question, Option.Role.CHOICE, options)
                if code == "samverkar":
                    first_choice = made[0]
    return survey


def _options(question, role, labels) -> list[Option]:
    return [
        Option.objects.create(question=question, role=role, label=label, code=f"o{n}", position=n)
        for n, label in enumerate(labels)
    ]


def _values(survey, answer: dict) -> dict[str, list[str]]:
    values = {}
    for question in survey.questions.prefetch_related("options"):
        given = answer.get(question.code)
        if given is None or given == "":
            continue
        options = list(question.options.all())
        name = f"q{question.pk}"
        if question.kind == K.MATRIX:
            rows = [o for o in options if o.role == Option.Role.ROW]
            columns = [o for o in options if o.role == Option.Role.COLUMN]
            for row, column in zip(rows, given, strict=True):
                values[f"{name}_r{row.pk}"] = [str(columns[column].pk)]
        elif question.kind in Question.CHOICE_KINDS:
            picks = given if isinstance(given, list) else [given]
            values[name] = [str(options[p].pk) for p in picks]
        else:
            values[name] = [str(given)]
    return values


def load(stdout) -> None:
    coordinator = get_user_model().objects.filter(email=COORDINATOR_EMAIL).first()
    if coordinator is None:
        stdout.write("Surveys: no demo coordinator, nothing loaded")
        return
    survey = Survey.objects.filter(slug=SLUG).first()
    if survey is None:
        with transaction.atomic():
            survey = _build(coordinator)
            survey_open(survey=survey, by=coordinator)
        own = representatives_association()
        others = list(
            Organisation.objects.active()
            .exclude(pk__in=[o.pk for o in own])
            .order_by("name")
            .values_list("pk", flat=True)[: RECIPIENTS - len(own)]
        )
        survey_send(survey=survey, by=coordinator, organisations=[o.pk for o in own] + others)
        answering = Recipient.objects.filter(survey=survey).exclude(
            organisation__in=[o.pk for o in own]
        )
        for recipient, answer in zip(answering.order_by("pk"), ANSWERS, strict=False):
            sections, errors = build(survey, _values(survey, answer), check_required=True)
            assert not errors, answer
            found = [a for s in sections for i in s.items if i.shown for a in i.answers]
            response_save(recipient=recipient, answers=found, submit=True)
    sent = survey.recipients.count()
    answered = survey.recipients.filter(responded_at__isnull=False).count()
    stdout.write(f"Surveys: {survey.title}, {answered} of {sent} answered")
    own = representatives_association()
    recipient = survey.recipients.filter(organisation__in=[o.pk for o in own]).first()
    if recipient is not None:
        stdout.write(
            f"  Answer for {recipient.organisation} (forening@demo.se): {answer_url(recipient)}"
        )
