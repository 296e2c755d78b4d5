"""The public directory: filters, paging, empty result, bad input, query count."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations import search
from organisations.models import ActivityArea, Organisation

from .factories import (
    ActivityAreaFactory,
    CategoryFactory,
    DistrictFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("organisations:directory")


def _names(response):
    return [o.name for o in response.context["organisations"]]


@pytest.fixture
def data():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    culture = CategoryFactory(name="Kulturförening", slug="kulturforening")
    social = CategoryFactory(name="Social förening", slug="social-forening")
    fleming = DistrictFactory(name="Flemingsberg", slug="flemingsberg")
    vårby = DistrictFactory(name="Vårby", slug="varby")
    youth = ActivityAreaFactory(name="Unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP)
    a = OrganisationFactory(
        name="Alfa IF",
        categories=[sport, culture],
        districts=[fleming],
        areas=[youth],
        has_staff=True,
        seeks_collaboration=True,
        offers_premises=True,
    )
    b = OrganisationFactory(
        name="Beta Kulturförening", categories=[culture], districts=[vårby], offers_premises=True
    )
    c = OrganisationFactory(
        name="Gamma Social", categories=[social], unconfirmed_since=timezone.now()
    )
    OrganisationFactory(name="Pending", status=Organisation.Status.PENDING, categories=[sport])
    OrganisationFactory(name="Private", is_public=False, categories=[sport])
    OrganisationFactory(
        name="Archived",
        status=Organisation.Status.ARCHIVED,
        status_reason="Upplöst",
        categories=[sport],
    )
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    return {"sport": sport, "culture": culture, "social": social, "fleming": fleming,
            "varby": vårby, "youth": youth, "a": a, "b": b, "c": c}  # fmt: skip


def test_lists_only_public_active_associations(client, data):
    response = client.get(URL)
    assert response.status_code == 200
    assert _names(response) == ["Alfa IF", "Beta Kulturförening", "Gamma Social"]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'role="status"' in html
    assert "3 föreningar hittades" in html or "3 associations found" in html


def test_unconfirmed_badge(client, data):
    html = client.get(URL).content.decode()
    assert html.count('class="badge badge--warning"') == 1


def test_filter_by_several_categories_without_duplicates(client, data):
    ids = [data["sport"].pk, data["culture"].pk]
    response = client.get(URL, {"category": ids})
    assert _names(response) == ["Alfa IF", "Beta Kulturförening"]


def test_filter_by_district_area_staff_and_offers(client, data):
    assert _names(client.get(URL, {"district": data["varby"].pk})) == ["Beta Kulturförening"]
    assert _names(client.get(URL, {"area": data["youth"].pk})) == ["Alfa IF"]
    assert _names(client.get(URL, {"has_staff": "yes"})) == ["Alfa IF"]
    assert _names(client.get(URL, {"has_staff": "no"})) == ["Beta Kulturförening", "Gamma Social"]
    assert _names(client.get(URL, {"offers": "offers_premises"})) == [
        "Alfa IF",
        "Beta Kulturförening",
    ]
    both = {"offers": ["offers_premises", "seeks_collaboration"]}
    assert _names(client.get(URL, both)) == ["Alfa IF"]


def test_search_and_filter_together(client, data):
    response = client.get(URL, {"q": "Kulturförening", "district": data["varby"].pk})
    assert _names(response) == ["Beta Kulturförening"]


def test_a_corrected_word_is_shown_to_the_visitor(client, data):
    # "Kulturförning" is misspelled: the search also looks for "kulturförening" and
    # says so, so nobody wonders why "Beta Kulturförening" was found.
    html = client.get(URL, {"q": "Kulturförning"}).content.decode()
    assert "Beta Kulturförening" in html
    assert "även efter: <strong>kulturförening</strong>" in html
    html = client.get(URL, {"q": "Kulturförening"}).content.decode()
    assert "även efter" not in html  # nothing corrected, nothing said


def test_nothing_found(client, data):
    response = client.get(URL, {"q": "zzzxxyy"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inga föreningar hittades" in html or "No associations found" in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"page_size": "x"},
        {"page_size": "100000"},
        {"category": "999999"},
        {"category": "abc"},
        {"district": "abc"},
        {"area": "0"},
        {"has_staff": "maybe"},
        {"offers": "offers_money"},
    ],
)
def test_bad_input_is_ignored_or_explained(client, data, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert len(_names(response)) >= 1


# NUL is a bad request before the search sees it (tests/organisations/test_hardening.py).
@pytest.mark.parametrize("q", ["x" * 5000, "'", "a & b | !c", "idrott:*", "((("])
def test_odd_queries(client, data, q):
    assert client.get(URL, {"q": q}).status_code == 200


def test_unknown_category_is_explained(client, data):
    html = client.get(URL, {"category": "999999"}).content.decode()
    assert 'class="error-summary"' in html


def test_paging_links(client, data):
    for i in range(25):
        OrganisationFactory(name=f"Zeta {i:02d}", categories=[data["sport"]])
    response = client.get(URL, {"page": 2})
    html = response.content.decode()
    assert response.context["page"].number == 2
    assert 'aria-current="page"' in html
    assert "page=1" in html


def test_a_search_page_past_any_offset_gives_the_last_page(client):
    # The one-pass paginator asked PostgreSQL for OFFSET 2e21: bigint out of range.
    for n in range(3):
        OrganisationFactory(name=f"Idrottsföreningen {n}")
    response = client.get(URL, {"q": "idrott", "page": "99999999999999999999", "page_size": 2})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == 2 and len(page.object_list) == 1


def test_user_text_is_escaped(client, data):
    OrganisationFactory(
        name="<script>alert(1)</script>", description="<b>fet</b>", categories=[data["sport"]]
    )
    html = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>fet</b>" not in html


@pytest.mark.parametrize("size", [5, 50])
def test_constant_number_of_queries(client, data, django_assert_max_num_queries, size):
    districts = [DistrictFactory() for _ in range(3)]
    for i in range(60):
        OrganisationFactory(
            name=f"Förening {i:02d}",
            categories=[data["sport"], data["culture"]],
            districts=districts,
        )
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    # count, page, categories, districts, and the form's three lists of choices
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"page_size": size, "q": "Förening"})
    assert len(response.context["organisations"]) == size


def test_cards_show_categories_districts_offers_and_link(client, data):
    html = client.get(URL).content.decode()
    assert f'href="{data["a"].get_absolute_url()}"' in html
    assert "Idrottsförening, Kulturförening" in html
    assert "Flemingsberg" in html
    assert html.count('class="tag"') == 3  # Alfa: collaboration + premises; Beta: premises


def test_selected_filters_stay_selected(client, data):
    html = client.get(
        URL,
        {"district": data["varby"].pk, "category": [data["sport"].pk], "offers": "offers_premises"},
    ).content.decode()
    assert f'<option value="{data["varby"].pk}" selected>Vårby</option>' in html
    assert f'value="{data["sport"].pk}" id="id_category_0" checked>' in html
    assert 'value="offers_premises" id="id_offers_1" checked>' in html


def test_search_pages_count_in_the_same_query(client, data, django_assert_max_num_queries):
    for i in range(25):
        OrganisationFactory(name=f"Zeta Kulturförening {i:02d}", categories=[data["culture"]])
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"q": "Zeta", "page": 2})
    page = response.context["page"]
    assert page.number == 2
    assert page.paginator.count == 25
    assert _names(response) == [f"Zeta Kulturförening {i:02d}" for i in range(20, 25)]
    assert "25 föreningar hittades" in response.content.decode() or "25 associations" in (
        response.content.decode()
    )
    # Past the end: the last page, as without a search.
    assert client.get(URL, {"q": "Zeta", "page": 99}).context["page"].number == 2
    nothing = client.get(URL, {"q": "zzzxxyy", "page": 3})
    assert nothing.context["page"].paginator.count == 0
    assert nothing.context["page"].number == 1


@pytest.fixture
def broad(data):
    """Eight associations with "förening" in the description, two in the name."""
    for i in range(8):
        OrganisationFactory(name=f"Aaa Klubb {i}", description="En förening för alla.")
    for name in ("Östra Föreningen", "Västra Föreningen"):
        OrganisationFactory(name=name, description="Vi träffas.")
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))


def test_a_broad_search_ranks_a_bounded_set_names_first(client, broad, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    response = client.get(URL, {"q": "förening", "page_size": 50})
    html = response.content.decode()
    assert "Över 3 föreningar hittades, de bästa träffarna först" in html
    names = _names(response)
    # Both names holding the word are candidates whatever their place in the table,
    # ranked first; then at most CANDIDATES + 1 of all matches.
    assert set(names[:2]) == {"Östra Föreningen", "Västra Föreningen"}
    assert len(names) <= 2 + 3 + 1
    html = client.get(URL, {"q": "förening", "page_size": 2}).content.decode()
    assert "de bästa träffarna först, sida 1 av " in html  # no stray space


def test_a_narrow_search_is_exact_and_exports_are_never_bounded(client, broad, monkeypatch):
    from tests.organisations.factories import make_municipal_coordinator

    monkeypatch.setattr(search, "CANDIDATES", 3)
    response = client.get(URL, {"q": "västra"})
    assert _names(response) == ["Västra Föreningen"]
    assert "Över" not in response.content.decode()
    client.force_login(make_municipal_coordinator())
    rows = client.get(reverse("organisations:export"), {"q": "förening", "format": "csv"})
    body = rows.content.decode("utf-8-sig").splitlines()[1:]
    # Every match of every status, far more than the directory's bound (3 + 3 + 1).
    assert len(body) == search.search(Organisation.objects.all(), "förening").count() == 16
