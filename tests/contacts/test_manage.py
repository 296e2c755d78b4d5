"""The officials' own pages: their departments' paths, publishing, editing and one
click to mark a path reviewed; another department's official gets 403, a visitor
the login page; bad input is explained beside its field with nothing typed lost;
everything is in the audit log."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from portal.contacts.models import ContactPath
from portal.models import AuditEntry
from tests.contacts.factories import (
    ContactPathFactory,
    TopicFactory,
    make_department_coordinator,
    make_official,
)
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
MANAGE = "/hitta-ratt/hantera/"
CREATE = "/hitta-ratt/hantera/ny/"


@pytest.fixture
def department():
    return DepartmentFactory(name="Kultur- och fritidsförvaltningen")


@pytest.fixture
def official(client, department):
    user = make_official(department)
    client.force_login(user)
    return user


def form_data(department, topic, **changes) -> dict:
    data = {
        "title": "Föreningsbidrag",
        "description": "Bidrag till föreningar.",
        "topics": [topic.pk],
        "department": department.pk,
        "role": "Föreningskonsulent",
        "email": "bidrag@kommun.example.se",
        "phone": "08-535 300 10",
        "opening_hours": "Vardagar 9–16",
        "is_published": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def field_error(html: str, field: str) -> str:
    match = re.search(rf'<ul class="field__errors" id="id_{field}_error"><li>([^<]+)</li>', html)
    return unescape(match.group(1)) if match else ""


def test_visitors_are_sent_to_log_in_and_others_refused(client, department):
    path = ContactPathFactory(department=department)
    for url in (MANAGE, CREATE, f"/hitta-ratt/hantera/{path.pk}/redigera/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_official(DepartmentFactory()))
    assert client.get(MANAGE).status_code == 200  # their own (empty) list
    assert client.get(f"/hitta-ratt/hantera/{path.pk}/redigera/").status_code == 403
    response = client.post(f"/hitta-ratt/hantera/{path.pk}/granskad/")
    assert response.status_code == 403


def test_the_list_holds_the_department_s_paths_those_due_first(client, official, department):
    fresh = ContactPathFactory(title="A ny", department=department)
    old = ContactPathFactory(title="B gammal", department=department)
    ContactPath.objects.filter(pk=old.pk).update(reviewed_at=timezone.now() - timedelta(days=400))
    ContactPathFactory(title="Annan förvaltnings")
    html = unescape(client.get(MANAGE).content.decode())
    assert html.index("B gammal") < html.index("A ny")
    assert "Annan förvaltnings" not in html
    assert "1 kontaktväg har inte granskats på ett år" in html
    due_only = unescape(client.get(MANAGE, {"review": "due"}).content.decode())
    assert "B gammal" in due_only and fresh.title not in due_only


def test_an_official_publishes_a_path_that_visitors_find(client, official, department):
    topic = TopicFactory()
    response = client.post(CREATE, form_data(department, topic))
    assert response.status_code == 302 and response["Location"] == MANAGE
    path = ContactPath.objects.get()
    assert path.created_by == official and path.reviewed_by == official
    assert path.department == department and list(path.topics.all()) == [topic]
    entry = AuditEntry.objects.get(action="contact_path.created")
    assert entry.actor == official and entry.object_id == str(path.pk)
    client.logout()
    html = unescape(client.get("/hitta-ratt/", {"q": "föreningsbidraget"}).content.decode())
    assert "Föreningsbidrag" in html


def test_the_form_offers_only_the_departments_in_charge(client, official, department):
    other = DepartmentFactory(name="Socialförvaltningen")
    html = client.get(CREATE).content.decode()
    assert department.name in html and other.name not in html
    response = client.post(CREATE, form_data(other, TopicFactory()))
    assert response.status_code == 200
    assert field_error(response.content.decode(), "department")
    assert not ContactPath.objects.exists()


def test_a_department_coordinator_edits_and_saving_is_a_review(client, department):
    path = ContactPathFactory(department=department)
    ContactPath.objects.filter(pk=path.pk).update(reviewed_at=timezone.now() - timedelta(days=400))
    coordinator = make_department_coordinator(department)
    client.force_login(coordinator)
    topic = path.topics.get()
    data = form_data(department, topic, title="Bidrag till föreningar", role="Handläggare")
    response = client.post(f"/hitta-ratt/hantera/{path.pk}/redigera/", data)
    assert response.status_code == 302
    path.refresh_from_db()
    assert path.title == "Bidrag till föreningar" and path.slug == "bidrag-till-foreningar"
    assert not path.is_review_due() and path.reviewed_by == coordinator
    entry = AuditEntry.objects.get(action="contact_path.updated")
    assert entry.data["changes"]["title"][1] == "Bidrag till föreningar"
    assert entry.data["changes"]["role"] == ["Föreningskonsulent", "Handläggare"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Skriv vad besökare kan få hjälp med."),
        ({"title": "   "}, "title", "Skriv vad besökare kan få hjälp med."),
        ({"email": "inte-en-adress"}, "email", "Fyll i en giltig e-postadress."),
        ({"phone": "ring mig"}, "phone", "Ange ett telefonnummer"),
        ({"phone": "12"}, "phone", "Ange ett telefonnummer"),
        (
            {"person_phone": "+46 8 abc", "person_name": "Anna"},
            "person_phone",
            "Ange ett telefonnummer",
        ),
        ({"person_email": "anna@"}, "person_email", "Fyll i en giltig e-postadress."),
        ({"valid_until": "20260-01-01"}, "valid_until", "Fyll i ett giltigt datum."),
        ({"valid_until": "9999-12-31"}, "valid_until", "Ange ett datum mellan åren 1900 och 2100."),
        ({"valid_until": "2001-05-01"}, "valid_until", "Sista dagen kan inte ha passerat"),
        (
            {"related_page": "javascript:alert(1)"},
            "related_page",
            "Ange en adress som börjar med https://",
        ),
        ({"topics": None}, "topics", "Välj minst ett ämne"),
        (
            {"email": "", "phone": ""},
            "email",
            "Ange en gemensam e-postadress eller ett telefonnummer",
        ),
        ({"person_email": "anna@kommun.example.se"}, "person_name", "Ange vem"),
    ],
)
def test_bad_input_is_explained_beside_its_field_and_nothing_typed_is_lost(
    client, official, department, changes, field, message
):
    data = form_data(department, TopicFactory(), description="Min noga skrivna text.", **changes)
    response = client.post(CREATE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in field_error(html, field), field_error(html, field) or html
    assert "Min noga skrivna text." in html  # what was typed comes back
    typed = changes.get(field)
    if typed and typed.strip():
        assert f'value="{typed}"' in unescape(html) or typed in unescape(html)
    assert not ContactPath.objects.exists()


def test_mark_as_reviewed_is_one_click_and_returns_to_the_list(client, official, department):
    path = ContactPathFactory(department=department)
    ContactPath.objects.filter(pk=path.pk).update(reviewed_at=timezone.now() - timedelta(days=400))
    response = client.post(f"/hitta-ratt/hantera/{path.pk}/granskad/", {"next": MANAGE})
    assert response.status_code == 302 and response["Location"] == MANAGE
    path.refresh_from_db()
    assert not path.is_review_due() and path.reviewed_by == official
    assert AuditEntry.objects.filter(action="contact_path.reviewed", actor=official).count() == 1


def test_the_reminder_s_link_asks_first_and_a_foreign_next_is_ignored(client, official, department):
    path = ContactPathFactory(department=department)
    url = f"/hitta-ratt/hantera/{path.pk}/granskad/"
    html = unescape(client.get(url).content.decode())
    assert "Det stämmer: markera som granskad" in html
    response = client.post(url, {"next": "https://elsewhere.example/"})
    assert response["Location"] == path.get_absolute_url()


def test_the_named_person_may_mark_reviewed_but_not_edit(client, department):
    from tests.portal.factories import UserFactory

    person = UserFactory()
    path = ContactPathFactory(department=department, person=person)
    client.force_login(person)
    assert client.post(f"/hitta-ratt/hantera/{path.pk}/granskad/").status_code == 302
    assert client.get(f"/hitta-ratt/hantera/{path.pk}/redigera/").status_code == 403
    page = unescape(client.get(path.get_absolute_url()).content.decode())
    assert "Markera som granskad" in page and "/redigera/" not in page
