"""The forums section of an association's page: what each viewer sees, its markup
and a constant number of queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogues.models import Forum
from dialogues.views import organisation_forums
from organisations.models import Membership
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)
from tests.portal.factories import DepartmentFactory

from .factories import ForumFactory, ForumMembershipFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "dialogues/_organisation_forums.html"


def _url(organisation):
    return reverse("organisations:detail", args=[organisation.slug])


@pytest.fixture
def org():
    return OrganisationFactory(name="Skogås Pensionärsförening")


@pytest.fixture
def forums(org):
    return {
        "open": ForumFactory(
            name="Dialogforum för civilsamhället",
            kind=Forum.Kind.OPEN_DIALOGUE,
            cadence_months=6,
            department=DepartmentFactory(name="Kommunstyrelseförvaltningen"),
            organisations=[org],
        ),
        "invited": ForumFactory(
            name="Pensionärsrådet",
            kind=Forum.Kind.COUNCIL,
            audience=Forum.Audience.INVITED,
            cadence_months=3,
            department=None,
            organisations=[org],
        ),
        "internal": ForumFactory(
            name="Referensgrupp för föreningsbidrag",
            kind=Forum.Kind.THEMATIC_DIALOGUE,
            audience=Forum.Audience.INTERNAL,
            organisations=[org],
        ),
        "closed": ForumFactory(name="Gamla rådet", is_active=False, organisations=[org]),
        "elsewhere": ForumFactory(name="Idrottsnätverket"),
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


PUBLIC = ["Dialogforum för civilsamhället", "Pensionärsrådet"]
ALL = [*PUBLIC, "Referensgrupp för föreningsbidrag"]


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
def test_who_sees_which_forums(client, org, forums, viewer, expected):
    user = _viewer(viewer, org)
    if user:
        client.force_login(user)
    response = client.get(_url(org))
    assert response.status_code == 200
    section = dict(response.context["sections"])[TEMPLATE]
    assert [f.name for f in section["forums"]] == expected
    html = response.content.decode()
    for name in ALL:
        assert (name in html) is (name in expected), name
    assert "Gamla rådet" not in html  # no longer active
    assert "Idrottsnätverket" not in html  # the association is not a member


def test_a_participant_of_the_same_internal_forum_sees_it(client, org, forums):
    """The rule is the forum's: a representative of another member association may see
    the internal forum anyway, so it is not hidden on this page either."""
    other = OrganisationFactory()
    ForumMembershipFactory(forum=forums["internal"], organisation=other)
    client.force_login(MembershipFactory(organisation=other).user)
    assert "Referensgrupp för föreningsbidrag" in client.get(_url(org)).content.decode()


def test_markup(client, org, forums):
    client.force_login(MembershipFactory(organisation=org).user)
    html = client.get(_url(org)).content.decode()
    start = html.index('<section aria-labelledby="forums-heading">')
    section = html[start : html.index("</section>", start)]
    assert '<h2 id="forums-heading">Dialogforum och råd</h2>' in section
    assert section.count("<h3") == 3
    assert section.count("<li") == 3
    assert "Öppet dialogforum" in section
    assert "Råd" in section
    assert "Två gånger per år" in section
    assert "Kommunstyrelseförvaltningen" in section
    assert "Hela kommunen" in section  # the council has no department
    assert section.count("Inte publik") == 1  # the internal forum
    assert "style=" not in section and "<script" not in section


def test_no_section_without_forums(client, org):
    ForumFactory(audience=Forum.Audience.INTERNAL, organisations=[org])
    response = client.get(_url(org))
    assert TEMPLATE not in dict(response.context["sections"])
    assert "forums-heading" not in response.content.decode()


def test_section_context_is_one_query(org, forums, django_assert_num_queries):
    request = RequestFactory().get("/")
    for user in (AnonymousUser(), MembershipFactory(organisation=org).user):
        request.user = user
        with django_assert_num_queries(1):
            context = organisation_forums(request, org)
        assert context["forums"]
    request.user = UserFactory(is_superuser=True)
    with django_assert_num_queries(1):
        assert len(organisation_forums(request, org)["forums"]) == 3


@pytest.mark.parametrize("viewer", ["anonymous", "representative", "municipal_coordinator"])
def test_constant_queries(client, org, viewer):
    user = _viewer(viewer, org)
    if user:
        client.force_login(user)
    ForumFactory(audience=Forum.Audience.INTERNAL, organisations=[org])
    ForumFactory(organisations=[org])
    client.get(_url(org))  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(_url(org))
    for _i in range(6):
        ForumFactory(organisations=[org], department=DepartmentFactory())
        ForumFactory(audience=Forum.Audience.INTERNAL, organisations=[org])
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(org))
    assert len(dict(response.context["sections"])[TEMPLATE]["forums"]) >= 7
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]
