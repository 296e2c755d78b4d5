"""Demo data: a finished inventory of 2026 (the shipped template), sent to the
demo's nine departments, each answering through its link, then closed. The
answers are invented: each department works with its own categories of civil
society, in forms drawn with a seeded random so the same demo comes out on
every machine."""

import random

from portal.models import Department

from .answering import load_structure
from .demo_answers import answer_as, opened_from_template
from .models import Survey
from .services.lifecycle import survey_close
from .services.sending import survey_send
from .shipped import inventory as shipped

TITLE = "Inventering av samverkan 2026"
TITLE_EN = "Inventory of collaboration 2026"
SEED = 2026
COMMON_FORMS = ["dialog-enstaka", "dialog-aterkommande", "informationsutbyte", "samarrangemang",
                "kunskapsutbyte"]  # fmt: skip

# Per department: the categories it works with, how many forms each, the goal
# areas, the money paid (kr) and the share of partners with staff (%).
PROFILES = {
    "Barn- och utbildningsförvaltningen": (
        ["idrottsforening", "kulturforening", "studieforbund", "forsamling-trossamfund",
         "etnisk-forening", "ideburen-forening"], 4,
        ["utbildning", "bildning", "manskliga-rattigheter", "jamstallda-livsvillkor"],
        "320 000", "45"),
    "Gymnasie- och arbetsmarknadsförvaltningen": (
        ["socialt-foretag", "studieforbund", "etnisk-forening", "ideburen-forening",
         "ekonomisk-forening"], 5,
        ["sysselsattning", "utbildning", "ekonomisk-jamstalldhet", "naringsliv"],
        "1 450 000", "70"),
    "Kommunstyrelsens förvaltning": (
        [code for code, _label, _en in shipped.CATEGORIES], 6,
        ["manskliga-rattigheter", "jamstallda-livsvillkor", "goda-livsmiljoer", "klimat",
         "god-hushallning", "naringsliv"],
        "5 800 000", "55"),
    "Kultur- och fritidsförvaltningen": (
        ["idrottsforening", "kulturforening", "studieforbund", "hembygdsforening",
         "pensionarsforening", "paraplyorganisation", "natverk", "ideburen-forening",
         "politisk-forening", "volontarforening", "ekonomisk-forening"], 9,
        ["bildning", "manskliga-rattigheter", "goda-livsmiljoer", "jamstallda-livsvillkor"],
        "38 500 000", "40"),
    "Miljö- och bygglovsförvaltningen": (
        ["hembygdsforening", "natverk"], 2, ["ekosystem", "vatten", "klimat"], "", ""),
    "Natur- och byggnadsförvaltningen": (
        ["hembygdsforening", "idrottsforening", "natverk", "ekonomisk-forening"], 3,
        ["ekosystem", "goda-livsmiljoer", "infrastruktur", "bebyggelsestruktur", "vatten"],
        "600 000", "25"),
    "Socialförvaltningen": (
        ["social-forening", "forsamling-trossamfund", "volontarforening", "ideburen-forening",
         "paraplyorganisation", "etnisk-forening", "socialt-foretag"], 7,
        ["manskliga-rattigheter", "jamstallda-livsvillkor", "sysselsattning", "livsmedel"],
        "2 300 000", "80"),
    "Äldreomsorgsförvaltningen": (
        ["pensionarsforening", "volontarforening", "forsamling-trossamfund", "social-forening"],
        5, ["jamstallda-livsvillkor", "goda-livsmiljoer"], "410 000", "35"),
    "Funktionsstödsförvaltningen": (
        ["social-forening", "idrottsforening", "ideburen-forening", "paraplyorganisation"], 4,
        ["manskliga-rattigheter", "jamstallda-livsvillkor", "sysselsattning"], "", "65"),
}  # fmt: skip

HARD = ["Tid och resurser att hålla kontakten.", "Att hitta rätt kontaktperson i föreningen.",
        "Sekretess när vi samverkar kring enskilda.", "Kortsiktig finansiering.",
        "Olika förväntningar på vad samverkan ska leda till."]  # fmt: skip
GOOD = ["Kunskap och närhet till invånarna.", "Snabbhet från tanke till handling.",
        "Föreningarna når grupper vi själva inte når.", "Ett viktigt komplement till vår "
        "verksamhet."]  # fmt: skip


def _answer(rng: random.Random, profile) -> dict:
    categories, breadth, goals, money, staff = profile
    others = [code for code, _label, _en in shipped.FORMS if code not in COMMON_FORMS]
    matrix = {}
    for category in categories:
        count = max(1, min(14, breadth + rng.randint(-2, 2)))
        common = rng.sample(COMMON_FORMS, k=min(count, rng.randint(2, 5)))
        matrix[category] = common + rng.sample(others, k=max(0, count - len(common)))
    return {
        "svarande": rng.choice(["Förvaltningssamordnare", "Utvecklingsledare", "Enhetschef"]),
        shipped.MATRIX: matrix,
        shipped.GOALS: goals,
        shipped.MONEY: money,
        shipped.STAFF: staff,
        "svart": rng.choice(HARD),
        "positivt": rng.choice(GOOD),
    }


def load(coordinator) -> Survey:
    """The finished inventory, made once (found again by its title's slug)."""
    existing = Survey.objects.filter(template=shipped.KEY, title=TITLE).first()
    if existing is not None:
        return existing
    survey = opened_from_template(
        key=shipped.KEY, title=TITLE, title_en=TITLE_EN, by=coordinator, days_open=60, days_left=1
    )
    departments = list(Department.objects.filter(name__in=PROFILES))
    survey_send(survey=survey, by=coordinator, departments=departments)
    rng = random.Random(SEED)
    structure = load_structure(survey)
    for recipient in survey.recipients.select_related("department", "survey").order_by(
        "department__name"
    ):
        answer_as(recipient, _answer(rng, PROFILES[recipient.department.name]), structure=structure)
    return survey_close(survey=survey, by=coordinator)
