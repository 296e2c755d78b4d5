"""Open data: only public associations and fields, paging, filters, errors."""

import json
import re

import pytest
from django.urls import reverse

from organisations import search
from organisations.api import DATE
from organisations.models import Category, Organisation
from portal.inputs import FIRST_YEAR, LAST_YEAR

from .factories import ActivityFactory, CategoryFactory, OrganisationFactory

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
    ],
)
def test_bad_parameters(client, data, params, status):
    response = client.get(URL, params)
    assert response.status_code == status
    assert "error" in response.json()


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
    assert set(spec["paths"]) == {"/foreningar/", "/aktiviteter/"}
    assert spec["servers"][0]["url"].endswith("/foreningar/api")


@pytest.mark.parametrize("size", [5, 50])
def test_constant_number_of_queries(client, data, django_assert_max_num_queries, size):
    for _i in range(60):
        OrganisationFactory(categories=[data["sport"]])
    with django_assert_max_num_queries(6):
        body = client.get(URL, {"page_size": size}).json()
    assert len(body["results"]) == size


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
    assert response.json()["error"]
    assert client.generic("QUERY", URL).status_code == 405  # not a CSRF 403
