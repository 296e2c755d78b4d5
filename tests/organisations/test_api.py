"""Open data: only public associations and fields, paging, filters, errors."""

import json
import re

import pytest
from django.urls import reverse

from organisations import api_registry, search
from organisations.api_schema import DATE
from organisations.models import ActivityArea, Category, Organisation
from portal.inputs import FIRST_YEAR, LAST_YEAR

from .factories import (
    ActivityAreaFactory,
    ActivityFactory,
    CategoryFactory,
    DistrictFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("organisations:api_organisations")


@pytest.fixture
def data():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    public = OrganisationFactory(
        name="Alfa IF",
        categories=[sport],
        contact_name="Anna Andersson",
        contact_email="anna@example.se",
        contact_is_public=True,
    )
    secret = OrganisationFactory(
        name="Beta Kör", contact_name="Bertil Hemlig", contact_email="bertil@example.se"
    )
    OrganisationFactory(name="Pending", status=Organisation.Status.PENDING)
    OrganisationFactory(name="Private", is_public=False)
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    return {"sport": sport, "public": public, "secret": secret}


def test_public_fields_only(client, data):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 2
    names = [o["name"] for o in body["results"]]
    assert names == ["Alfa IF", "Beta Kör"]
    alfa, beta = body["results"]
    assert alfa["contact"] == {"name": "Anna Andersson", "email": "anna@example.se", "phone": ""}
    assert beta["contact"] is None
    raw = response.content.decode()
    assert "Bertil" not in raw and "bertil@" not in raw
    assert "Pending" not in raw and "Private" not in raw
    assert not any(key.startswith("contact_") for key in alfa)
    assert "status" not in alfa and "search_vector" not in alfa


def test_filters_and_search(client, data):
    body = client.get(URL, {"category": data["sport"].pk}).json()
    assert [o["name"] for o in body["results"]] == ["Alfa IF"]
    body = client.get(URL, {"q": "Kör"}).json()
    assert [o["name"] for o in body["results"]] == ["Beta Kör"]


def test_paging(client, data):
    for i in range(130):
        OrganisationFactory(name=f"Zeta {i:03d}")
    body = client.get(URL, {"page_size": 100, "page": 2}).json()
    assert body["count"] == 132
    assert body["num_pages"] == 2
    assert len(body["results"]) == 32
    assert body["next"] is None and "page=1" in body["previous"]
    assert client.get(URL).json()["page_size"] == 20


@pytest.mark.parametrize(
    "params,status",
    [
        ({"page_size": 101}, 400),
        ({"page_size": 0}, 400),
        ({"page": "abc"}, 400),
        ({"page": 0}, 400),
        ({"page": 50}, 404),
        ({"category": "abc"}, 400),
        ({"page": ["1", "2"]}, 400),  # which one?
        ({"page": "", "page_size": ""}, 200),  # none, as a form left blank sends
    ],
)
def test_bad_parameters(client, data, params, status):
    response = client.get(URL, params)
    assert response.status_code == status
    assert ("error" in response.json()) is (status != 200)


def test_activities(client, data):
    ActivityFactory(organisation=data["public"], title="Träning")
    ActivityFactory(organisation=Organisation.objects.get(name="Pending"), title="Hemlig")
    body = client.get(reverse("organisations:api_activities")).json()
    assert [a["title"] for a in body["results"]] == ["Träning"]
    assert body["results"][0]["organisation"]["name"] == "Alfa IF"
    bad = client.get(reverse("organisations:api_activities"), {"from": "2026-13-45"})
    assert bad.status_code == 400


def test_docs_and_openapi(client, data):
    html = client.get(reverse("organisations:api_docs")).content.decode()
    assert html.count("<h1") == 1
    assert "api/foreningar/" in html
    spec = json.loads(client.get(reverse("organisations:api_openapi")).content)
    assert spec["openapi"] == "3.1.0"
    assert set(spec["paths"]) == {
        "/foreningar/",
        "/aktiviteter/",
        "/kategorier/",
        "/kommundelar/",
        "/omraden/",
        *(f"/{endpoint.route}" for endpoint in api_registry.registered()),  # other apps'
    }
    assert spec["servers"][0]["url"].endswith("/foreningar/api")


@pytest.mark.parametrize("size", [5, 50])
def test_constant_number_of_queries(client, data, django_assert_num_queries, size):
    district, area = DistrictFactory(), ActivityAreaFactory()
    for _i in range(60):
        org = OrganisationFactory(categories=[data["sport"]], districts=[district], areas=[area])
        ActivityFactory(organisation=org, district=district)
        CategoryFactory(), DistrictFactory(), ActivityAreaFactory()
    # The page and the count, then the categories, districts and areas of the page.
    with django_assert_num_queries(5):
        body = client.get(URL, {"page_size": size}).json()
    assert len(body["results"]) == size
    # The page and the count: the association and the district come with each activity.
    with django_assert_num_queries(2):
        body = client.get(reverse("organisations:api_activities"), {"page_size": size}).json()
    assert len(body["results"]) == size
    for name in ("api_categories", "api_districts", "api_areas"):
        with django_assert_num_queries(1):
            body = client.get(reverse(f"organisations:{name}")).json()
        assert body["count"] == len(body["results"]) > 60


def test_the_filters_ids_are_listed_and_answers_give_them(client, data):
    """Each id the lists give is one a filter takes, and each association and activity
    names its categories, districts and areas by the same id beside the name."""
    district = DistrictFactory(name="Vivalla", slug="vivalla")
    area = ActivityAreaFactory(name="Schack", slug="schack")
    group = ActivityAreaFactory(name="Unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP)
    org = data["public"]
    org.districts.set([district])
    org.areas.set([area, group])
    search.reindex([org.pk])
    ActivityFactory(organisation=org, district=district, title="Schackkväll")

    categories = client.get(reverse("organisations:api_categories")).json()["results"]
    sport = next(c for c in categories if c["name"] == "Idrottsförening")
    assert sport == {"id": data["sport"].pk, "slug": "idrottsforening", "name": "Idrottsförening",
                     "name_en": None, "description": data["sport"].description}  # fmt: skip
    districts = client.get(reverse("organisations:api_districts")).json()["results"]
    assert districts == [{"id": district.pk, "slug": "vivalla", "name": "Vivalla"}]
    areas = {a["slug"]: a for a in client.get(reverse("organisations:api_areas")).json()["results"]}
    assert areas["unga"] == {"id": group.pk, "slug": "unga", "name": "Unga", "name_en": None,
                             "kind": "target_group", "kind_label": "Målgrupp"}  # fmt: skip
    for params in ({"category": sport["id"]}, {"district": district.pk}, {"area": group.pk}):
        assert [o["name"] for o in client.get(URL, params).json()["results"]] == ["Alfa IF"]

    alfa = client.get(URL, {"district": district.pk}).json()["results"][0]
    assert alfa["categories"] == [{"id": data["sport"].pk, "name": "Idrottsförening",
                                   "name_en": None}]  # fmt: skip
    assert alfa["districts"] == [{"id": district.pk, "name": "Vivalla"}]
    assert alfa["areas"] == [{"id": area.pk, "name": "Schack", "name_en": None}]
    assert alfa["target_groups"] == [{"id": group.pk, "name": "Unga", "name_en": None}]
    activity = client.get(reverse("organisations:api_activities")).json()["results"][0]
    assert activity["district"] == {"id": district.pk, "name": "Vivalla"}
    assert activity["organisation"]["id"] == org.pk


def test_legal_form_has_its_label_in_the_request_s_language(client, data):
    alfa = client.get(URL).json()["results"][0]
    assert (alfa["legal_form"], alfa["legal_form_label"]) == ("ideell_forening", "Ideell förening")
    english = client.get(URL, headers={"accept-language": "en"}).json()["results"][0]
    assert english["legal_form_label"] == "Non-profit association"
    response = client.get(URL, headers={"accept-language": "de, en;q=0.5"})
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


@pytest.mark.parametrize(
    "headers,error,page,category",
    [
        ({}, "Ogiltiga parametrar.", "Fyll i ett heltal.", "“abc” är inte ett giltigt värde."),
        ({"accept-language": "fr"}, "Ogiltiga parametrar.", "Fyll i ett heltal.", None),
        ({"accept-language": "en-GB,en;q=0.8"}, "Invalid parameters.", "Enter a whole number.",
         "“abc” is not a valid value."),
    ],
    ids=["no language: Swedish", "unknown language: Swedish", "English"],
)  # fmt: skip
def test_errors_in_one_language_naming_every_parameter(
    client, data, headers, error, page, category
):
    response = client.get(URL, {"page": "abc", "category": "abc"}, headers=headers)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == error
    assert set(body["errors"]) == {"page", "category"}
    assert body["errors"]["page"] == [{"message": page, "code": "invalid"}]
    if category:
        assert body["errors"]["category"][0]["message"] == category
    past = client.get(URL, {"page": 9}, headers=headers).json()
    assert past["error"] == (
        "There is no such page." if "Invalid" in error else "Sidan finns inte."
    )
    assert list(past["errors"]) == ["page"]


def test_the_description_lists_the_ids_the_filters_accept(client, data):
    spec = client.get(reverse("organisations:api_openapi")).json()
    parameters = {p["name"]: p for p in spec["paths"]["/foreningar/"]["get"]["parameters"]}
    ids = list(Category.objects.order_by("pk").values_list("pk", flat=True))
    assert parameters["category"]["schema"]["items"]["enum"] == ids
    assert client.get(URL, {"category": ids[-1] + 1}).status_code == 400


def test_an_empty_date_is_none_and_dates_are_iso(client, data):
    url = reverse("organisations:api_activities")
    assert client.get(url, {"from": "", "to": ""}).status_code == 200
    assert client.get(url, {"from": "03/05/2026"}).status_code == 400  # March or May?
    assert client.get(url, {"from": "2026-05-03"}).status_code == 200
    pattern = re.compile(DATE["pattern"])  # the description's years are portal.inputs'
    assert pattern.match(f"{FIRST_YEAR}-01-01") and pattern.match(f"{LAST_YEAR}-12-31")
    assert not pattern.match(f"{FIRST_YEAR - 1}-12-31") and not pattern.match(
        f"{LAST_YEAR + 1}-01-01"
    )


def test_errors_are_json_even_before_the_view(client, data):
    response = client.get(URL, {"q": "a\x00b"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "Förfrågan innehöll ett tecken som inte är tillåtet (NUL)."
    english = client.get(URL, {"q": "a\x00b"}, headers={"accept-language": "en"}).json()
    assert english["error"] == "The request contained a character that is not allowed (NUL)."
    assert client.generic("QUERY", URL).status_code == 405  # not a CSRF 403


@pytest.mark.parametrize(
    "name", ["api_organisations", "api_activities", "api_categories", "api_districts", "api_areas"]
)
def test_every_endpoint_is_open_to_other_sites(client, data, name):
    response = client.get(reverse(f"organisations:{name}"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
