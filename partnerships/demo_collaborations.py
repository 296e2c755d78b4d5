"""Demo data of the collaborations: a collaboration for each of the 15 categories of
associations, every demo department in at least one, with forms, goal areas, target
groups and payments for recent years, so the list, the overview's tables and the
association pages have something to show. Called from demo.load after the
agreements; deterministic and idempotent (found by title, left alone when it exists)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from organisations.demo import representatives_association, spread
from organisations.models import ActivityArea, Organisation
from portal.models import Department

from .models import Collaboration, CollaborationForm, GoalArea
from .services.collaborations import collaboration_create

B, G, K, KF, M, N, S, A, F = (
    "Barn- och utbildningsförvaltningen",
    "Gymnasie- och arbetsmarknadsförvaltningen",
    "Kommunstyrelsens förvaltning",
    "Kultur- och fritidsförvaltningen",
    "Miljö- och bygglovsförvaltningen",
    "Natur- och byggnadsförvaltningen",
    "Socialförvaltningen",
    "Äldreomsorgsförvaltningen",
    "Funktionsstödsförvaltningen",
)


@dataclass(frozen=True)
class DemoCollaboration:
    title: str
    description: str
    category: str
    departments: tuple[str, ...]
    forms: tuple[int, ...]  # positions in Örebro's list, 1–14
    goal_areas: tuple[int, ...]  # positions, 1–17
    target_groups: tuple[str, ...]
    starts_on: date | None
    ends_on: date | None
    contact_role: str
    yearly: int = 0  # SEK a year from the first department, 2024–2026 while running
    is_public: bool = True
    associations: int = 1
    with_representative: bool = False


COLLABORATIONS = [
    DemoCollaboration(
        "Tillgänglig fritid för unga med funktionsnedsättning",
        "Föreningen ordnar fritidsaktiviteter med assistans; förvaltningarna står för lokaler "
        "och färdtjänstsamordning.",
        "Social förening",
        (F, KF),
        (2, 7),
        (3, 9),
        ("Personer med funktionsnedsättning", "Unga"),
        date(2025, 1, 1),
        None,
        "Samordnare för funktionshinderfrågor",
        120000,
    ),
    DemoCollaboration(
        "Kooperativ lunchservering för seniorer",
        "Föreningen driver lunchserveringen på träffpunkten; kommunen hyr ut lokalen.",
        "Ekonomisk förening",
        (A, N),
        (7, 14),
        (12, 17),
        ("Äldre",),
        date(2024, 1, 1),
        date(2026, 12, 31),
        "Enhetschef, träffpunkter",
        180000,
    ),
    DemoCollaboration(
        "Samhällsinformation på modersmål",
        "Föreningarna håller informationsträffar om skola, vård och föreningsliv på flera språk.",
        "Etnisk förening",
        (K, S),
        (4, 5, 13),
        (1, 2),
        ("Nyanlända", "Familjer"),
        date(2025, 3, 1),
        None,
        "Integrationsstrateg",
        95000,
        associations=2,
    ),
    DemoCollaboration(
        "Krisberedskap med trossamfunden",
        "Ett nätverk för att kunna nå ut och ge stöd vid kriser, med gemensamma övningar.",
        "Församling/trossamfund",
        (K,),
        (2, 4),
        (3,),
        ("Alla",),
        date(2023, 9, 1),
        None,
        "Säkerhetssamordnare",
        is_public=False,
        associations=2,
    ),
    DemoCollaboration(
        "Kulturarvsvandringar i Sjödalen",
        "Föreningen leder vandringar för skolklasser; kommunen står för skyltar och kartor.",
        "Hembygdsförening",
        (KF, B, M),
        (10, 12),
        (5, 10),
        ("Barn",),
        date(2024, 4, 1),
        date(2027, 3, 31),
        "Kulturarvsutvecklare",
        40000,
    ),
    DemoCollaboration(
        "Läxhjälp i Flemingsberg",
        "Volontärer ger läxhjälp på biblioteket tre eftermiddagar i veckan.",
        "Idéburen förening",
        (B, KF),
        (6, 11),
        (7, 2),
        ("Barn", "Unga"),
        date(2025, 1, 1),
        date(2027, 1, 31),
        "Biblioteksutvecklare",
        220000,
        associations=2,
        with_representative=True,
    ),
    DemoCollaboration(
        "Sommarlovsaktiviteter",
        "Gratis aktiviteter för barn och unga under sommarlovet, i flera kommundelar.",
        "Idrottsförening",
        (KF, S),
        (8, 10, 12),
        (2, 3),
        ("Barn", "Unga"),
        date(2026, 6, 1),
        date(2026, 8, 31),
        "Fritidssamordnare",
        350000,
        associations=3,
    ),
    DemoCollaboration(
        "Kulturskolans samarbete med kulturföreningarna",
        "Föreningarna medverkar i kulturskolans kurser och konserter.",
        "Kulturförening",
        (KF, B),
        (5, 10, 11, 14),
        (5, 7),
        ("Barn", "Unga"),
        date(2024, 8, 15),
        None,
        "Kulturskolechef",
        150000,
        associations=2,
    ),
    DemoCollaboration(
        "Nätverket mot våld i nära relationer",
        "Regelbundna träffar för att samordna stöd till våldsutsatta.",
        "Nätverk",
        (S,),
        (2, 9),
        (1, 2),
        ("Kvinnor", "Familjer"),
        date(2022, 1, 1),
        None,
        "Samordnare mot våld",
        is_public=False,
    ),
    DemoCollaboration(
        "Föreningsforum för paraplyorganisationerna",
        "Dialog två gånger per termin om föreningsstöd, lokaler och gemensamma frågor.",
        "Paraplyorganisation",
        (K, KF),
        (2, 3),
        (1,),
        ("Alla",),
        date(2024, 1, 1),
        None,
        "Föreningskonsulent",
        associations=2,
    ),
    DemoCollaboration(
        "Digital hjälp för äldre",
        "Pensionärsföreningarna håller öppna träffar där seniorer får hjälp med mobil och dator.",
        "Pensionärsförening",
        (A,),
        (10, 13),
        (2, 5),
        ("Äldre",),
        date(2025, 9, 1),
        date(2027, 5, 31),
        "Anhörigkonsulent",
        60000,
        associations=2,
    ),
    DemoCollaboration(
        "Demokratidagar för gymnasieelever",
        "De politiska ungdomsförbunden deltar i skolornas demokratidagar inför valet.",
        "Politisk förening",
        (G,),
        (1,),
        (1, 5),
        ("Unga",),
        date(2026, 3, 1),
        date(2026, 9, 30),
        "Gymnasiesamordnare",
        associations=3,
    ),
    DemoCollaboration(
        "Fältarbete och nattvandringar",
        "Nattvandrare och fältassistenter går tillsammans i centrum på helgkvällar.",
        "Social förening",
        (S, KF),
        (9, 11),
        (3, 2),
        ("Unga",),
        date(2024, 5, 1),
        date(2026, 12, 31),
        "Fältsekreterare",
        120000,
    ),
    DemoCollaboration(
        "Arbetsträning i cykelverkstaden",
        "Företaget tar emot deltagare för arbetsträning och reparerar kommunens cyklar.",
        "Socialt företag",
        (G, N),
        (7, 9),
        (8, 13),
        ("Vuxna",),
        date(2025, 2, 1),
        date(2027, 1, 31),
        "Arbetsmarknadskonsulent",
        410000,
    ),
    DemoCollaboration(
        "Svenska för föräldralediga",
        "Studieförbunden ordnar språkcaféer och cirklar för föräldralediga nyanlända.",
        "Studieförbund",
        (G, B, S),
        (6, 11),
        (7, 8),
        ("Nyanlända", "Familjer"),
        date(2025, 1, 1),
        date(2027, 12, 31),
        "Samordnare SFI",
        275000,
        associations=2,
    ),
    DemoCollaboration(
        "Städdagar i naturreservaten",
        "Volontärer och kommunen städar och sköter stigar i naturreservaten vår och höst.",
        "Volontärförening",
        (N, M),
        (10, 12),
        (10, 3, 9),
        ("Alla",),
        date(2024, 3, 1),
        None,
        "Naturvårdsförvaltare",
        30000,
    ),
    DemoCollaboration(
        "Miljövänliga evenemang",
        "Råd och checklistor till föreningar som ordnar evenemang, om avfall och transporter.",
        "Kulturförening",
        (M,),
        (13,),
        (6, 13),
        ("Alla",),
        date(2026, 1, 1),
        date(2026, 12, 31),
        "Miljöinspektör",
    ),
]
YEARS = (2024, 2025, 2026)


def _running(spec: DemoCollaboration, year: int) -> bool:
    return (spec.starts_on is None or spec.starts_on.year <= year) and (
        spec.ends_on is None or spec.ends_on.year >= year
    )


def _associations(spec: DemoCollaboration) -> list[Organisation]:
    chosen = representatives_association() if spec.with_representative else []
    candidates = list(
        Organisation.objects.active()
        .filter(categories__name=spec.category)
        .exclude(pk__in=[o.pk for o in chosen])
        .order_by("name")
    )
    return (chosen + spread(candidates, spec.associations))[: max(spec.associations, 1)]


def load(stdout) -> None:
    departments = {d.name: d for d in Department.objects.all()}
    forms = {f.position: f for f in CollaborationForm.objects.all()}
    goals = {g.position: g for g in GoalArea.objects.all()}
    groups = {a.name: a for a in ActivityArea.objects.filter(kind=ActivityArea.Kind.TARGET_GROUP)}
    existing = set(Collaboration.objects.values_list("title", flat=True))
    created = 0
    for spec in COLLABORATIONS:
        associations = _associations(spec)
        chosen = [departments[name] for name in spec.departments if name in departments]
        if spec.title in existing or not associations or not chosen:
            continue
        payments = [
            {"department": chosen[0], "year": year, "amount": Decimal(spec.yearly)}
            for year in YEARS
            if spec.yearly and _running(spec, year)
        ]
        collaboration_create(
            by=None,
            data={
                "title": spec.title,
                "description": spec.description,
                "starts_on": spec.starts_on,
                "ends_on": spec.ends_on,
                "contact_role": spec.contact_role,
                "is_public": spec.is_public,
                "departments": chosen,
                "associations": associations,
                "forms": [forms[p] for p in spec.forms if p in forms],
                "goal_areas": [goals[p] for p in spec.goal_areas if p in goals],
                "target_groups": [groups[n] for n in spec.target_groups if n in groups],
            },
            payments=payments,
        )
        created += 1
    stdout.write(f"Collaborations: {len(COLLABORATIONS)} ({created} new)")
