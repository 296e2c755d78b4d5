"""Demo data of Hitta rätt: contact paths for each of the demo municipality's
(Huddinge's) departments, with roles, opening hours, topics and target groups; one
of them last reviewed over a year ago, so the review reminder, the desk panel and
the "not reviewed" label have something to show.

``manage.py load_demo`` calls ``load(stdout)`` after the core's departments and the
register's target groups exist (INSTALLED_APPS order). Idempotent: a path is found
by its title and left alone when it exists (an official's edits survive).
"""

from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.db import transaction
from django.utils import timezone

from organisations.models import ActivityArea
from portal import demo as core_demo
from portal.models import Department, User

from . import services
from .models import ContactPath, Topic

OFFICIAL_EMAIL = "tjansteperson@demo.se"  # portal/demo.py's official, at Kultur och fritid


@dataclass(frozen=True)
class DemoPath:
    department: str
    title: str
    role: str
    description: str
    topics: tuple[str, ...]
    target_groups: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    opening_hours: str = "Måndag–torsdag 9–12 och 13–16, fredag 9–12"
    named_official: bool = False  # the demo official, who agreed to be shown
    related_page: str = ""
    related_page_title: str = ""
    reviewed_days_ago: int = 20


PATHS = [
    DemoPath(
        "Kultur- och fritidsförvaltningen",
        "Föreningsbidrag och aktivitetsstöd",
        "Föreningskonsulent",
        "Vi svarar på frågor om föreningsbidrag, aktivitetsstöd och startbidrag för nya "
        "föreningar: vem som kan söka, när ansökan ska vara inne och hur bidragen "
        "redovisas. Ha gärna föreningens organisationsnummer till hands.",
        ("bidrag", "foreningsstod"),
        ("Barn", "Unga"),
        email="foreningsbidrag@huddinge.example",
        phone="08-535 300 10",
        named_official=True,
    ),
    DemoPath(
        "Kultur- och fritidsförvaltningen",
        "Boka lokaler och idrottshallar",
        "Bokningsansvarig",
        "Hjälp att boka idrottshallar, samlingslokaler och fritidsgårdar för föreningens "
        "verksamhet, och frågor om taxor och fördelning av träningstider.",
        ("lokaler", "kultur-och-fritid"),
        ("Alla",),
        email="lokalbokning@huddinge.example",
        phone="08-535 300 11",
        opening_hours="Vardagar 8–16, telefontid 9–11",
    ),
    DemoPath(
        "Barn- och utbildningsförvaltningen",
        "Samarbete med förskola och skola",
        "Samverkanssamordnare för skolan",
        "För föreningar som vill erbjuda läxhjälp, lovaktiviteter eller prova-på-verksamhet "
        "i samarbete med förskolor och grundskolor.",
        ("skola", "samverkan"),
        ("Barn", "Familjer"),
        email="skolsamverkan@huddinge.example",
        phone="08-535 310 00",
    ),
    DemoPath(
        "Gymnasie- och arbetsmarknadsförvaltningen",
        "Praktikplatser och arbetsmarknadsinsatser",
        "Arbetsmarknadskonsulent",
        "Vi hjälper föreningar och sociala företag som vill ta emot praktikanter eller "
        "anställa med stöd, och berättar om kommunens arbetsmarknadsinsatser.",
        ("arbete", "samverkan"),
        ("Unga", "Vuxna", "Nyanlända"),
        email="arbetsmarknad@huddinge.example",
        phone="08-535 320 00",
    ),
    DemoPath(
        "Kommunstyrelsens förvaltning",
        "Idéburet offentligt partnerskap (IOP)",
        "Kommunövergripande samordnare för civilsamhället",
        "Har föreningen en idé som kan bli ett idéburet offentligt partnerskap? Vi berättar "
        "hur ett IOP går till, vad som krävs och vem i kommunen som fattar beslut.",
        ("samverkan", "bidrag"),
        email="civilsamhalle@huddinge.example",
        phone="08-535 300 00",
        related_page="/samverkan/",
        related_page_title="Samverkan och IOP",
        # Not reviewed for over a year: the reminder, the desk and the label show it.
        reviewed_days_ago=400,
    ),
    DemoPath(
        "Miljö- och bygglovsförvaltningen",
        "Tillstånd för evenemang och servering",
        "Miljö- och hälsoskyddsinspektör",
        "Frågor om tillstånd och anmälan när föreningen ordnar marknader, festivaler eller "
        "säljer mat vid evenemang: livsmedel, buller och avfall.",
        ("evenemang", "miljo"),
        email="miljo@huddinge.example",
        phone="08-535 330 00",
        opening_hours="Telefontid vardagar 10–12",
    ),
    DemoPath(
        "Natur- och byggnadsförvaltningen",
        "Skräpplockning och naturvård",
        "Naturvårdshandläggare",
        "För föreningar som vill städa i naturen, sköta en hage eller ordna naturvandringar: "
        "vi lånar ut utrustning och hämtar skräpet.",
        ("miljo", "volontarer"),
        ("Alla",),
        email="natur@huddinge.example",
        phone="08-535 340 00",
    ),
    DemoPath(
        "Socialförvaltningen",
        "Stöd till föreningar som möter utsatta",
        "Samordnare för föreningssamverkan",
        "Vi samverkar med föreningar som möter personer i utsatta situationer och svarar på "
        "frågor om föreningsbidrag inom det sociala området och om vart den som behöver "
        "hjälp kan vända sig.",
        ("socialt-stod", "bidrag"),
        ("Vuxna", "Familjer", "Kvinnor"),
        email="socialtjansten@huddinge.example",
        phone="08-535 350 00",
    ),
    DemoPath(
        "Äldreomsorgsförvaltningen",
        "Volontärer och aktiviteter för äldre",
        "Volontärsamordnare",
        "För pensionärsföreningar och andra som vill ordna aktiviteter på träffpunkter och "
        "äldreboenden eller engagera volontärer för äldre.",
        ("aldre", "volontarer"),
        ("Äldre",),
        email="traffpunkter@huddinge.example",
        phone="08-535 360 00",
        opening_hours="Tisdag och torsdag 9–15",
    ),
    DemoPath(
        "Funktionsstödsförvaltningen",
        "Föreningar för personer med funktionsnedsättning",
        "Samordnare för funktionshinderfrågor",
        "För föreningar som företräder eller ordnar verksamhet för personer med "
        "funktionsnedsättning: samråd i funktionshinderrådet, tillgängliga lokaler och "
        "samarbete kring daglig verksamhet och fritid.",
        ("socialt-stod", "samverkan"),
        ("Personer med funktionsnedsättning",),
        email="funktionsstod@huddinge.example",
        phone="08-535 370 00",
    ),
]


