"""The officials' collaboration pages: who may use them, the filters, recording and
changing with payments (bad input beside the field, nothing typed lost), the
association page's section, and constant query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Collaboration, CollaborationForm, GoalArea
from portal.models import AuditEntry
from tests.contacts.factories import make_municipal_coordinator, make_official
from tests.organisations.factories import (
    CategoryFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.partnerships.collaboration_factories import CollaborationFactory, PaymentFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:collaborations")
NEW = reverse("partnerships:collaboration_create")


@pytest.fixture
def department():
    return DepartmentFactory(name="Kultur- och fritidsförvaltningen")


@pytest.fixture
def official(department):
    return make_official(department)


@pytest.fixture
def org():
    return OrganisationFactory(name="Vårby IK")


def _post_data(*, department, org, payments=(), **fields):
    data = {
        "title": "Läxhjälp i Vårby",
        "description": "Tre eftermiddagar i veckan.",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "departments": [department.pk],
        "associations": [org.pk],
        "forms": [CollaborationForm.objects.first().pk],
        "goal_areas": [GoalArea.objects.first().pk],
        "contact_role": "Fritidssamordnare, Vårby",
        "is_public": "on",
        "payments-TOTAL_FORMS": str(max(len(payments), 1)),
        "payments-INITIAL_FORMS": "0",
        "payments-MIN_NUM_FORMS": "0",
        "payments-MAX_NUM_FORMS": "200",
    }
    for index, (year, dept, amount) in enumerate(payments):
        data[f"payments-{index}-year"] = str(year)
        data[f"payments-{index}-department"] = str(dept.pk)
        data[f"payments-{index}-amount"] = amount
    data.update(fields)
    return data


# --- who may use the pages -----------------------------------------------------------


def test_visitors_log_in_and_representatives_are_refused(client, org):
    assert client.get(LIST).status_code == 302
    assert client.get(NEW).status_code == 302
    client.force_login(MembershipFactory(organisation=org).user)
    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403


def test_every_official_lists_every_collaboration(client, department):
    CollaborationFactory(title="Öppen", departments=[department])
    CollaborationFactory(title="Intern", is_public=False, departments=[DepartmentFactory()])
    client.force_login(make_official(DepartmentFactory()))
    page = client.get(LIST).content.decode()
    assert "Öppen" in page and "Intern" in page
    assert "Registrera ett samarbete" in page


def test_the_officials_page_links_to_the_list(client, official):
    client.force_login(official)
    assert LIST in client.get(reverse("officials")).content.decode()


def test_filters(client, official, department, org):
    category = CategoryFactory()
    org.categories.add(category)
    form, area = CollaborationForm.objects.all()[:2]
    wanted = CollaborationFactory(
        title="Sommarlovsaktiviteter",
        departments=[department],
        associations=[org],
        forms=[form],
        goal_areas=[GoalArea.objects.first()],
        starts_on=date(2025, 6, 1),
        ends_on=date(2026, 8, 31),
    )
    other = CollaborationFactory(
        title="Nattvandring",
        departments=[DepartmentFactory()],
        associations=[OrganisationFactory()],
        forms=[area],
        starts_on=date(2027, 1, 1),
        ends_on=None,
    )
    client.force_login(official)
    for query in (
        {"department": department.pk},
        {"association": org.pk},
        {"category": category.pk},
        {"form": form.pk},
        {"goal_area": GoalArea.objects.first().pk},
        {"year": 2025},
        {"q": "sommarlov"},
        {"q": "vårby"},  # an association's name
    ):
        found = list(client.get(LIST, query).context["page"].object_list)
        assert found == [wanted], query
    assert list(client.get(LIST, {"year": 2030}).context["page"].object_list) == [other]


def test_a_filter_that_cannot_be_used_says_so(client, official):
    response = (
        client.get(LIST, {"year": "tjugo", "department": "x"})
        if client.force_login(official) is None
        else None
    )
    assert response.status_code == 200
    assert response.context["filter"].form.errors.keys() == {"year", "department"}


def test_the_list_asks_the_same_queries_however_many(client, official, department):
    client.force_login(official)

    def collaboration():
        return CollaborationFactory(
            departments=[department, DepartmentFactory()],
            associations=[OrganisationFactory(), OrganisationFactory()],
            forms=list(CollaborationForm.objects.all()[:3]),
        )

    collaboration()
    client.get(LIST)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(8):
        collaboration()
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 9
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


# --- one collaboration ------------------------------------------------------------------


def test_detail_public_to_everyone_money_only_to_staff(client, department, official):
    collaboration = CollaborationFactory(departments=[department])
    PaymentFactory(collaboration=collaboration, department=department, amount=Decimal("12500"))
    page = client.get(collaboration.get_absolute_url()).content.decode()
    assert collaboration.title in page
    assert "Utbetalda medel" not in page and "12\xa0500" not in page
    client.force_login(official)
    page = client.get(collaboration.get_absolute_url()).content.decode()
    assert "12\xa0500 kr" in page
    assert reverse("partnerships:collaboration_edit", args=[collaboration.pk]) in page


def test_a_non_public_collaboration_is_seen_by_its_representatives_only(client, org):
    collaboration = CollaborationFactory(is_public=False, associations=[org])
    assert client.get(collaboration.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(collaboration.get_absolute_url()).status_code == 404
    client.force_login(MembershipFactory(organisation=org).user)
    assert client.get(collaboration.get_absolute_url()).status_code == 200


# --- recording and changing -------------------------------------------------------------


def test_an_official_records_a_collaboration_with_payments(client, official, department, org):
    client.force_login(official)
    assert client.get(NEW).status_code == 200
    data = _post_data(
        department=department,
        org=org,
        payments=[(2026, department, "12 500"), (2025, department, "8000,50")],
    )
    response = client.post(NEW, data)
    collaboration = Collaboration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == collaboration.get_absolute_url()
    assert collaboration.created_by == official
    assert list(collaboration.associations.all()) == [org]
    assert dict(collaboration.payments.values_list("year", "amount")) == {
        2026: Decimal("12500"),
        2025: Decimal("8000.50"),
    }
    entry = AuditEntry.objects.get(action="collaboration.created")
    assert entry.actor == official and len(entry.data["payments"]) == 2


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"ends_on": "2025-12-31"}, "ends_on", "kan inte sluta innan det börjar"),
        ({"title": ""}, "title", "Ge samarbetet en rubrik"),
        ({"departments": []}, "departments", "minst en förvaltning"),
    ],
)
def test_bad_input_is_shown_beside_the_field(
    client, official, department, org, change, field, message
):
    client.force_login(official)
    data = _post_data(department=department, org=org, **change)
    response = client.post(NEW, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["description"].value() == "Tre eftermiddagar i veckan."
    assert not Collaboration.objects.exists()


@pytest.mark.parametrize(
    "payments, field, message",
    [
        ([(2026, "own", "-5")], "amount", "Beloppet kan inte vara negativt"),
        ([(2026, "own", "100"), (2026, "own", "200")], "year", "redan en utbetalning"),
        ([(2026, "elsewhere", "100")], "department", "samarbetets förvaltningar"),
        ([(20, "own", "100")], "year", "Ange ett år från 2000"),
        ([(2026, "own", "tusen")], "amount", "Ange beloppet i kronor"),
    ],
)
def test_bad_payments_are_shown_beside_the_field(
    client, official, department, org, payments, field, message
):
    client.force_login(official)
    elsewhere = DepartmentFactory()
    rows = [(y, department if d == "own" else elsewhere, a) for y, d, a in payments]
    response = client.post(NEW, _post_data(department=department, org=org, payments=rows))
    assert response.status_code == 200
    row = response.context["payments"].forms[len(rows) - 1]
    assert message in " ".join(row.errors[field]), row.errors
    assert row["amount"].value() == rows[-1][2]
    assert response.context["form"]["title"].value() == "Läxhjälp i Vårby"
    assert not Collaboration.objects.exists()


def test_an_official_cannot_record_for_other_departments_only(client, official, org):
    client.force_login(official)
    response = client.post(NEW, _post_data(department=DepartmentFactory(), org=org))
    assert "som du arbetar i eller samordnar" in " ".join(
        response.context["form"].errors["departments"]
    )


def test_an_official_changes_payments_and_fields(client, official, department, org):
    collaboration = CollaborationFactory(departments=[department], associations=[org])
    PaymentFactory(collaboration=collaboration, department=department, year=2025, amount=100)
    PaymentFactory(collaboration=collaboration, department=department, year=2026, amount=200)
    url = reverse("partnerships:collaboration_edit", args=[collaboration.pk])
    client.force_login(official)
    page = client.get(url)
    assert page.context["payments"].forms[1]["amount"].value() == Decimal("200.00")
    data = _post_data(
        department=department,
        org=org,
        title="Läxhjälp och läger",
        payments=[(2025, department, "100"), (2026, department, "250")],
    )
    data.update({"payments-TOTAL_FORMS": "3", "payments-INITIAL_FORMS": "2"})
    data["payments-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    collaboration.refresh_from_db()
    assert collaboration.title == "Läxhjälp och läger"
    assert dict(collaboration.payments.values_list("year", "amount")) == {2026: Decimal("250")}
    entry = AuditEntry.objects.get(action="collaboration.updated")
    assert entry.data["changes"]["title"][1] == "Läxhjälp och läger"
    assert {row["year"] for row in entry.data["payments"]} == {2025, 2026}


@pytest.mark.parametrize("who", ["official_elsewhere", "representative"])
def test_wrong_users_may_not_edit(client, department, org, who):
    collaboration = CollaborationFactory(departments=[department], associations=[org])
    url = reverse("partnerships:collaboration_edit", args=[collaboration.pk])
    assert client.get(url).status_code == 302  # visitors log in first
    user = (
        make_official(DepartmentFactory())
        if who == "official_elsewhere"
        else MembershipFactory(organisation=org).user
    )
    client.force_login(user)
    assert client.get(url).status_code == 403
    assert client.post(url, _post_data(department=department, org=org)).status_code == 403
    collaboration.refresh_from_db()
    assert collaboration.title != "Läxhjälp i Vårby"


def test_a_coordinator_edits_any_collaboration(client, org):
    collaboration = CollaborationFactory(departments=[DepartmentFactory()], associations=[org])
    client.force_login(make_municipal_coordinator())
    url = reverse("partnerships:collaboration_edit", args=[collaboration.pk])
    assert client.get(url).status_code == 200


# --- the association's page -------------------------------------------------------------


def _org_page(client, org):
    return client.get(reverse("organisations:detail", args=[org.slug]))


def test_the_association_page_shows_public_ones_to_everyone(client, org, official):
    CollaborationFactory(title="Öppet samarbete", associations=[org])
    CollaborationFactory(title="Internt samarbete", is_public=False, associations=[org])
    page = _org_page(client, org).content.decode()
    assert "Öppet samarbete" in page and "Internt samarbete" not in page
    client.force_login(MembershipFactory(organisation=org).user)
    page = _org_page(client, org).content.decode()
    assert "Öppet samarbete" in page and "Internt samarbete" in page
    client.force_login(official)
    assert "Internt samarbete" in _org_page(client, org).content.decode()


def test_no_section_without_collaborations(client, org):
    assert "collaborations-heading" not in _org_page(client, org).content.decode()


@pytest.mark.parametrize("viewer", ["anonymous", "representative", "official"])
def test_the_association_page_asks_the_same_queries_however_many(client, org, viewer):
    if viewer == "representative":
        client.force_login(MembershipFactory(organisation=org).user)
    if viewer == "official":
        client.force_login(make_official(DepartmentFactory()))
    CollaborationFactory(associations=[org], departments=[DepartmentFactory()])
    _org_page(client, org)
    with CaptureQueriesContext(connection) as one:
        _org_page(client, org)
    for n in range(6):
        CollaborationFactory(
            associations=[org, OrganisationFactory()],
            departments=[DepartmentFactory(), DepartmentFactory()],
            forms=list(CollaborationForm.objects.all()[:2]),
            is_public=bool(n % 2),
        )
    with CaptureQueriesContext(connection) as many:
        _org_page(client, org)
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_the_recorder_is_in_their_data_and_goes_with_their_account(official, department):
    from portal import personal_data

    collaboration = CollaborationFactory(departments=[department], created_by=official)
    exported = personal_data.export_user_data(official)
    assert [row["title"] for row in exported["data"]["partnerships.collaborations_recorded"]] == [
        collaboration.title
    ]
    personal_data.erase_user(official)
    collaboration.refresh_from_db()
    assert collaboration.created_by is None
