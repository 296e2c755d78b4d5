"""Search: Swedish stemming, compound prefixes and misspelled names."""

import pytest
from django.db import connection

from organisations import search, search_words
from organisations.models import Organisation, SearchWord

from .factories import ActivityAreaFactory, CategoryFactory, DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _corrections(query_words):
    return search_words._alternatives(query_words)[0]


def _names(q, queryset=None):
    queryset = queryset if queryset is not None else Organisation.objects.public()
    return [o.name for o in search.search(queryset, q)]


@pytest.fixture
def register():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    culture = CategoryFactory(name="Kulturförening", slug="kulturforening")
    fleming = DistrictFactory(name="Flemingsberg", slug="flemingsberg")
    skogas = DistrictFactory(name="Skogås", slug="skogas")
    orgs = [
        OrganisationFactory(
            name="Flemingsbergs Idrottsförening",
            description="Fotboll och friidrott för barn och unga.",
            categories=[sport],
            districts=[fleming],
        ),
        OrganisationFactory(
            name="Skogås Trångsunds FF",
            description="Fotbollsklubb i södra Huddinge.",
            categories=[sport],
            districts=[skogas],
        ),
        OrganisationFactory(
            name="Flemingsbergs Konstförening",
            description="Utställningar och kurser i måleri.",
            categories=[culture],
            districts=[fleming],
        ),
        OrganisationFactory(
            name="Vårby Pensionärsförening",
            description="Gemenskap för äldre.",
            categories=[culture],
        ),
    ]
    search.reindex([o.pk for o in orgs])
    return orgs


def test_empty_query_changes_nothing(register):
    assert len(_names("")) == 4
    assert len(_names("  ,;  ")) == 4


def test_finds_by_a_word_of_the_name(register):
    assert _names("Konstförening") == ["Flemingsbergs Konstförening"]


def test_every_word_must_match(register):
    assert _names("Vårby Konstförening") == []


def test_description_is_searched(register):
    assert _names("måleri") == ["Flemingsbergs Konstförening"]


def test_search_keeps_the_filtered_queryset(register):
    queryset = Organisation.objects.public().exclude(name__startswith="Flemingsbergs I")
    assert _names("Flemingsbergs", queryset) == ["Flemingsbergs Konstförening"]


def test_stemming_finds_inflected_forms(register):
    # "idrottsföreningar" (plural) finds "Idrottsförening"; "i" is a stop word; the
    # district name is in the vector.
    names = _names("idrottsföreningar i Flemingsberg")
    assert names == ["Flemingsbergs Idrottsförening"]


def test_category_names_are_searched(register):
    # The category "Idrottsförening" is in the vector, so the football club is found too.
    assert set(_names("idrottsföreningar")) == {
        "Flemingsbergs Idrottsförening",
        "Skogås Trångsunds FF",
    }


def test_prefix_finds_the_head_of_a_compound(register):
    # The swedish stemmer leaves "idrottsförening" whole; idrott:* finds it.
    assert "Flemingsbergs Idrottsförening" in _names("idrott")
    assert "Flemingsbergs Konstförening" in _names("konst")


def test_misspelled_name_is_found(register):
    assert _names("Skogås-Trångsund FF")[0] == "Skogås Trångsunds FF"
    # Real spelling mistakes: corrected through the trigram-indexed vocabulary.
    assert _names("Skogas Trångsumd")[0] == "Skogås Trångsunds FF"
    assert _names("Flemmingsbergs Konstförning") == ["Flemingsbergs Konstförening"]


def test_ranking_puts_the_name_first(register):
    # Both mention fotboll; the one with it in the name ranks first for "fotbollsklubb".
    assert _names("fotbollsklubb")[0] == "Skogås Trångsunds FF"


def test_reindex_follows_changes(register):
    organisation = register[3]
    organisation.name = "Vårby Seniorer"
    organisation.save()
    assert _names("Seniorer") == []
    search.reindex([organisation.pk])
    assert _names("Seniorer") == ["Vårby Seniorer"]


def test_factories_give_the_search_vector_a_user_would_get():
    # No reindex by the test: the factory goes through the same reindex as services.
    organisation = OrganisationFactory(
        name="Tullinge Schackklubb", categories=[CategoryFactory(name="Kulturförening")]
    )
    assert _names("schackklubbar") == [organisation.name]
    assert _names("kulturföreningar") == [organisation.name]


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (CategoryFactory, "categories"),
        (DistrictFactory, "districts"),
        (ActivityAreaFactory, "areas"),
    ],
)
def test_renaming_a_category_district_or_area_reindexes_its_associations(factory, field):
    item = factory(name="Gammalnamn")
    linked = OrganisationFactory(name="Förening Ett", **{field: [item]})
    OrganisationFactory(name="Förening Två")
    assert _names("gammalnamn") == [linked.name]
    item.name = "Nyckelord"
    item.save()  # as the admin, load_demo or a shell would
    assert _names("nyckelord") == [linked.name]
    assert _names("gammalnamn") == []


