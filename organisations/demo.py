"""Demo data of the register: about 200 associations in Huddinge's districts, with
categories, activity areas, target groups and activities over the coming months
(the demo is one municipality: portal/demo.py's MUNICIPALITY).

``manage.py load_demo`` calls ``load(stdout)`` after the core's departments and demo
logins exist. Deterministic (a seeded random), idempotent (get_or_create by slug;
an association that exists is left alone) and fast (bulk_create).
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from portal.recurrence import Pattern, build

from . import search
from .models import Activity, ActivityArea, Category, District, Membership, Organisation

SEED = 2026
REPRESENTATIVE_EMAIL = "forening@demo.se"  # portal/demo.py's demo representative

CATEGORIES = [
    "Ekonomisk förening",
    "Etnisk förening",
    "Församling/trossamfund",
    "Hembygdsförening",
    "Idéburen förening",
    "Idrottsförening",
    "Kulturförening",
    "Nätverk",
    "Paraplyorganisation",
    "Pensionärsförening",
    "Politisk förening",
    "Social förening",
    "Socialt företag",
    "Studieförbund",
    "Volontärförening",
]

# Where the demo associations have their post: Huddinge's postal town and codes.
POSTAL_TOWN = "Huddinge"
POSTCODE_PREFIX = "141"
# Huddinge's kommundelar and well-known parts.
DISTRICTS = [
    "Flemingsberg",
    "Skogås",
    "Trångsund",
    "Vårby",
    "Stuvsta",
    "Snättringe",
    "Segeltorp",
    "Sjödalen",
    "Fullersta",
    "Huddinge centrum",
    "Glömsta",
    "Visättra",
    "Länna",
    "Vista",
    "Kungens kurva",
    "Masmo",
    "Balingsnäs",
    "Lissma",
]
# District names as they appear in association names.
PLACES = [
    "Flemingsberg",
    "Skogås",
    "Trångsund",
    "Vårby",
    "Stuvsta",
    "Snättringe",
    "Segeltorp",
    "Sjödalen",
    "Fullersta",
    "Huddinge",
    "Glömsta",
    "Visättra",
    "Länna",
    "Vista",
    "Masmo",
]
AREAS = [
    "Idrott och motion",
    "Kultur och musik",
    "Natur och miljö",
    "Integration och språk",
    "Social gemenskap",
    "Utbildning och läxhjälp",
    "Hälsa och omsorg",
    "Funktionsrätt",
    "Trygghet i närområdet",
    "Tro och livsåskådning",
    "Hembygd och historia",
    "Arbete och sysselsättning",
    "Demokrati och inflytande",
    "Stöd till utsatta",
]
TARGET_GROUPS = [
    "Barn",
    "Unga",
    "Vuxna",
    "Äldre",
    "Familjer",
    "Nyanlända",
    "Personer med funktionsnedsättning",
    "Kvinnor",
    "HBTQI-personer",
    "Alla",
]

# The English names (Category.name_en, ActivityArea.name_en) of the names above.
ENGLISH = {
    "Ekonomisk förening": "Economic association",
    "Etnisk förening": "Ethnic association",
    "Församling/trossamfund": "Congregation/religious community",
    "Hembygdsförening": "Local heritage society",
    "Idéburen förening": "Non-profit association",
    "Idrottsförening": "Sports club",
    "Kulturförening": "Cultural association",
    "Nätverk": "Network",
    "Paraplyorganisation": "Umbrella organisation",
    "Pensionärsförening": "Pensioners' association",
    "Politisk förening": "Political association",
    "Social förening": "Social association",
    "Socialt företag": "Social enterprise",
    "Studieförbund": "Adult education association",
    "Volontärförening": "Volunteer association",
    "Idrott och motion": "Sport and exercise",
    "Kultur och musik": "Culture and music",
    "Natur och miljö": "Nature and environment",
    "Integration och språk": "Integration and language",
    "Social gemenskap": "Community and fellowship",
    "Utbildning och läxhjälp": "Education and homework help",
    "Hälsa och omsorg": "Health and care",
    "Funktionsrätt": "Disability rights",
    "Trygghet i närområdet": "Safety in the neighbourhood",
    "Tro och livsåskådning": "Faith and beliefs",
    "Hembygd och historia": "Local heritage and history",
    "Arbete och sysselsättning": "Work and employment",
    "Demokrati och inflytande": "Democracy and participation",
    "Stöd till utsatta": "Support for vulnerable people",
    "Barn": "Children",
    "Unga": "Young people",
    "Vuxna": "Adults",
    "Äldre": "Older people",
    "Familjer": "Families",
    "Nyanlända": "Newly arrived",
    "Personer med funktionsnedsättning": "People with disabilities",
    "Kvinnor": "Women",
    "HBTQI-personer": "LGBTQI people",
    "Alla": "Everyone",
}


def genitive(place: str) -> str:
    return place if place.endswith(("s", "x", "z")) else place + "s"


# Per category: name patterns ({p}: place, {g}: place in genitive), typical areas,
# a description and activity titles.
PROFILES = {
    "Ekonomisk förening": (
        ["{p} Bygdegårdsförening ek. för.", "{g} Kooperativa Förskola", "Matkooperativet {p}",
         "{p} Fiberförening", "{g} Solenergiförening"],
        ["Arbete och sysselsättning", "Natur och miljö"],
        "En ekonomisk förening som ägs av sina medlemmar och driver verksamhet i {p}.",
        ["Föreningsstämma", "Informationsmöte för nya medlemmar", "Öppet hus"],
    ),
    "Etnisk förening": (
        ["Somaliska föreningen i {p}", "Syrisk-svenska kulturföreningen {p}",
         "Eritreanska föreningen {p}", "Assyriska föreningen i {p}", "Finska föreningen i {p}",
         "Kurdiska kulturföreningen {p}", "Bosniska föreningen {p}", "Chilenska föreningen {p}"],
        ["Integration och språk", "Kultur och musik", "Social gemenskap"],
        "Vi samlar familjer i {p} kring språk, kultur och gemenskap och hjälper nyanlända "
        "att hitta rätt i samhället. Läxhjälp för barn och språkcafé för vuxna.",
        ["Språkcafé", "Läxhjälp", "Kulturkväll med mat och musik", "Föräldraträff"],
    ),
    "Församling/trossamfund": (
        ["{g} församling", "{g} Missionskyrka", "Equmeniakyrkan {p}", "Islamiska föreningen {p}",
         "{g} Pingstförsamling", "Katolska församlingen {p}"],
        ["Tro och livsåskådning", "Social gemenskap", "Stöd till utsatta"],
        "En församling i {p} med gudstjänster, öppen förskola, körer och stöd till "
        "människor i utsatta situationer.",
        ["Öppen förskola", "Soppluncher", "Konsert med kören", "Samtalsgrupp"],
    ),
    "Hembygdsförening": (
        ["{g} Hembygdsförening", "{g} Gille", "Föreningen {g} Gård", "{g} Byalag"],
        ["Hembygd och historia", "Natur och miljö", "Kultur och musik"],
        "Hembygdsföreningen vårdar historien i {p}: guidade vandringar, gamla bilder, "
        "midsommarfirande och en hembygdsgård som är öppen på söndagar.",
        ["Historisk vandring", "Midsommarfirande", "Öppen hembygdsgård", "Bildvisning"],
    ),
    "Idéburen förening": (
        ["Föreningen Trygga {p}", "Mötesplats {p}", "{g} Kvinnocenter", "Fritidsgården {p}",
         "{g} Föräldranätverk", "Föreningen Grannstöd {p}"],
        ["Social gemenskap", "Trygghet i närområdet", "Stöd till utsatta"],
        "En idéburen förening som arbetar för trygghet och gemenskap i {p}, "
        "ofta i samverkan med kommunen och andra föreningar.",
        ["Nattvandring", "Öppen mötesplats", "Frukostmöte om trygghet", "Workshop"],
    ),
    "Idrottsförening": (
        ["{p} IF", "{g} FF", "{p} IK", "{g} Bollklubb", "{g} Handbollsklubb",
         "{g} Simsällskap", "{g} Tennisklubb", "{g} Orienteringsklubb",
         "{g} Innebandyklubb", "{g} Gymnastikförening", "{g} Brottarklubb", "{p} Basket"],
        ["Idrott och motion", "Hälsa och omsorg"],
        "Idrottsförening i {p} med träning för barn, ungdomar och vuxna. "
        "Vi välkomnar nya spelare och ledare, och alla får vara med oavsett nivå.",
        ["Prova-på-träning", "Träningsläger", "Hemmamatch", "Ledarutbildning", "Cup"],
    ),
    "Kulturförening": (
        ["{g} Konstförening", "{g} Teaterförening", "{g} Musikförening", "Kören {p}",
         "{g} Filmklubb", "{g} Dansförening", "Litteraturcirkeln {p}"],
        ["Kultur och musik"],
        "Kulturförening i {p} som ordnar konserter, utställningar och kurser "
        "för alla åldrar.",
        ["Konsert", "Vernissage", "Teaterföreställning", "Öppen repetition", "Bokcirkel"],
    ),
    "Nätverk": (
        ["Föreningsnätverket {p}", "Nätverket Unga i {p}", "{g} Grannsamverkan",
         "Integrationsnätverket {p}", "Nätverket för äldre i {p}"],
        ["Social gemenskap", "Demokrati och inflytande"],
        "Ett informellt nätverk där föreningar och boende i {p} träffas, "
        "delar information och planerar gemensamma aktiviteter.",
        ["Nätverksträff", "Gemensam planering", "Frukostmöte"],
    ),
    "Paraplyorganisation": (
        ["Huddinge Idrottsallians", "Föreningsrådet i {p}", "Samarbetsorganisationen {p}",
         "{g} Föreningsråd", "Kulturrådet {p}"],
        ["Demokrati och inflytande", "Social gemenskap"],
        "Paraplyorganisation för föreningarna i {p}: vi företräder våra medlemsföreningar "
        "i dialog med kommunen och ordnar utbildningar.",
        ["Medlemsmöte", "Utbildning i föreningskunskap", "Dialogmöte med kommunen"],
    ),
    "Pensionärsförening": (
        ["PRO {p}", "SPF Seniorerna {p}", "SKPF avd {p}", "{g} Seniorer",
         "Pensionärsföreningen {p}"],
        ["Social gemenskap", "Hälsa och omsorg"],
        "Pensionärsförening i {p} med seniorgympa, studiecirklar, resor och "
        "gemenskap för äldre. Nya medlemmar är alltid välkomna.",
        ["Seniorgympa", "Månadsmöte med fika", "Stavgång", "Studiecirkel i digitala tjänster"],
    ),
    "Politisk förening": (
        ["Ungdomsförbundet i {p}", "{g} Medborgarförening", "Föreningen Demokrati i {p}"],
        ["Demokrati och inflytande"],
        "Politisk förening som ordnar öppna möten och debatter i {p}.",
        ["Öppet möte", "Debattkväll"],
    ),
    "Social förening": (
        ["Röda Korset {p}", "{g} Lions Club", "Rotary {p}", "Brottsofferjouren {p}",
         "{g} Tjejjour", "Anhörigföreningen {p}", "Föreningen Stöd i {p}"],
        ["Stöd till utsatta", "Social gemenskap", "Hälsa och omsorg"],
        "Social förening som ger stöd och gemenskap till människor i {p}, "
        "med samtalsgrupper, besök och praktisk hjälp.",
        ["Samtalsgrupp", "Insamling", "Stödträff för anhöriga", "Loppis"],
    ),
    "Socialt företag": (
        ["Arbetsintegrerande företaget {p}", "Kafé Gemenskap {p}", "Cykelverkstaden {p}",
         "{g} Second hand", "Trädgårdskooperativet {p}"],
        ["Arbete och sysselsättning", "Natur och miljö"],
        "Arbetsintegrerande socialt företag i {p} som ger människor långt från "
        "arbetsmarknaden praktik, utbildning och anställning.",
        ["Öppet hus", "Reparationskafé", "Försäljning"],
    ),
    "Studieförbund": (
        ["ABF {p}", "Studiefrämjandet {p}", "Vuxenskolan {p}", "Studieförbundet Bilda {p}",
         "Medborgarskolan {p}", "Sensus {p}"],
        ["Utbildning och läxhjälp", "Kultur och musik"],
        "Studieförbund med studiecirklar, kurser och kulturarrangemang i {p}. "
        "Vi stöttar föreningar med utbildning i föreningskunskap.",
        ["Studiecirkel", "Kurs i svenska", "Föreläsning", "Musikcafé"],
    ),
    "Volontärförening": (
        ["Volontärcentralen {p}", "Läxhjälpen {p}", "Fixarna i {p}", "Språkvänner {p}",
         "{g} Besöksvänner", "Matbanken {p}"],
        ["Stöd till utsatta", "Integration och språk", "Utbildning och läxhjälp"],
        "Volontärer i {p} som hjälper till med läxhjälp, språkträning, besök hos äldre "
        "och matutdelning. Vill du bli volontär? Hör av dig!",
        ["Volontärträff", "Matutdelning", "Introduktion för nya volontärer", "Språkträning"],
    ),
}  # fmt: skip

LEGAL_FORMS = {
    "Ekonomisk förening": Organisation.LegalForm.ECONOMIC,
    "Församling/trossamfund": Organisation.LegalForm.RELIGIOUS,
    "Nätverk": Organisation.LegalForm.NETWORK,
    "Socialt företag": Organisation.LegalForm.COMPANY,
}
FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Fatima", "Mohammed", "Karin", "Johan", "Leila", "Ahmed",
    "Eva", "Per", "Sara", "Mikael", "Amina", "Anders", "Elin", "Hassan", "Lena", "Oskar",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Ali", "Hassan", "Lindberg", "Svensson", "Gustafsson", "Pettersson", "Yilmaz", "Jonsson",
]  # fmt: skip
PLACE_KINDS = ["bibliotek", "centrum", "Folkets hus", "idrottshall", "kyrka", "träffpunkt"]
PER_CATEGORY = 13  # 15 × 13 = 195, plus the named ones below
EXTRA_NAMES = [
    ("Skogås Trångsunds FF", "Idrottsförening", "Skogås"),
    ("Flemingsbergs IF", "Idrottsförening", "Flemingsberg"),
]


def luhn_check_digit(digits: str) -> str:
    for check in "0123456789":
        number = digits + check
        total = 0
        for i, ch in enumerate(number):
            n = int(ch) * (2 if i % 2 == 0 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return check
    raise ValueError(digits)


def organisation_number(rng: random.Random, taken: set[str]) -> str:
    while True:
        digits = "802" + f"{rng.randrange(10**6):06d}"
        number = f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"
        if number not in taken:
            taken.add(number)
            return number


def _named(model, name: str, **defaults):
    """The row of a demo category or area, with its English name (also given to a
    row that an older demo made without one)."""
    obj, created = model.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "name_en": ENGLISH[name], **defaults}
    )
    if not created and not obj.name_en and obj.name == name:
        obj.name_en = ENGLISH[name]
        obj.save(update_fields=["name_en"])  # search_sync reindexes its associations
    return obj


def _reference_data():
    categories = {}
    for position, name in enumerate(CATEGORIES):
        categories[name] = _named(Category, name, position=position)
    districts = {}
    for name in DISTRICTS:
        districts[name], _c = District.objects.get_or_create(
            slug=slugify(name), defaults={"name": name}
        )
    areas = {}
    for kind, names in [
        (ActivityArea.Kind.AREA, AREAS),
        (ActivityArea.Kind.TARGET_GROUP, TARGET_GROUPS),
    ]:
        for name in names:
            areas[name] = _named(ActivityArea, name, kind=kind)
    return categories, districts, areas


def _district_for(place: str) -> str:
    return "Huddinge centrum" if place == "Huddinge" else place


def specs(rng: random.Random):
    """(name, category, place) for every demo association, always in the same order."""
    result = list(EXTRA_NAMES)
    seen = {name for name, _c, _p in result}
    for category in CATEGORIES:
        patterns = PROFILES[category][0]
        combos = [(pattern, place) for pattern in patterns for place in PLACES]
        rng.shuffle(combos)
        count = 0
        for pattern, place in combos:
            name = pattern.format(p=place, g=genitive(place))
            if name in seen:
                continue
            seen.add(name)
            result.append((name, category, place))
            count += 1
            if count == PER_CATEGORY:
                break
    return result


@transaction.atomic
def load(stdout) -> None:
    rng = random.Random(SEED)
    categories, districts, areas = _reference_data()
    now = timezone.now()
    all_specs = specs(rng)
    slugs = {slugify(name): (name, category, place) for name, category, place in all_specs}
    existing = set(Organisation.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    taken_numbers = set(
        Organisation.objects.exclude(organisation_number=None).values_list(
            "organisation_number", flat=True
        )
    )
    new, relations = [], {}
    for index, (slug, (name, category, place)) in enumerate(slugs.items()):
        # One seeded random per association: the same data whatever already exists.
        r = random.Random(f"{SEED}-{slug}")
        if slug in existing:
            continue
        profile = PROFILES[category]
        legal_form = LEGAL_FORMS.get(category, Organisation.LegalForm.NONPROFIT)
        status = Organisation.Status.PENDING if index % 40 == 7 else Organisation.Status.ACTIVE
        contact_public = r.random() < 0.4
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        confirmed = now - timedelta(days=r.randrange(10, 300))
        organisation = Organisation(
            name=name,
            slug=slug,
            legal_form=legal_form,
            organisation_number=(
                None
                if legal_form == Organisation.LegalForm.NETWORK
                else organisation_number(r, taken_numbers)
            ),
            description=profile[2].format(p=place),
            website=f"https://{slug}.example",
            email=f"info@{slug}.example",
            phone=f"08-{r.randrange(500, 800)} {r.randrange(10, 99)} {r.randrange(10, 99)}",
            address=(
                f"Box {r.randrange(1, 999)}, {POSTCODE_PREFIX} {r.randrange(10, 99)} {POSTAL_TOWN}"
            ),
            contact_name=f"{first} {last}",
            contact_email=f"{slugify(first)}.{slugify(last)}@{slug}.example",
            contact_phone="070-{} {} {}".format(
                r.randrange(100, 999), r.randrange(10, 99), r.randrange(10, 99)
            ),
            contact_is_public=contact_public,
            member_count=r.choice([None, r.randrange(8, 1500)]),
            has_staff=r.random() < 0.2,
            seeks_collaboration=r.random() < 0.4,
            offers_premises=r.random() < 0.2,
            offers_volunteers=r.random() < 0.25,
            offers_knowledge=r.random() < 0.3,
            status=status,
            created_at=now - timedelta(days=r.randrange(30, 2000)),
            approved_at=None if status == Organisation.Status.PENDING else confirmed,
            confirmed_at=None if status == Organisation.Status.PENDING else confirmed,
        )
        new.append(organisation)
        extra_category = r.choice(CATEGORIES) if r.random() < 0.2 else None
        extra_district = r.choice(DISTRICTS) if r.random() < 0.3 else None
        area_names = r.sample(profile[1], k=min(len(profile[1]), r.randrange(1, 3)))
        area_names += r.sample(TARGET_GROUPS, k=r.randrange(1, 3))
        relations[slug] = (
            {category, *([extra_category] if extra_category else [])},
            {_district_for(place), *([extra_district] if extra_district else [])},
            set(area_names),
            [
                (r.randrange(1, 120), r.choice([10, 13, 17, 18, 19]), r.choice(profile[3]))
                for _i in range(r.randrange(0, 4))
            ],  # fmt: skip
        )
    # One association that missed the yearly confirmation.
    if new and not Organisation.objects.unconfirmed().exists():
        active = [o for o in new if o.status == Organisation.Status.ACTIVE]
        for organisation in active[10:11] or active[:1]:
            organisation.unconfirmed_since = now - timedelta(days=20)
            organisation.confirmed_at = now - timedelta(days=400)
    Organisation.objects.bulk_create(new, batch_size=500)
    created = {o.slug: o for o in Organisation.objects.filter(slug__in=[o.slug for o in new])}
    through_c = Organisation.categories.through
    through_d = Organisation.districts.through
    through_a = Organisation.areas.through
    links_c, links_d, links_a, activities = [], [], [], []
    today = timezone.localdate()
    for slug, (cats, dists, area_names, planned) in relations.items():
        organisation = created[slug]
        links_c += [through_c(organisation=organisation, category=categories[c]) for c in cats]
        links_d += [through_d(organisation=organisation, district=districts[d]) for d in dists]
        links_a += [through_a(organisation=organisation, activityarea=areas[a]) for a in area_names]
        district = districts[sorted(dists)[0]]
        for days, hour, title in planned:
            starts = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
            activities.append(
                Activity(
                    organisation=organisation,
                    title=title,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    place=f"{district.name} {PLACE_KINDS[days % len(PLACE_KINDS)]}",
                    district=district,
                    description=f"{title} med {organisation.name}. Alla är välkomna!",
                )
            )
    activities += _series(created, relations, districts, today)
    through_c.objects.bulk_create(links_c, batch_size=1000)
    through_d.objects.bulk_create(links_d, batch_size=1000)
    through_a.objects.bulk_create(links_a, batch_size=1000)
    Activity.objects.bulk_create(activities, batch_size=1000)
    _representative(list(created.values()))
    search.reindex(list(Organisation.objects.filter(slug__in=slugs).values_list("pk", flat=True)))
    stdout.write(f"Associations: {len(slugs)} ({len(new)} new), activities: {len(activities)} new")


# Activities that repeat, one row each: (category, title, weekday, hour, hours, rule).
SERIES = [
    ("Idrottsförening", "Träning för alla åldrar", 1, 18, 1.5, {"pattern": Pattern.WEEKLY}),
    (
        "Pensionärsförening",
        "Månadscafé",
        3,
        14,
        2,
        {"pattern": Pattern.MONTHLY_WEEKDAY, "count": 10},
    ),
]


def _series(created, relations, districts, today) -> list[Activity]:
    """A weekly training that goes on and a monthly café ten times, each for the
    first active new association of its category, from the coming weekday on."""
    made = []
    for category, title, weekday, hour, hours, rule in SERIES:
        slug = next(
            (
                slug
                for slug, (categories, *_rest) in relations.items()
                if category in categories and created[slug].status == Organisation.Status.ACTIVE
            ),
            None,
        )
        if slug is None:
            continue
        organisation, district = created[slug], districts[sorted(relations[slug][1])[0]]
        day = today + timedelta(days=(weekday - today.weekday()) % 7)
        starts = timezone.make_aware(datetime.combine(day, time(hour)))
        activity = Activity(
            organisation=organisation,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            place=f"{district.name} {PLACE_KINDS[3 if weekday == 1 else 5]}",
            district=district,
            description=f"{title} med {organisation.name}. Ingen anmälan, kom som du är!",
            recurrence=build(rule["pattern"], starts, count=rule.get("count")),
        )
        activity.repeats_until = activity.series_end()
        made.append(activity)
    return made


def _representative(new_organisations) -> None:
    """The demo representative administers two active associations and one pending."""
    user = get_user_model().objects.filter(email=REPRESENTATIVE_EMAIL).first()
    if user is None or Membership.objects.filter(user=user).exists():
        return
    active = [o for o in new_organisations if o.status == Organisation.Status.ACTIVE]
    pending = [o for o in new_organisations if o.status == Organisation.Status.PENDING]
    for organisation in active[:2] + pending[:1]:
        Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": Membership.Role.ADMIN}
        )


# --- For the other apps' demo data (forums, agreements) -------------------------


def spread(items: list, count: int) -> list:
    """``count`` items evenly spread over the list (not the first few by name)."""
    if len(items) <= count:
        return items
    return [items[i * len(items) // count] for i in range(count)]


def representatives_association() -> list[Organisation]:
    """The active association the demo representative (forening@demo.se) represents,
    the first by name, so the demo shows what a representative sees; [] if none."""
    return list(
        Organisation.objects.active()
        .filter(memberships__user__email=REPRESENTATIVE_EMAIL)
        .order_by("name")[:1]
    )