def _topics_by_slug() -> dict[str, Topic]:
    """The shipped topics (the migration's), back if a test flushed them."""
    shipped = import_module("portal.contacts.migrations.0001_initial").TOPICS
    for position, (name, name_en, slug) in enumerate(shipped):
        Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )
    return {topic.slug: topic for topic in Topic.objects.all()}


@transaction.atomic
def load(stdout) -> None:
    departments = {d.name: d for d in Department.objects.filter(name__in=core_demo.DEPARTMENTS)}
    topics = _topics_by_slug()
    target_groups = {
        a.name: a for a in ActivityArea.objects.filter(kind=ActivityArea.Kind.TARGET_GROUP)
    }
    official = User.objects.filter(email=OFFICIAL_EMAIL).first()
    existing = set(ContactPath.objects.values_list("title", flat=True))
    created = 0
    for spec in PATHS:
        department = departments.get(spec.department)
        if spec.title in existing or department is None:
            continue
        named = official if spec.named_official and official else None
        path = services.contact_path_create(
            by=None,
            data={
                "title": spec.title,
                "description": spec.description,
                "department": department,
                "role": spec.role,
                "email": spec.email,
                "phone": spec.phone,
                "opening_hours": spec.opening_hours,
                "person": named,
                "person_phone": "08-535 300 12" if named else "",
                "person_is_public": named is not None,
                "related_page": spec.related_page,
                "related_page_title": spec.related_page_title,
                "topics": [topics[slug] for slug in spec.topics if slug in topics],
                "target_groups": [
                    target_groups[n] for n in spec.target_groups if n in target_groups
                ],
            },
        )
        # A demo path as if it had been published and reviewed that long ago.
        reviewed = timezone.now() - timedelta(days=spec.reviewed_days_ago)
        ContactPath.objects.filter(pk=path.pk).update(reviewed_at=reviewed, created_at=reviewed)
        created += 1
    stdout.write(f"Contact paths: {created} new, {ContactPath.objects.count()} in all")
