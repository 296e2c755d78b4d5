"""Demo data of the forums: the demo municipality's (Huddinge's) councils, dialogue
forums and networks, run by its departments, with the demo associations as members.

``manage.py load_demo`` calls ``load(stdout)`` after the core's departments and demo
logins and the register's associations exist (INSTALLED_APPS order). Deterministic
and idempotent: a forum is found by its slug, and a forum that exists is left alone
(a coordinator's changes survive the next start).
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from organisations.demo import representatives_association, spread
from organisations.models import Organisation
from portal.models import Department

from .models import Forum, ForumMembership

COORDINATOR_EMAILS = ("samordnare@demo.se",)  # portal/demo.py's municipal coordinator
DEPARTMENT_COORDINATOR_EMAIL = "forvaltning@demo.se"  # Kultur- och fritidsförvaltningen


@dataclass(frozen=True)
class DemoForum:
    name: str
    slug: str
    kind: str
    audience: str
    cadence: int | None
    department: str | None
    description: str
    # Which demo associations are members: categories, area slugs, and whether the
    # demo representative's associations take part.
    categories: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    members: int = 6
    with_representative: bool = False
    department_coordinator: bool = False
    coordinators: tuple[str, ...] = COORDINATOR_EMAILS


FORUMS = [
    DemoForum(
        "Dialogforum för civilsamhället",
        "dialogforum-for-civilsamhallet",
        Forum.Kind.OPEN_DIALOGUE,
        Forum.Audience.OPEN,
        Forum.Cadence.TWICE_A_YEAR,
        "Kommunstyrelsens förvaltning",
        "Ett öppet forum där föreningar, trossamfund och kommunen möts för att "
        "diskutera gemensamma frågor och hur samverkan kan utvecklas. Alla föreningar "
        "i kommunen är välkomna.",
        categories=("Idéburen förening", "Paraplyorganisation", "Social förening"),
        members=8,
        with_representative=True,
    ),
    DemoForum(
        "Pensionärsrådet",
        "pensionarsradet",
        Forum.Kind.COUNCIL,
        Forum.Audience.INVITED,
        Forum.Cadence.FOUR_A_YEAR,
        "Äldreomsorgsförvaltningen",
        "Kommunala pensionärsrådet är ett organ för samråd mellan kommunen och "
        "pensionärsorganisationerna i frågor som rör äldre.",
        categories=("Pensionärsförening",),
    ),
    DemoForum(
        "Funktionsrättsrådet",
        "funktionsrattsradet",
        Forum.Kind.COUNCIL,
        Forum.Audience.INVITED,
        Forum.Cadence.FOUR_A_YEAR,
        "Socialförvaltningen",
        "Rådet för funktionsrättsfrågor: funktionsrättsorganisationerna och kommunen "
        "samråder om tillgänglighet, stöd och service.",
        areas=("funktionsratt", "personer-med-funktionsnedsattning"),
    ),
    DemoForum(
        "Föreningsrådet",
        "foreningsradet",
        Forum.Kind.COUNCIL,
        Forum.Audience.INVITED,
        Forum.Cadence.SIX_A_YEAR,
        "Kultur- och fritidsförvaltningen",
        "Föreningsrådet samlar paraplyorganisationer och större föreningar för dialog "
        "med kultur- och fritidsförvaltningen om lokaler, bidrag och föreningsliv.",
        categories=("Paraplyorganisation", "Idrottsförening"),
        members=8,
        department_coordinator=True,
    ),
    DemoForum(
        "Integrationsnätverket",
        "integrationsnatverket",
        Forum.Kind.ASSOCIATION_NETWORK,
        Forum.Audience.OPEN,
        Forum.Cadence.MONTHLY,
        "Gymnasie- och arbetsmarknadsförvaltningen",
        "Föreningar som arbetar med språk, integration och etablering delar "
        "erfarenheter och planerar gemensamma aktiviteter.",
        categories=("Etnisk förening", "Volontärförening"),
    ),
    DemoForum(
        "Referensgrupp för nya föreningsbidrag",
        "referensgrupp-for-nya-foreningsbidrag",
        Forum.Kind.THEMATIC_DIALOGUE,
        Forum.Audience.INTERNAL,
        None,  # a one-off dialogue while the proposal is prepared
        "Kultur- och fritidsförvaltningen",
        "En sluten referensgrupp med några föreningar som ger synpunkter på förslaget "
        "till nya regler för föreningsbidrag innan det går ut på remiss.",
        categories=("Kulturförening",),
        members=3,
        with_representative=True,
        department_coordinator=True,
    ),
    DemoForum(
        "Nätverk för föreningssamordnare",
        "natverk-for-foreningssamordnare",
        Forum.Kind.OFFICIALS_NETWORK,
        Forum.Audience.INTERNAL,
        Forum.Cadence.SIX_A_YEAR,
        None,
        "Förvaltningarnas samordnare för civilsamhällesfrågor träffas för att dela "
        "information, samordna insatser och följa upp överenskommelsen.",
        members=0,
        department_coordinator=True,
    ),
    DemoForum(
        "Informationsmöte om föreningsbidrag",
        "informationsmote-om-foreningsbidrag",
        Forum.Kind.INFORMATION_MEETING,
        Forum.Audience.OPEN,
        Forum.Cadence.YEARLY,
        "Kultur- och fritidsförvaltningen",
        "Kommunen berättar om årets bidrag, ansökningstider och hur man redovisar.",
        members=0,
    ),
]


def _members(spec: DemoForum) -> list[Organisation]:
    """Active demo associations for the forum, always the same ones (by name)."""
    chosen = representatives_association() if spec.with_representative else []
    if spec.members and (spec.categories or spec.areas):
        candidates = list(
            Organisation.objects.active()
            .filter(Q(categories__name__in=spec.categories) | Q(areas__slug__in=spec.areas))
            .exclude(pk__in=[o.pk for o in chosen])
            .distinct()
            .order_by("name")
        )
        chosen += spread(candidates, spec.members)
    return chosen


def _joined_on(index: int) -> date:
    return date(2021 + index % 5, 1 + (index * 5) % 12, 1)


@transaction.atomic
def load(stdout) -> None:
    departments = {d.name: d for d in Department.objects.all()}
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.se")}
    created = memberships = 0
    for spec in FORUMS:
        forum, was_created = Forum.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "audience": spec.audience,
                "cadence_months": spec.cadence,
                "department": departments.get(spec.department) if spec.department else None,
                "description": spec.description,
            },
        )
        if not was_created:
            continue
        created += 1
        emails = spec.coordinators + (
            (DEPARTMENT_COORDINATOR_EMAIL,) if spec.department_coordinator else ()
        )
        forum.coordinators.set([users[e] for e in emails if e in users])
        rows = [
            ForumMembership(forum=forum, organisation=organisation, joined_on=_joined_on(i))
            for i, organisation in enumerate(_members(spec))
        ]
        ForumMembership.objects.bulk_create(rows)
        memberships += len(rows)
    stdout.write(
        f"Forums: {len(FORUMS)} ({created} new), participating associations: {memberships} new"
    )
