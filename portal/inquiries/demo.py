"""Demo data of En väg in: topics with routing rules to Huddinge's departments, a
bridge day, and inquiries in every status (received, assigned, in dialogue and
closed in each way), one past its deadline, one handed over twice and one handed
around more than twice; and a year of answered questions (HISTORY), acknowledged
and closed a few days after they came in, so that the desk's medians and chart
show what a year of cases looks like.

``manage.py load_demo`` calls ``load(stdout)`` after the core's departments and
logins and the register's associations exist. Idempotent: each inquiry has a
fixed form key (``submission``) and is made once, through the services, so its
reference, deadlines, hand-overs and messages are what a person would have made.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import NAMESPACE_URL, uuid5

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from organisations.demo import representatives_association
from organisations.models import ActivityArea, District
from portal.demo import CULTURE_AND_LEISURE
from portal.models import Department, User
from portal.workdays import WorkCalendar

from . import deadlines, services
from .models import ClosedDay, Inquiry, RoutingRule, Topic

# (Swedish, English, slug, department the routing rule suggests)
TOPICS = [
    ("Lokaler", "Premises", "lokaler", CULTURE_AND_LEISURE),
    ("Föreningsbidrag", "Grants to associations", "foreningsbidrag", CULTURE_AND_LEISURE),
    ("Idrott och friluftsliv", "Sport and outdoor life", "idrott", CULTURE_AND_LEISURE),
    ("Kultur och evenemang", "Culture and events", "kultur", CULTURE_AND_LEISURE),
    (
        "Barn och unga",
        "Children and young people",
        "barn-och-unga",
        "Barn- och utbildningsförvaltningen",
    ),
    ("Äldre", "Older people", "aldre", "Äldreomsorgsförvaltningen"),
    ("Integration och språk", "Integration and language", "integration", "Socialförvaltningen"),
    ("Natur och miljö", "Nature and environment", "natur", "Natur- och byggnadsförvaltningen"),
    (
        "Trygghet i närområdet",
        "Safety in the neighbourhood",
        "trygghet",
        "Kommunstyrelsens förvaltning",
    ),
    ("Volontärinsatser", "Volunteering", "volontarer", "Socialförvaltningen"),
    ("Annat", "Something else", "annat", None),
]

COORDINATOR = "samordnare@demo.se"
DEPARTMENT_COORDINATOR = "forvaltning@demo.se"
OFFICIAL = "tjansteperson@demo.se"
REPRESENTATIVE = "forening@demo.se"


@dataclass(frozen=True)
class Step:
    """What happens to a demo inquiry after it is sent, in order."""

    action: str  # assign | reply | wait | sender | note | close | delay
    by: str = COORDINATOR
    text: str = ""
    department: str | None = None
    official: str | None = None
    outcome: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DemoInquiry:
    subject: str
    kind: str
    message: str
    topics: tuple[str, ...]
    days_ago: int
    sender: str = "Amina Yusuf"
    email: str = "amina.yusuf@example.se"
    offer: str = ""
    districts: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    as_representative: bool = False
    steps: tuple[Step, ...] = ()


def _assign(official=None, department=CULTURE_AND_LEISURE, by=COORDINATOR, text=""):
    return Step(
        "assign",
        by=by,
        text=text or "Kultur- och fritidsförvaltningen har hand om lokaler och föreningsfrågor.",
        department=department,
        official=official,
    )


INQUIRIES = [
    DemoInquiry(
        "Läxhjälp på biblioteket i Flemingsberg",
        Inquiry.Kind.IDEA,
        "Vi är en grupp föräldrar som vill ordna läxhjälp två kvällar i veckan. Kan vi få "
        "låna ett rum på biblioteket, och finns det stöd att söka?",
        ("barn-och-unga", "lokaler"),
        0,
        districts=("Flemingsberg",),
        groups=("Barn", "Unga"),
    ),
    DemoInquiry(
        "Vi erbjuder volontärer till seniorträffar",
        Inquiry.Kind.OFFER,
        "Vår förening har tio volontärer som kan hjälpa till med digital hjälp på "
        "kommunens träffpunkter för äldre, en förmiddag i veckan.",
        ("volontarer", "aldre"),
        1,
        offer=Inquiry.Offer.VOLUNTEERS,
        as_representative=True,
        steps=(_assign(department="Äldreomsorgsförvaltningen", text="Gäller träffpunkterna."),),
    ),
    DemoInquiry(
        "Hyra gymnastiksal på helger",
        Inquiry.Kind.QUESTION,
        "Hur bokar vi en gymnastiksal lördagar förmiddag för barnträning? Vi har inte "
        "hittat någon bokningssida.",
        ("lokaler", "idrott"),
        3,
        sender="Johan Lind",
        email="johan.lind@example.se",
        districts=("Skogås",),
        steps=(
            _assign(official=OFFICIAL, text="Tove bokar kommunens idrottslokaler."),
            Step(
                "reply",
                by=OFFICIAL,
                text="Hej Johan! Vilka lördagar gäller det, och hur många barn är ni?",
                extra={"waits": True},
            ),
        ),
    ),
    DemoInquiry(
        "Trasig belysning i spåret vid Lännasjön",
        Inquiry.Kind.COMPLAINT,
        "Belysningen på motionsspåret har varit släckt i tre veckor. Det är mörkt och "
        "otryggt för oss som springer på kvällarna.",
        ("trygghet", "natur"),
        12,
        sender="Eva Holm",
        email="eva.holm@example.se",
        districts=("Länna",),
    ),
    DemoInquiry(
        "Gemensam midsommarfest i Vårby",
        Inquiry.Kind.IDEA,
        "Tre föreningar vill ordna en midsommarfest tillsammans med kommunen i Vårby "
        "gård. Vem kan vi prata med om tillstånd och scen?",
        ("kultur",),
        9,
        sender="Leila Haddad",
        email="leila.haddad@example.se",
        districts=("Vårby",),
        steps=(
            _assign(department="Kommunstyrelsens förvaltning", text="Gäller evenemang."),
            _assign(
                department="Natur- och byggnadsförvaltningen",
                text="Platsen är en park: Natur- och byggnadsförvaltningen ger tillstånd.",
            ),
            _assign(official=OFFICIAL, text="Tove samordnar evenemang med föreningar."),
        ),
    ),
    DemoInquiry(
        "Språkcafé för nyanlända",
        Inquiry.Kind.IDEA,
        "Vi vill starta ett språkcafé på lördagar och söker en lokal och kontakt med "
        "SFI-lärare som kan tipsa sina elever.",
        ("integration", "lokaler"),
        15,
        sender="Mehmet Öz",
        email="mehmet.oz@example.se",
        groups=("Nyanlända",),
        steps=(
            _assign(department="Barn- och utbildningsförvaltningen", text="Gäller SFI."),
            _assign(department="Socialförvaltningen", text="Integration hör hit."),
            _assign(department="Kommunstyrelsens förvaltning", text="Övergripande fråga."),
            _assign(text="Lokaler: Kultur- och fritidsförvaltningen."),
        ),
    ),
    DemoInquiry(
        "Bidrag till cupresa",
        Inquiry.Kind.QUESTION,
        "Kan vi söka bidrag för att åka på en fotbollscup i Göteborg med ungdomslaget?",
        ("foreningsbidrag", "idrott"),
        8,
        sender="Sara Ek",
        email="sara.ek@example.se",
        steps=(
            _assign(official=OFFICIAL),
            Step(
                "close",
                by=OFFICIAL,
                outcome=Inquiry.Outcome.ANSWERED,
                text="Ja: aktivitetsbidraget kan sökas för resor till tävlingar. Ansök senast "
                "en månad före resan.",
            ),
        ),
    ),
    DemoInquiry(
        "Föreningsdriven fritidsgård",
        Inquiry.Kind.IDEA,
        "Vi vill driva fritidsgården i Vårby tillsammans med kommunen, som ett IOP.",
        ("barn-och-unga",),
        40,
        sender="Ali Hassan",
        email="ali.hassan@example.se",
        as_representative=True,
        steps=(
            _assign(official=OFFICIAL),
            Step("reply", by=OFFICIAL, text="Spännande! Vi bjuder in er till ett möte."),
            Step(
                "close",
                by=OFFICIAL,
                outcome=Inquiry.Outcome.COLLABORATION,
                text="Idén blev ett avtal om föreningsdriven fritidsgård.",
                extra={"link": "https://www.huddinge.se/"},
            ),
        ),
    ),
    DemoInquiry(
        "Fiske i Orlångensjön",
        Inquiry.Kind.QUESTION,
        "Behövs fiskekort för att fiska i Orlången?",
        ("natur",),
        20,
        sender="Per Nilsson",
        email="per.nilsson@example.se",
        steps=(
            Step(
                "close",
                outcome=Inquiry.Outcome.REFERRED,
                extra={
                    "referred_to": "Orlångens fiskevårdsområde",
                    "referred_contact": "info@orlangen.example.se",
                },
            ),
        ),
    ),
    DemoInquiry(
        "Gratis lokal för privat fest",
        Inquiry.Kind.QUESTION,
        "Kan jag låna en kommunal lokal gratis till min 50-årsfest?",
        ("lokaler",),
        25,
        sender="Kim Berg",
        email="kim.berg@example.se",
        steps=(
            Step(
                "close",
                outcome=Inquiry.Outcome.DECLINED,
                text="Kommunens föreningslokaler lånas bara ut till föreningars verksamhet.",
            ),
        ),
    ),
    DemoInquiry(
        "Utställning om Huddinges historia",
        Inquiry.Kind.OFFER,
        "Hembygdsföreningen kan låna ut sin utställning om Huddinges historia till "
        "biblioteken under hösten.",
        ("kultur",),
        11,
        sender="Gun Ås",
        email="gun.as@example.se",
        offer=Inquiry.Offer.KNOWLEDGE,
        steps=(
            _assign(official=OFFICIAL),
            Step("reply", by=OFFICIAL, text="Tack! Vilka veckor kan ni?"),
            Step("sender", text="Vecka 38 till 44 går bra."),
            Step(
                "delay",
                by=OFFICIAL,
                text="Biblioteken planerar hösten först i nästa vecka.",
                extra={"days": 10},
            ),
            Step("note", by=OFFICIAL, text="Fråga Flemingsbergs bibliotek först."),
        ),
    ),
]


# (subject, message, topic, department): everyday questions, asked again through the year.
EVERYDAY = [
    (
        "Boka lokal för årsmöte",
        "Var bokar vi en lokal för vårt årsmöte i mars?",
        "lokaler",
        CULTURE_AND_LEISURE,
    ),
    (
        "Ansöka om startbidrag",
        "Vilka krav finns för startbidrag till en ny förening?",
        "foreningsbidrag",
        CULTURE_AND_LEISURE,
    ),
    (
        "Skräpplockardag i parken",
        "Kan kommunen hämta säckarna efter vår skräpplockardag?",
        "natur",
        "Natur- och byggnadsförvaltningen",
    ),
    (
        "Läxhjälp på skolan",
        "Får vi erbjuda läxhjälp i skolans lokaler efter skoltid?",
        "barn-och-unga",
        "Barn- och utbildningsförvaltningen",
    ),
    (
        "Träffpunkt för äldre",
        "Kan vi ordna sångstund på en träffpunkt för äldre?",
        "aldre",
        "Äldreomsorgsförvaltningen",
    ),
    (
        "Tillgänglig lokal för vårt möte",
        "Finns det en lokal med hörslinga för vårt medlemsmöte?",
        "lokaler",
        "Funktionsstödsförvaltningen",
    ),
]


def _history() -> list[tuple[DemoInquiry, int, int]]:
    """Three answered questions a month for the eleven months before the last one,
    each with the days it took to acknowledge and to close."""
    result = []
    for month in range(1, 12):
        for n in range(3):
            subject, message, topic, department = EVERYDAY[(month * 3 + n) % len(EVERYDAY)]
            spec = DemoInquiry(
                f"{subject} ({month}.{n + 1})",
                Inquiry.Kind.QUESTION,
                message,
                (topic,),
                30 * month + 9 * n + 2,
                sender="Lena Ek",
                email=f"lena.ek.{month}.{n}@example.se",
                steps=(
                    _assign(department=department, text="Förvaltningen har hand om frågan."),
                    Step(
                        "close", outcome=Inquiry.Outcome.ANSWERED, text="Svar: ja, så här gör ni."
                    ),
                ),
            )
            result.append((spec, 1 + (month + n) % 3, 4 + (month * (n + 1)) % 9))
    return result


HISTORY = _history()


def _users() -> dict[str, User]:
    emails = (COORDINATOR, DEPARTMENT_COORDINATOR, OFFICIAL, REPRESENTATIVE)
    return {u.email: u for u in User.objects.filter(email__in=emails)}


def _topics(departments: dict[str, Department]) -> dict[str, Topic]:
    topics = {}
    for position, (name, name_en, slug, department) in enumerate(TOPICS):
        topic, _created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position * 10}
        )
        topics[slug] = topic
        if department and department in departments:
            RoutingRule.objects.get_or_create(topic=topic, department=departments[department])
    return topics


def _play(inquiry: Inquiry, step: Step, users, departments) -> None:
    by = users[step.by]
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    if step.action == "assign":
        services.inquiry_assign(
            inquiry=inquiry,
            to_department=departments.get(step.department),
            to_user=users.get(step.official),
            reason=step.text,
            by=by,
        )
    elif step.action == "reply":
        services.inquiry_reply(
            inquiry=inquiry, body=step.text, by=by, waits_for_sender=step.extra.get("waits", False)
        )
    elif step.action == "sender":
        services.inquiry_sender_reply(inquiry=inquiry, body=step.text)
    elif step.action == "note":
        services.inquiry_note(inquiry=inquiry, body=step.text, by=by)
    elif step.action == "delay":
        expected = timezone.localdate() + timedelta(days=step.extra["days"])
        services.inquiry_delay_notice(
            inquiry=inquiry, reason=step.text, expected_on=expected, by=by
        )
    else:
        services.inquiry_close(
            inquiry=inquiry,
            outcome=step.outcome,
            text=step.text,
            link=step.extra.get("link", ""),
            referred_to=step.extra.get("referred_to", ""),
            referred_contact=step.extra.get("referred_contact", ""),
            by=by,
        )


def _backdate(inquiry: Inquiry, days: int) -> None:
    """As if sent ``days`` ago: its messages and its deadlines move with it."""
    if not days:
        return
    shift = timedelta(days=days)
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    inquiry.received_at -= shift
    for name in ("acknowledged_at", "closed_at", "paused_since", "delay_noticed_at"):
        if getattr(inquiry, name):
            setattr(inquiry, name, getattr(inquiry, name) - shift)
    deadlines.set_deadlines(inquiry)
    calendar = WorkCalendar()
    if inquiry.acknowledged_at:
        inquiry.acknowledge_working_days = calendar.working_days_between(
            inquiry.received_at, inquiry.acknowledged_at
        )
    if inquiry.closed_at:
        inquiry.close_working_days = calendar.working_days_between(
            inquiry.received_at, inquiry.closed_at
        )
    inquiry.save()
    for message in inquiry.messages.all():
        message.created_at -= shift
        message.save(update_fields=["created_at"])
    for handover in inquiry.handovers.all():
        handover.created_at -= shift
        handover.save(update_fields=["created_at"])
    if inquiry.paused_since:
        inquiry.pauses.filter(ended_at__isnull=True).update(started_at=inquiry.paused_since)


def _took(inquiry: Inquiry, acknowledge_days: int, close_days: int) -> None:
    """A backdated HISTORY case (assigned, then answered) as if it was handed over
    ``acknowledge_days`` and answered ``close_days`` after it came in."""
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    inquiry.acknowledged_at = inquiry.received_at + timedelta(days=acknowledge_days)
    inquiry.closed_at = inquiry.received_at + timedelta(days=close_days)
    calendar = WorkCalendar()
    inquiry.acknowledge_working_days = calendar.working_days_between(
        inquiry.received_at, inquiry.acknowledged_at
    )
    inquiry.close_working_days = calendar.working_days_between(
        inquiry.received_at, inquiry.closed_at
    )
    inquiry.save()
    inquiry.handovers.update(created_at=inquiry.acknowledged_at)
    inquiry.messages.update(created_at=inquiry.closed_at)


@transaction.atomic
def load(stdout) -> None:
    users = _users()
    if COORDINATOR not in users:
        stdout.write("En väg in: the core's demo logins are missing; nothing loaded.")
        return
    departments = {d.name: d for d in Department.objects.all()}
    topics = _topics(departments)
    year = timezone.localdate().year
    ClosedDay.objects.get_or_create(
        date=date(year, 12, 23) if date(year, 12, 23).weekday() < 5 else date(year, 12, 22),
        defaults={"reason": "Klämdag: kontoret är stängt"},
    )
    districts = {d.name: d for d in District.objects.all()}
    groups = {a.name: a for a in ActivityArea.objects.filter(kind=ActivityArea.Kind.TARGET_GROUP)}
    association = next(iter(representatives_association()), None)
    made = 0
    took = {spec.subject: (ack, close) for spec, ack, close in HISTORY}
    for spec in INQUIRIES + [spec for spec, _ack, _close in HISTORY]:
        key = uuid5(NAMESPACE_URL, f"samverkansportalen/demo/inquiry/{spec.subject}")
        if Inquiry.objects.filter(submission=key).exists():
            continue
        representative = spec.as_representative and association and users.get(REPRESENTATIVE)
        inquiry, _token = services.inquiry_submit(
            data={
                "kind": spec.kind,
                "offer": spec.offer,
                "subject": spec.subject,
                "message": spec.message,
                "topics": [topics[slug] for slug in spec.topics],
                "districts": [districts[n] for n in spec.districts if n in districts],
                "target_groups": [groups[n] for n in spec.groups if n in groups],
                "organisation": association if representative else None,
                "sender_name": representative.get_full_name() if representative else spec.sender,
                "sender_email": representative.email if representative else spec.email,
            },
            user=representative or AnonymousUser(),
            ip=f"demo:{key}",  # the demo is not a flood
            language="sv",
            submission=key,
        )
        for step in spec.steps:
            _play(inquiry, step, users, departments)
        _backdate(inquiry, spec.days_ago)
        if spec.subject in took:
            _took(inquiry, *took[spec.subject])
        made += 1
    stdout.write(f"En väg in: {len(topics)} topics, {made} new inquiries")
