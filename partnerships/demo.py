"""Demo data of the agreements: a few IOPs (one nearing the end of its term), a
contract, a project and a reserved contract with the demo associations as parties,
at every step of the lifecycle, with each side's contributions and the decisions.

``manage.py load_demo`` calls ``load(stdout)`` after the core's departments and demo
logins and the register's associations exist (INSTALLED_APPS order). Deterministic
and idempotent: an agreement is found by its title, and one that exists is left
alone (a coordinator's changes survive the next start).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from organisations.demo import representatives_association, spread
from organisations.models import Organisation
from portal.models import Department

from . import demo_collaborations
from .demo_reports import load_reports
from .models import Agreement, AgreementContribution, AgreementParty

# The IOP whose follow-up plan the demo shows (partnerships/demo_reports.py).
REPORTS_AGREEMENT = "IOP om idrott och läxhjälp i Fittja"


@dataclass(frozen=True)
class DemoAgreement:
    title: str
    kind: str
    status: str
    purpose: str
    departments: tuple[str, ...]
    starts_on: date | None = None
    ends_on: date | None = None
    budget: Decimal | None = None
    decision_body: str = ""
    decision_date: date | None = None
    case_number: str = ""
    # Which demo associations are parties: by category and district, and whether the
    # demo representative's association is one.
    categories: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    parties: int = 1
    with_representative: bool = False
    decision_paragraph: str = ""
    iop_criteria: tuple[str, ...] = ()
    # (the party's index among the parties, or None for the municipality, kind,
    # amount in SEK, hours, description)
    contributions: tuple[tuple[int | None, str, int | None, int | None, str], ...] = ()


MONEY, PREMISES, HOURS, IN_KIND = (kind.value for kind in AgreementContribution.Kind)


AGREEMENTS = [
    DemoAgreement(
        "IOP om läxhjälp i Flemingsberg",
        Agreement.Kind.IOP,
        Agreement.Status.ACTIVE,
        "Föreningarna ordnar läxhjälp tre eftermiddagar i veckan på biblioteket och i "
        "skolorna i Flemingsberg; kommunen står för lokaler och en del av kostnaderna.",
        ("Barn- och utbildningsförvaltningen",),
        # Nearing its end: the term-end reminders and the renewal are due.
        starts_on=date(2024, 6, 1),
        ends_on=date(2027, 5, 31),
        budget=Decimal("1350000"),
        decision_body="Barn- och utbildningsnämnden",
        decision_date=date(2024, 4, 17),
        case_number="BUN-2024/0312",
        categories=("Volontärförening", "Studieförbund"),
        districts=("Flemingsberg",),
        parties=2,
        decision_paragraph="§ 58",
        iop_criteria=Agreement.IOP_CRITERIA,
        contributions=(
            (None, MONEY, 1350000, None, "Bidrag under tre år"),
            (None, PREMISES, None, None, "Biblioteket och skolornas matsalar"),
            (0, HOURS, None, 2400, "Läxhjälpare"),
            (1, IN_KIND, 60000, None, "Utbildning av läxhjälpare"),
        ),
    ),
    DemoAgreement(
        "IOP om träffpunkter för seniorer",
        Agreement.Kind.IOP,
        Agreement.Status.DECIDED,
        "Öppna träffpunkter med aktiviteter, fika och digital hjälp för äldre, drivna "
        "av pensionärsföreningarna tillsammans med kommunen.",
        ("Äldreomsorgsförvaltningen",),
        starts_on=date(2027, 1, 1),
        ends_on=date(2029, 12, 31),
        budget=Decimal("900000"),
        decision_body="Äldreomsorgsnämnden",
        decision_date=date(2026, 10, 15),
        case_number="ÄON-2026/0187",
        categories=("Pensionärsförening",),
        parties=2,
        decision_paragraph="§ 141",
        iop_criteria=("iop_co_financing", "iop_long_term", "iop_own_initiative"),
        contributions=(
            (None, MONEY, 900000, None, "Bidrag under tre år"),
            (0, HOURS, None, 3000, "Värdar på träffpunkterna"),
            (1, PREMISES, 120000, None, "Föreningslokalen två dagar i veckan"),
        ),
    ),
    DemoAgreement(
        "Avtal om föreningsdriven fritidsgård i Vårby",
        Agreement.Kind.CONTRACT,
        Agreement.Status.ACTIVE,
        "Föreningen driver fritidsgården i Vårby fyra kvällar i veckan för unga 13–17 år.",
        ("Kultur- och fritidsförvaltningen",),
        starts_on=date(2024, 8, 1),
        ends_on=date(2027, 7, 31),
        budget=Decimal("2400000"),
        decision_body="Kultur- och fritidsnämnden",
        decision_date=date(2024, 5, 28),
        case_number="KFN-2024/0098",
        categories=("Idéburen förening", "Social förening", "Idrottsförening"),
        districts=("Vårby",),
        decision_paragraph="§ 77",
        contributions=((None, MONEY, 2400000, None, "Ersättning enligt avtalet"),),
    ),
    DemoAgreement(
        "Projekt Trygg sommar",
        Agreement.Kind.PROJECT,
        Agreement.Status.ENDED,
        "Sommarlovsaktiviteter och nattvandringar i flera kommundelar, med föreningar och "
        "fältassistenter tillsammans.",
        ("Kommunstyrelsens förvaltning", "Kultur- och fritidsförvaltningen"),
        starts_on=date(2025, 6, 1),
        ends_on=date(2025, 8, 31),
        budget=Decimal("380000"),
        decision_body="Kommunstyrelsen",
        decision_date=date(2025, 4, 14),
        case_number="KS-2025/0411",
        categories=("Idéburen förening", "Idrottsförening"),
        parties=2,
        with_representative=True,
        decision_paragraph="§ 203",
        contributions=(
            (None, MONEY, 380000, None, "Projektmedel"),
            (0, HOURS, None, 450, "Nattvandrare"),
        ),
    ),
    DemoAgreement(
        "Reserverat kontrakt för cykelreparationer",
        Agreement.Kind.RESERVED_CONTRACT,
        Agreement.Status.PREPARATION,
        "Ett reserverat kontrakt för reparation av kommunens cyklar, för arbetsintegrerande "
        "sociala företag.",
        ("Natur- och byggnadsförvaltningen",),
        budget=Decimal("600000"),
        categories=("Socialt företag",),
    ),
    DemoAgreement(
        "IOP om öppen mötesplats för unga",
        Agreement.Kind.IOP,
        Agreement.Status.PREPARATION,
        "En idé från föreningen om en öppen mötesplats för unga på helgkvällar; "
        "förvaltningen bereder ett förslag till partnerskap.",
        ("Socialförvaltningen",),
        with_representative=True,
        parties=0,
    ),
    DemoAgreement(
        REPORTS_AGREEMENT,
        Agreement.Kind.IOP,
        Agreement.Status.ACTIVE,
        "Föreningen ordnar spontanidrott och läxhjälp för unga i Fittja tre kvällar i "
        "veckan; kommunen bidrar med lokaler och en del av kostnaderna.",
        ("Kultur- och fritidsförvaltningen",),
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        budget=Decimal("750000"),
        decision_body="Kultur- och fritidsnämnden",
        decision_date=date(2024, 11, 12),
        case_number="KFN-2024/0233",
        with_representative=True,
        parties=0,
    ),
]


def _parties(spec: DemoAgreement) -> list[Organisation]:
    """Active demo associations for the agreement, always the same ones (by name)."""
    chosen = representatives_association() if spec.with_representative else []
    if spec.parties and spec.categories:
        candidates = list(
            Organisation.objects.active()
            .filter(categories__name__in=spec.categories)
            .exclude(pk__in=[o.pk for o in chosen])
            .distinct()
            .order_by("name")
        )
        # Those in the agreement's districts first.
        local = set(
            Organisation.objects.filter(
                pk__in=[o.pk for o in candidates], districts__name__in=spec.districts
            ).values_list("pk", flat=True)
        )
        nearby = [o for o in candidates if o.pk in local]
        rest = [o for o in candidates if o.pk not in local]
        chosen += (nearby + spread(rest, spec.parties))[: spec.parties]
    return chosen


@transaction.atomic
def load(stdout) -> None:
    departments = {d.name: d for d in Department.objects.all()}
    created = parties = 0
    for spec in AGREEMENTS:
        agreement, was_created = Agreement.objects.get_or_create(
            title=spec.title,
            defaults={
                "kind": spec.kind,
                "status": spec.status,
                "purpose": spec.purpose,
                "starts_on": spec.starts_on,
                "ends_on": spec.ends_on,
                "budget": spec.budget,
                "decision_body": spec.decision_body,
                "decision_date": spec.decision_date,
                "case_number": spec.case_number,
                "decision_paragraph": spec.decision_paragraph,
                **{name: name in spec.iop_criteria for name in Agreement.IOP_CRITERIA},
            },
        )
        if not was_created:
            continue
        created += 1
        agreement.departments.set([departments[n] for n in spec.departments if n in departments])
        rows = [
            AgreementParty(agreement=agreement, organisation=organisation)
            for organisation in _parties(spec)
        ]
        AgreementParty.objects.bulk_create(rows)
        parties += len(rows)
        AgreementContribution.objects.bulk_create(
            AgreementContribution(
                agreement=agreement,
                organisation=rows[index].organisation if index is not None else None,
                kind=kind,
                amount=amount,
                hours=hours,
                description=description,
            )
            for index, kind, amount, hours, description in spec.contributions
            if index is None or index < len(rows)  # without the register, the municipality's
        )
    stdout.write(f"Agreements: {len(AGREEMENTS)} ({created} new), parties: {parties} new")
    demo_collaborations.load(stdout)
    load_reports(stdout, Agreement.objects.get(title=REPORTS_AGREEMENT))