def test_deleting_a_district_reindexes_its_associations():
    district = DistrictFactory(name="Glömstavägen")
    linked = OrganisationFactory(name="Förening Tre", districts=[district])
    assert _names("glömstavägen") == [linked.name]
    district.delete()
    assert _names("glömstavägen") == []


def test_renaming_in_the_admin_reindexes(admin_client):
    category = CategoryFactory(name="Scoutkår", slug="scoutkar")
    linked = OrganisationFactory(name="Förening Fyra", categories=[category])
    response = admin_client.post(
        f"/admin/organisations/category/{category.pk}/change/",
        {"name": "Friluftsförening", "slug": category.slug, "description": "", "position": 0},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _names("friluftsföreningar") == [linked.name]


def test_odd_input_is_harmless(register):
    for q in ["'", "a & b | !c", "idrott:*", "(((", "i och", "x" * 300, "\\", "100%"]:
        _names(q)  # no error


def test_a_name_with_every_word_ranks_above_other_fields(register):
    # Both are idrottsföreningar in Flemingsberg; only one says so in its name.
    sport = register[0].categories.get()
    fleming = register[0].districts.get()
    other = OrganisationFactory(
        name="Aaa Bollklubb",  # sorts first by name: only the ranking puts it second
        description="Idrottsförening i Flemingsberg.",
        categories=[sport],
        districts=[fleming],
    )
    search.reindex([other.pk])
    names = _names("idrottsföreningar flemingsberg")
    assert names == ["Flemingsbergs Idrottsförening", "Aaa Bollklubb"]


def test_inflected_words_are_not_corrected(register):
    # "pensionärer" (stem "pensionär") is known through "pensionärsförening": no
    # lookalikes are added, though no known word starts with "pensionärer" as typed.
    assert _corrections(["pensionärer"]) == {}
    assert _names("pensionärer") == ["Vårby Pensionärsförening"]
    # A real misspelling is still corrected.
    assert "trångsunds" in _corrections(["trångsumd"])["trångsumd"]


def test_a_word_found_in_descriptions_is_not_corrected(register):
    # "utställningar" is in no name, category or district, but a description holds it:
    # the search looks for it as typed, not widened with the lookalike "ställningar".
    SearchWord.objects.create(word="ställningar")
    assert _corrections(["utställningar"]) == {}
    assert _names("utställningar") == ["Flemingsbergs Konstförening"]
    # Nothing holds "ustställningar": corrected to the lookalike.
    assert _corrections(["ustställningar"]) == {"ustställningar": ["ställningar"]}


def test_the_head_of_a_compound_finds_the_compound(register):
    # Swedish puts the head last: "klubb" is in "Bollklubben", "kör" in "Kammarkören",
    # "förening" in "Pensionärsförening". The prefix query alone finds none of them.
    extra = [
        OrganisationFactory(name="Vårby Bollklubben", description="Fotboll."),
        OrganisationFactory(name="Kammarkören Cantabile", description="Vi sjunger."),
        OrganisationFactory(name="Skörda Tillsammans", description="Stadsodling."),
        OrganisationFactory(name="Körsbärsgårdens Vänner", description="Trädgård."),
    ]
    search.reindex([o.pk for o in extra])
    assert _names("klubb") == ["Vårby Bollklubben"]
    assert _names("klubbar") == ["Vårby Bollklubben"]  # inflected: the stem is the head
    # The head after a word of three letters or more, not inside one ("skörda"); what
    # begins with it ("Körsbärsgårdens") the prefix query finds, as before, and ranks
    # first: a compound is not the word itself.
    assert _names("kör") == ["Körsbärsgårdens Vänner", "Kammarkören Cantabile"]
    # In the name, or in the category ("Idrottsförening"), which ranks below.
    names = _names("förening")
    assert set(names[:3]) == {
        "Flemingsbergs Idrottsförening",
        "Flemingsbergs Konstförening",
        "Vårby Pensionärsförening",
    }
    assert names[3:] == ["Skogås Trångsunds FF"]
    assert _names("i") == []  # a stop word stands for nothing
    # A noun in -er, definite: "teater" (stem "teat") reaches "Ungdomsteatern".
    theatre = OrganisationFactory(name="Ungdomsteatern Vårby", description="Scen.")
    search.reindex([theatre.pk])
    assert _names("teater") == ["Ungdomsteatern Vårby"]
    assert _names("teatern") == ["Ungdomsteatern Vårby"]
    # Too short to be a compound of "dom": "ungdom" is a word of its own.
    ungdom = OrganisationFactory(name="Vårby Ungdom", description="Fritidsgård.")
    search.reindex([ungdom.pk])
    assert _names("dom") == []


def test_reindex_fills_the_vocabulary_model(register):
    assert SearchWord.objects.filter(word__in=["skogås", "trångsunds", "flemingsberg"]).count() == 3


def test_the_vocabulary_table_exists_everywhere(db):
    SearchWord.objects.create(word="förening")
    assert SearchWord.objects.get().word == "förening"


def test_migrations_do_not_import_live_search_code():
    from pathlib import Path

    migrations = Path(search.__file__).parent / "migrations"
    for path in migrations.glob("0*.py"):
        source = path.read_text(encoding="utf-8")
        for live in ["from organisations.search", "import organisations.search", "import search"]:
            assert live not in source, path.name


def test_every_offer_filter_has_a_partial_search_index(db):
    from organisations.filters import OFFER_FIELDS

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'organisations_organisation' "
            "AND indexdef LIKE '%%USING gin (search_vector)%% WHERE %%'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    for flag in OFFER_FIELDS:
        assert any(d.endswith(f"WHERE {flag}") for d in definitions), flag


def test_search_with_an_offer_filter_finds_only_those_offering(register):
    Organisation.objects.filter(name="Flemingsbergs Konstförening").update(offers_volunteers=True)
    offering = Organisation.objects.public().filter(offers_volunteers=True)
    assert _names("flemingsberg", offering) == ["Flemingsbergs Konstförening"]


def _filtered(params):
    from django.http import QueryDict

    from organisations.filters import OrganisationFilter

    data = QueryDict(mutable=True)
    for key, values in params.items():
        data.setlist(key, [str(v) for v in (values if isinstance(values, list) else [values])])
    return OrganisationFilter(data, queryset=Organisation.objects.public()).qs


@pytest.fixture
def mixed(register):
    """The register plus associations spread over categories, districts, areas and staff."""
    from organisations.models import ActivityArea, Category, District

    from .factories import ActivityAreaFactory

    sport = Category.objects.get(slug="idrottsforening")
    culture = Category.objects.get(slug="kulturforening")
    social = CategoryFactory(name="Social förening", slug="social-forening")
    fleming = District.objects.get(slug="flemingsberg")
    skogas = District.objects.get(slug="skogas")
    youth = ActivityAreaFactory(name="Unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP)
    music = ActivityAreaFactory(name="Musik", slug="musik")
    combos = [
        ([sport], [fleming], [youth], True),
        ([culture], [skogas], [music], False),
        ([sport, culture], [fleming, skogas], [youth, music], True),
        ([social], [], [], False),
        ([culture, social], [skogas], [youth], False),
        ([sport], [], [music], True),
    ]
    orgs = []
    for i, (categories, districts, areas, staff) in enumerate(combos):
        for name in ["Kulturförening", "Idrottsklubb", "Föreningen"]:
            orgs.append(
                OrganisationFactory(
                    name=f"{name} {chr(65 + i)}",
                    description="Kultur och idrott för unga i Flemingsberg.",
                    categories=categories,
                    districts=districts,
                    areas=areas,
                    has_staff=staff,
                )
            )
    search.reindex([o.pk for o in orgs])
    return {"sport": sport, "culture": culture, "social": social, "fleming": fleming,
            "skogas": skogas, "youth": youth, "music": music}  # fmt: skip


def test_filters_in_the_search_give_what_the_joins_give(mixed, monkeypatch):
    from organisations.filters import OrganisationFilter

    m = {key: obj.pk for key, obj in mixed.items()}
    samples = [
        {"q": "kultur", "category": m["culture"], "has_staff": "no"},
        {"q": "kultur", "category": [m["sport"], m["social"]]},
        {"q": "idrott", "district": m["fleming"]},
        {"q": "förening", "area": m["youth"], "has_staff": "yes"},
        {"q": "flemingsberg", "category": m["sport"], "district": m["skogas"], "area": m["music"]},
        {"q": "Trångsumd", "category": m["sport"]},
        {"q": "unga", "district": m["skogas"], "offers": "offers_premises"},
        {"q": "och", "category": m["culture"]},  # stop words only: nothing, either way
        {"q": "zzzxxyy", "area": m["music"]},
    ]
    with_tokens = [[o.name for o in _filtered(params)] for params in samples]
    monkeypatch.setattr(OrganisationFilter, "_in_search", lambda self, token, pks: False)
    with_joins = [[o.name for o in _filtered(params)] for params in samples]
    assert with_tokens == with_joins
    assert sum(map(len, with_tokens)) > 20  # the samples find something


def test_a_filtered_search_has_no_join(mixed):
    sql = str(_filtered({"q": "kultur", "category": mixed["culture"].pk}).query)
    assert "EXISTS" not in sql
    assert "organisations_organisation_categories" not in sql
    # Without query words the filters stay joins.
    assert "EXISTS" in str(_filtered({"category": mixed["culture"].pk}).query)


def test_query_words_never_match_filter_tokens(mixed):
    for q in ["kat", "k", "omr", "dist", "d"]:
        for o in search.search(Organisation.objects.public(), q):
            assert q in o.name.lower() or q in o.description.lower(), (q, o.name)
