"""Demo data of the surveys, all made from the shipped templates and run through
the services as a coordinator and the respondents would, in Swedish and English
(the templates' texts, and an English title beside each Swedish one):

- a finished inventory of 2026 with the nine departments' answers (demo_inventory.py);
- the finished civil-society survey of 2026 with about ninety associations'
  answers (demo_civil_society.py);
- its next round, open now, with a few answers: the demo representative's
  association is among its recipients, and its personal link is printed so the
  answering page can be tried at once.

``manage.py load_demo`` calls ``load(stdout)`` after the register's demo data.
Idempotent: a survey that exists (found by its title or slug) is left alone."""

import time

from django.contrib.auth import get_user_model
from django.db import transaction

from organisations.demo import representatives_association
from organisations.models import Organisation

from . import demo_civil_society, demo_inventory
from .answering import load_structure
from .demo_answers import answer_as, opened_from_template
from .links import answer_url
from .models import Recipient, Survey
from .services.sending import survey_send
from .shipped import civil_society

SLUG = "civilsamhallets-syn-pa-samverkan-2027"
TITLE = "Civilsamhällets syn på samverkan 2027"
TITLE_EN = "Civil society's view of collaboration 2027"
COORDINATOR_EMAIL = "samordnare@demo.se"
RECIPIENTS = 12

ANSWERS = [
    {"samverkar": "ja-regelbundet", "former": ["lokaler", "bidrag", "dialogmoten"],
     "fungerar": "3", "positiv": "4", "kunskap": "3", "kontakt": "2", "medlemmar": "140",
     "bidrag": "35 000", "ideella": "90", "onskar": ["tidigt-i-planering", "mer-dialog"],
     "omraden": {"barn-unga": "mycket-viktigt", "aldre": "ganska-viktigt",
                 "integration": "mycket-viktigt", "folkhalsa": "ganska-viktigt"},
     "andra-organisationer": "ja", "forbattra": "En väg in och snabbare svar."},
    {"samverkar": "ja-ibland", "fungerar": "4", "kontakt": "3", "medlemmar": "45",
     "bidrag": "8 000", "ideella": "100", "onskar": ["lokaler-halltider"],
     "omraden": {"barn-unga": "ganska-viktigt", "aldre": "mycket-viktigt",
                 "integration": "inte-viktigt", "folkhalsa": "ganska-viktigt"},
     "forbattra": "Fler lokaler på kvällstid."},
    {"samverkar": "nej", "fungerar": "2", "kontakt": "1", "medlemmar": "12", "ideella": "100",
     "omraden": {"barn-unga": "inte-viktigt", "aldre": "inte-viktigt",
                 "integration": "mycket-viktigt", "folkhalsa": "mycket-viktigt"},
     "andra-organisationer": "nej", "underlatta": ["sprida-information"]},
    {"samverkar": "ja-regelbundet", "former": ["projekt", "iop", "bidrag"], "fungerar": "4",
     "positiv": "5", "kunskap": "4", "kontakt": "4", "medlemmar": "600",
     "bidrag": "220 000", "ideella": "60", "onskar": ["verksamhetsforandringar", "iop"],
     "omraden": {"barn-unga": "mycket-viktigt", "aldre": "mycket-viktigt",
                 "integration": "ganska-viktigt", "folkhalsa": "mycket-viktigt"},
     "andra-organisationer": "ja", "underlatta": ["traffar-omrade"],
     "forbattra": "Längre avtal så att vi kan planera."},
    {"samverkar": "ja-ibland", "former": ["dialogmoten"], "fungerar": "3", "positiv": "3",
     "kontakt": "2", "medlemmar": "80", "ideella": "100", "onskar": ["mer-dialog"],
     "omraden": {"barn-unga": "mycket-viktigt", "aldre": "ganska-viktigt",
                 "integration": "ganska-viktigt", "folkhalsa": "inte-viktigt"},
     "andra-organisationer": "ja", "forbattra": "Svar inom en vecka på våra frågor."},
    {"samverkar": "ja-regelbundet", "former": ["lokaler", "projekt"], "fungerar": "5",
     "positiv": "4", "kunskap": "5", "kontakt": "4", "medlemmar": "230",
     "bidrag": "60 000", "ideella": "95", "onskar": ["tidigt-i-planering"],
     "omraden": {"barn-unga": "mycket-viktigt", "aldre": "mycket-viktigt",
                 "integration": "mycket-viktigt", "folkhalsa": "ganska-viktigt"},
     "andra-organisationer": "nej", "underlatta": ["sprida-information"]},
]  # fmt: skip


def _open_round(coordinator, previous: Survey) -> Survey:
    """The open 2027 round, the 2026 survey's next, sent to twelve associations
    (the demo representative's among them), six of which have answered: enough
    to compare with 2026."""
    with transaction.atomic():
        survey = opened_from_template(
            key=civil_society.KEY,
            title=TITLE,
            title_en=TITLE_EN,
            by=coordinator,
            days_open=7,
            days_left=21,
            previous_round=previous,
        )
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
    structure = load_structure(survey)
    for recipient, answer in zip(answering.order_by("pk"), ANSWERS, strict=False):
        answer_as(recipient, answer, structure=structure)
    survey.refresh_from_db()
    return survey


def load(stdout) -> None:
    coordinator = get_user_model().objects.filter(email=COORDINATOR_EMAIL).first()
    if coordinator is None:
        stdout.write("Surveys: no demo coordinator, nothing loaded")
        return
    started = time.monotonic()
    inventory = demo_inventory.load(coordinator)
    previous = demo_civil_society.load(coordinator)
    survey = Survey.objects.filter(slug=SLUG).first() or _open_round(coordinator, previous)
    for shown in (inventory, previous, survey):
        answered = shown.responses.submitted().count()
        stdout.write(f"Surveys: {shown.title} ({shown.get_status_display()}), {answered} answers")
    stdout.write(f"  (the surveys' demo data in {time.monotonic() - started:.1f} s)")
    own = representatives_association()
    recipient = survey.recipients.filter(organisation__in=[o.pk for o in own]).first()
    if recipient is not None:
        stdout.write(
            f"  Answer for {recipient.organisation} (forening@demo.se): {answer_url(recipient)}"
        )
