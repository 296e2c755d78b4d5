"""The agreements section of an association's page: what each viewer sees, its
markup and a constant number of queries."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Membership
from partnerships.models import Agreement
from partnerships.views import organisation_agreements
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "partnerships/_organisation_agreements.html"


def _url(organisation):
    return reverse("organisations:detail", args=[organisation.slug])


@pytest.fixture
def org():
    return OrganisationFactory(name="Läxhjälpen Flemingsberg")


@pytest.fixture
def agreements(org):
    return {
        "active": AgreementFactory(
            title="IOP om läxhjälp i Flemingsberg",
            kind=Agreement.Kind.IOP,
            status=Agreement.Status.ACTIVE,
            starts_on=date(2025, 1, 1),
            ends_on=date(2027, 12, 31),
            decision_body="Barn- och utbildningsnämnden",
            decision_date=date(2024, 11, 20),
            case_number="BUN-2024/0312",
            parties=[org],
        ),
        "ended": AgreementFactory(
            title="Projekt Trygg sommar",
            kind=Agreement.Kind.PROJECT,
            status=Agreement.Status.ENDED,
            starts_on=date(2023, 6, 1),
            ends_on=date(2023, 8, 31),
            parties=[org],
        ),
        "preparation": AgreementFactory(
            title="IOP om öppen mötesplats",
            status=Agreement.Status.PREPARATION,
            starts_on=None,
            ends_on=None,
            parties=[org],
        ),
        "idea": AgreementFactory(
            title="Språkcafé som idé",
            status=Agreement.Status.IDEA,
            starts_on=None,
            ends_on=None,
            parties=[org],
        ),
        "elsewhere": AgreementFactory(title="Avtal med någon annan"),
    }


def _viewer(kind, org):
    if kind == "anonymous":
        return None
    if kind == "other_user":
        return UserFactory()
    if kind == "other_representative":
        return MembershipFactory(role=Membership.Role.ADMIN).user
    if kind == "representative":
        return MembershipFactory(organisation=org, role=Membership.Role.EDITOR).user
    if kind == "department_coordinator":
        return make_department_coordinator()
    return make_municipal_coordinator()


PUBLIC = ["IOP om läxhjälp i Flemingsberg", "Projekt Trygg sommar"]
# No start date first (what is being prepared), then the newest term.
ALL = ["IOP om öppen mötesplats", "Språkcafé som idé", *PUBLIC]


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", PUBLIC),
        ("other_user", PUBLIC),
        ("other_representative", PUBLIC),
        ("representative", ALL),
        ("department_coordinator", ALL),
        ("municipal_coordinator", ALL),
    ],
)
def test_who_sees_which_agreements(client, org, agreements, viewer, expected):
    user = _viewer(viewer, org)
    if user:
        client.force_login(user)
    response = client.get(_url(org))
    assert response.status_code == 200
    section = dict(response.context["sections"])[TEMPLATE]
    assert [a.title for a in section["agreements"]] == expected
    html = response.content.decode()
    for title in ALL:
        assert (title in html) is (title in expected), title
    assert "Avtal med någon annan" not in html


def test_a_party_to_the_same_agreement_sees_it_in_preparation(client, org, agreements):
    other = OrganisationFactory()
    AgreementPartyFactory(agreement=agreements["preparation"], organisation=other)
    client.force_login(MembershipFactory(organisation=other).user)
    html = client.get(_url(org)).content.decode()
    assert "IOP om öppen mötesplats" in html
    assert "Språkcafé som idé" not in html


def test_markup(client, org, agreements):
    client.force_login(MembershipFactory(organisation=org).user)
    html = client.get(_url(org)).content.decode()
    start = html.index('<section aria-labelledby="agreements-heading">')
    section = html[start : html.index("</section>", start)]
    assert '<h2 id="agreements-heading">Avtal och partnerskap</h2>' in section
    assert section.count("<h3") == 4
    assert "Idéburet offentligt partnerskap (IOP)" in section
    assert "Aktiv" in section
    assert "Avslutat" in section
    assert '<time datetime="2025-01-01">1 januari 2025</time>' in section
    assert '<time datetime="2027-12-31">31 december 2027</time>' in section
    assert '<time datetime="2024-11-20">20 november 2024</time>, Barn- och utbildningsnämnden' in (
        section
    )
    assert "BUN-2024/0312" in section
    assert section.count("Inte publik") == 2  # the idea and the preparation
    assert "style=" not in section and "<script" not in section


def test_term_without_an_end(client, org):
    AgreementFactory(title="Tills vidare-avtal", ends_on=None, parties=[org])
    html = client.get(_url(org)).content.decode()
    assert "tills vidare" in html


def test_no_section_without_agreements(client, org):
    AgreementFactory(status=Agreement.Status.IDEA, parties=[org])
    response = client.get(_url(org))
    assert TEMPLATE not in dict(response.context["sections"])
    assert "agreements-heading" not in response.content.decode()


def test_section_context_is_one_query(org, agreements, django_assert_num_queries):
    request = RequestFactory().get("/")
    for user in (AnonymousUser(), MembershipFactory(organisation=org).user):
        request.user = user
        with django_assert_num_queries(1):
            context = organisation_agreements(request, org)
        assert context["agreements"]
    request.user = UserFactory(is_superuser=True)
    with django_assert_num_queries(1):
        assert len(organisation_agreements(request, org)["agreements"]) == 4


@pytest.mark.parametrize("viewer", ["anonymous", "representative", "municipal_coordinator"])
def test_constant_queries(client, org, viewer):
    user = _viewer(viewer, org)
    if user:
        client.force_login(user)
    AgreementFactory(parties=[org])
    AgreementFactory(status=Agreement.Status.IDEA, parties=[org])
    client.get(_url(org))  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(_url(org))
    for status in Agreement.Status.values * 2:
        AgreementFactory(status=status, parties=[org, OrganisationFactory()])
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(org))
    assert len(dict(response.context["sections"])[TEMPLATE]["agreements"]) >= 9
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]
