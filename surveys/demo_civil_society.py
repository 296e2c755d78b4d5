"""Demo data: the finished civil-society survey of 2026 (the shipped template),
sent to associations of the demo register and answered by about ninety of them
through their links, then closed, so the results pages and the comparison with
the open 2027 round have something real to show. The answers are drawn with a
seeded random, weighted as Huddinge's were (most collaborate already, ratings in
the middle, early involvement the wish heard most), some with free text."""

import random

from django.db import transaction

from organisations.demo import representatives_association
from organisations.models import Organisation

from .answering import load_structure
from .demo_answers import answer_as, opened_from_template
from .models import Survey
from .services.lifecycle import survey_close
from .services.sending import survey_send
from .shipped import civil_society as shipped

TITLE = "Civilsamhällets syn på samverkan 2026"
TITLE_EN = "Civil society's view of collaboration 2026"
SEED = 2026
SENT = 110
ANSWERED = 90

FORMS = {"lokaler": 6, "bidrag": 6, "informationstraffar": 4, "dialogmoten": 3, "projekt": 2,
         "tjanst": 1, "iop": 1}  # fmt: skip
WISHES = {"tidigt-i-planering": 6, "mer-dialog": 5, "lokaler-halltider": 4,
          "verksamhetsforandringar": 3, "projekt": 2, "iop": 1}  # fmt: skip
HELP = {"sprida-information": 5, "traffar-omrade": 3, "traffar-verksamhet": 3,
        "marknadsfora": 2}  # fmt: skip
IMPORTANCE = {"barn-unga": (1, 3, 6), "aldre": (2, 4, 3), "integration": (2, 4, 4),
              "folkhalsa": (1, 4, 4)}  # fmt: skip
COLUMNS = ("inte-viktigt", "ganska-viktigt", "mycket-viktigt")
TEXTS = [
    "Bjud in oss tidigt, innan besluten redan är fattade.",
    "Tydligare information på webben om vem vi ska kontakta.",
    "Vi bollas runt mellan förvaltningar; en väg in vore bra.",
    "Fler halltider på kvällar och helger för ungdomslagen.",
    "Längre avtal så att vi kan planera mer än ett år framåt.",
    "Snabbare svar när vi hör av oss med en idé.",
    "Träffar för föreningar i samma kommundel.",
    "Hjälp att nå ut med våra aktiviteter till nya medlemmar.",
    "Enklare ansökan om föreningsbidrag.",
    "Att kommunen berättar vad som blev av det vi sa i dialogen.",
    "Mer stöd till nystartade och små föreningar.",
    "Lokaler som går att boka utan krångel.",
    "Samordning mellan kultur och socialtjänst kring barnfamiljer.",
    "Informera oss i god tid när en verksamhet vi samarbetar med flyttas.",
]


def _weighted(rng: random.Random, weights: dict, k: int) -> list[str]:
    chosen = []
    pool = dict(weights)
    for _i in range(min(k, len(pool))):
        pick = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(pick)
        del pool[pick]
    return chosen


def _scale(rng: random.Random, weights) -> str:
    return str(rng.choices([1, 2, 3, 4, 5], weights=weights)[0])


def answer(rng: random.Random) -> dict:
    """One association's answer, by the template's codes."""
    collaborates = rng.choices(["ja-regelbundet", "ja-ibland", "nej"], weights=(45, 40, 15))[0]
    forms = _weighted(rng, FORMS, rng.randint(1, 4)) if collaborates == "ja-regelbundet" else []
    members = rng.choice(["", str(rng.randint(8, 60)), str(rng.randint(60, 400)),
                          str(rng.randint(400, 2500))])  # fmt: skip
    grant = (
        f"{rng.randrange(2, 300) * 1000:,}".replace(",", " ")
        if "bidrag" in forms or rng.random() < 0.3
        else ""
    )
    return {
        "samverkar": collaborates,
        "former": forms,
        "fungerar": _scale(rng, (7, 20, 40, 25, 8)),
        "positiv": _scale(rng, (8, 18, 34, 28, 12)),
        "kunskap": _scale(rng, (16, 30, 30, 17, 7)),
        "kontakt": _scale(rng, (15, 30, 30, 19, 6)),
        "medlemmar": members,
        "bidrag": grant,
        "ideella": str(rng.choice([40, 60, 75, 80, 90, 95, 100, 100, 100])),
        "onskar": _weighted(rng, WISHES, rng.randint(1, 3)),
        "omraden": {
            row: rng.choices(COLUMNS, weights=weights)[0] for row, weights in IMPORTANCE.items()
        },
        "andra-organisationer": rng.choices(["ja", "nej"], weights=(55, 45))[0],
        "underlatta": _weighted(rng, HELP, rng.randint(0, 2)),
        "forbattra": rng.choice(TEXTS) if rng.random() < 0.4 else "",
    }


def load(coordinator) -> Survey:
    """The finished 2026 round, made once (found again by its title)."""
    existing = Survey.objects.filter(template=shipped.KEY, title=TITLE).first()
    if existing is not None:
        return existing
    survey = opened_from_template(
        key=shipped.KEY, title=TITLE, title_en=TITLE_EN, by=coordinator, days_open=40, days_left=1
    )
    own = [o.pk for o in representatives_association()]
    organisations = list(
        Organisation.objects.active()
        .exclude(pk__in=own)
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    rng = random.Random(SEED)
    chosen = sorted(rng.sample(organisations, k=min(SENT, len(organisations))))
    survey_send(survey=survey, by=coordinator, organisations=chosen)
    structure = load_structure(survey)
    recipients = list(survey.recipients.select_related("survey").order_by("pk"))
    with transaction.atomic():  # one commit for all the answers, not one each
        for recipient in rng.sample(recipients, k=min(ANSWERED, len(recipients))):
            answer_as(recipient, answer(rng), structure=structure)
    return survey_close(survey=survey, by=coordinator)
