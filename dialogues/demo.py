"""Demo data of the forums: the demo municipality's (Huddinge's) councils, dialogue
forums and networks, run by its departments, with the demo associations as members.

``manage.py load_demo`` calls ``load(stdout)`` after the core's departments and demo
logins and the register's associations exist (INSTALLED_APPS order). Deterministic
and idempotent: a forum is found by its slug, and a forum that exists is left alone
(a coordinator's changes survive the next start).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from organisations.demo import representatives_association, spread
from organisations.models import Membership, Organisation
from portal.contacts.models import ContactPath
from portal.models import Department

from .demo_minutes import load_past
from .models import Forum, ForumMembership, Meeting, MeetingInvitation, Registration

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


# How to take part and whom to contact (a role, not a person), by slug.
TAKING_PART = {
    "dialogforum-for-civilsamhallet": (
        "Öppet för alla föreningar i kommunen: anmäl er till varje möte.",
        "Samordnare för civilsamhällesfrågor, Kommunstyrelsens förvaltning",
    ),
    "pensionarsradet": (
        "Pensionärsorganisationerna utser sina ledamöter; mötena är öppna för åhörare.",
        "Rådets sekreterare, Äldreomsorgsförvaltningen",
    ),
    "funktionsrattsradet": (
        "Funktionsrättsorganisationerna utser sina ledamöter.",
        "Tillgänglighetssamordnare, Socialförvaltningen",
    ),
    "foreningsradet": (
        "Paraplyorganisationer och större föreningar bjuds in för två år i taget.",
        "Föreningskonsulent, Kultur- och fritidsförvaltningen",
    ),
    "integrationsnatverket": (
        "Föreningarna sätter själva dagordningen; kom till ett möte eller hör av er.",
        "Integrationsstrateg, Gymnasie- och arbetsmarknadsförvaltningen",
    ),
    "referensgrupp-for-nya-foreningsbidrag": (
        "Föreningar bjuds in medan förslaget till nya bidragsregler tas fram.",
        "Bidragshandläggare, Kultur- och fritidsförvaltningen",
    ),
    "natverk-for-foreningssamordnare": (
        "För förvaltningarnas samordnare för civilsamhällesfrågor.",
        "Samordnare för civilsamhällesfrågor, Kommunstyrelsens förvaltning",
    ),
    "informationsmote-om-foreningsbidrag": (
        "Öppet för alla; anmäl er så att vi vet hur många som kommer.",
        "Bidragshandläggare, Kultur- och fritidsförvaltningen",
    ),
}


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


# The councils listed on Hitta rätt's contact paths (portal/contacts/demo.py's titles).
CONTACT_PATHS = {
    "Pensionärsrådet": ("Volontärer och aktiviteter för äldre",),
    "Funktionsrättsrådet": ("Föreningar för personer med funktionsnedsättning",),
}


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
                "how_to_take_part": TAKING_PART.get(spec.slug, ("", ""))[0],
                "coordinator_role": TAKING_PART.get(spec.slug, ("", ""))[1],
            },
        )
        if not was_created:
            continue
        created += 1
        emails = spec.coordinators + (
            (DEPARTMENT_COORDINATOR_EMAIL,) if spec.department_coordinator else ()
        )
        forum.coordinators.set([users[e] for e in emails if e in users])
        paths = CONTACT_PATHS.get(spec.name, ())
        forum.contact_paths.set(ContactPath.objects.filter(title__in=paths))
        rows = [
            ForumMembership(forum=forum, organisation=organisation, joined_on=_joined_on(i))
            for i, organisation in enumerate(_members(spec))
        ]
        ForumMembership.objects.bulk_create(rows)
        memberships += len(rows)
    stdout.write(
        f"Forums: {len(FORUMS)} ({created} new), participating associations: {memberships} new"
    )
    load_registrations(stdout)
    load_past(stdout)


# --- Coming meetings and their sign-ups ----------------------------------------------


@dataclass(frozen=True)
class DemoMeeting:
    forum: str  # slug
    theme: str
    in_days: int
    capacity: int | None
    place: str
    signed_up: int  # associations with a place (more go to the waiting list)
    waiting: int = 0
    representative: str = ""  # "confirmed", "waiting" or "invited": the demo login's
    invite_members: bool = False
    asks_for_names: bool = False


MEETINGS = [
    DemoMeeting(
        "dialogforum-for-civilsamhallet",
        "Vårens dialogforum: lokaler för föreningslivet",
        24,
        40,
        "Huddinge kommunhus, Stora sessionssalen",
        signed_up=6,
        representative="confirmed",
    ),
    DemoMeeting(
        "informationsmote-om-foreningsbidrag",
        "Så söker ni årets föreningsbidrag",
        10,
        8,
        "Kulturhuset Fullersta, sal B",
        signed_up=4,
        waiting=2,
        representative="waiting",
        asks_for_names=True,
    ),
    DemoMeeting(
        "referensgrupp-for-nya-foreningsbidrag",
        "Synpunkter på förslaget till nya bidragsregler",
        17,
        12,
        "Kommunhuset, rum Sjödalen",
        signed_up=1,
        representative="invited",
        invite_members=True,
    ),
    DemoMeeting(
        "pensionarsradet",
        "Pensionärsrådets vårmöte",
        31,
        None,
        "Träffpunkt Vista",
        signed_up=3,
        invite_members=True,
    ),
]


def _demo_meeting(spec: DemoMeeting, forum: Forum, today) -> Meeting:
    """The meeting of the spec, found by forum and theme (made the first time)."""
    starts = timezone.make_aware(
        datetime.combine(today + timedelta(days=spec.in_days), time(18, 0))
    )
    meeting, _created = Meeting.objects.get_or_create(
        forum=forum,
        theme=spec.theme,
        defaults={
            "agenda": "1. Välkomna\n2. Kommunen berättar\n3. Föreningarnas frågor\n4. Nästa steg",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "place": spec.place,
            "hearing_loop": True,
            "step_free": True,
            "interpretation": "Teckenspråkstolk på begäran",
            "capacity": spec.capacity,
            "registration_deadline": starts - timedelta(days=3),
            "asks_for_names": spec.asks_for_names,
            "status": Meeting.Status.OPEN,
        },
    )
    return meeting


def _sign_up(meeting: Meeting, organisation: Organisation, status: str, attendees: int) -> bool:
    """One registration, as a representative of the association made it; False when
    the association already has one."""
    if meeting.registrations.active().filter(organisation=organisation).exists():
        return False
    signer = Membership.objects.filter(organisation=organisation).order_by("pk").first()
    names = "\n".join(f"Deltagare {n + 1}" for n in range(attendees))
    Registration.objects.create(
        meeting=meeting,
        organisation=organisation,
        registered_by=signer.user if signer else None,
        attendees=attendees,
        attendee_names=names if meeting.asks_for_names else "",
        status=status,
    )
    return True


def load_registrations(stdout) -> None:
    """Coming meetings with sign-ups: one full with a waiting list, and the demo
    representative's association signed up for one, waiting for another and
    invited to a third. Idempotent: what exists is left as it is."""
    today = timezone.localdate()
    forums = {f.slug: f for f in Forum.objects.filter(slug__in={m.forum for m in MEETINGS})}
    own = representatives_association()
    others = list(
        Organisation.objects.active().exclude(pk__in=[o.pk for o in own]).order_by("name")
    )
    made = 0
    for spec in MEETINGS:
        forum = forums.get(spec.forum)
        if forum is None:
            continue
        meeting = _demo_meeting(spec, forum, today)
        members = list(forum.organisations.exclude(pk__in=[o.pk for o in own]).order_by("name"))
        if spec.invite_members:
            for organisation in forum.organisations.all():
                MeetingInvitation.objects.get_or_create(meeting=meeting, organisation=organisation)
        pool = members or spread(others, spec.signed_up + spec.waiting)
        chosen = pool[: spec.signed_up + spec.waiting]
        for n, organisation in enumerate(chosen):
            status = (
                Registration.Status.CONFIRMED if n < spec.signed_up else Registration.Status.WAITING
            )
            made += _sign_up(meeting, organisation, status, attendees=1 + n % 2)
        if own and spec.representative == "invited":
            MeetingInvitation.objects.get_or_create(meeting=meeting, organisation=own[0])
        elif own and spec.representative:
            made += _sign_up(meeting, own[0], spec.representative, attendees=2)
        if spec.capacity and spec.waiting:
            # The full one: its places taken to the last, the rest waiting.
            taken = meeting.places_taken()
            first = meeting.registrations.confirmed().order_by("pk").first()
            if first and taken < spec.capacity:
                first.attendees = min(first.attendees + spec.capacity - taken, 50)
                first.save(update_fields=["attendees"])
    stdout.write(f"Forum meetings: {len(MEETINGS)}, sign-ups: {made} new")
