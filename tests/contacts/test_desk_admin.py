"""The contact paths on the coordinators' desk and in the admin: paths not
reviewed for a year for those in charge of them; a department coordinator sees
and changes only their department's; every admin save is audited, reindexed and
counts as a review."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal import desk
from portal.contacts import search
from portal.contacts.models import ContactPath
from portal.models import AuditEntry
from tests.contacts.factories import (
    ContactPathFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
LABEL = "Inte granskad på ett år"


def items(html) -> dict[str, int]:
    pairs = re.findall(
        r'desk-item__count">(\d+)</span>\s*<span class="desk-item__label">([^<]+)<', html
    )
    return {label: int(count) for count, label in pairs}


@pytest.fixture
def departments():
    culture, social = DepartmentFactory(name="Kultur"), DepartmentFactory(name="Social")
    for department, titles in ((culture, ["Gammal A", "Ny A"]), (social, ["Gammal B"])):
        for title in titles:
            path = ContactPathFactory(title=title, department=department)
            if title.startswith("Gammal"):
                ago = timezone.now() - timedelta(days=400 if department == culture else 500)
                ContactPath.objects.filter(pk=path.pk).update(reviewed_at=ago)
    return culture, social


def test_the_panel_is_registered():
    assert desk.registered_panels()["contacts"].permission == "contacts.add_contactpath"


def test_coordinators_see_the_paths_they_are_in_charge_of(client, departments):
    culture, _social = departments
    client.force_login(make_municipal_coordinator())
    html = client.get("/skrivbord/").content.decode()
    assert items(html)[LABEL] == 2
    assert html.index("Gammal B") < html.index("Gammal A")  # the oldest first
    client.force_login(make_department_coordinator(culture))
    html = client.get("/skrivbord/").content.decode()
    assert items(html)[LABEL] == 1  # beside other apps' panels
    assert "Gammal B" not in html


def test_the_count_links_to_the_admin_list_of_exactly_those(client, departments):
    culture, _social = departments
    for user, count in (
        (make_municipal_coordinator(), 2),
        (make_department_coordinator(culture), 1),
    ):
        client.force_login(user)
        html = client.get("/skrivbord/").content.decode()
        link = re.search(r'class="desk-item__link" href="([^"]*contactpath[^"]*)"', html).group(1)
        page = client.get(link.replace("&amp;", "&"))
        assert page.status_code == 200
        assert page.context["cl"].result_count == count


def test_the_desk_s_queries_do_not_grow_with_the_paths(
    client, departments, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_municipal_coordinator())
    client.get("/skrivbord/")
    with CaptureQueriesContext(connection) as few:
        client.get("/skrivbord/")
    for n in range(10):
        path = ContactPathFactory(title=f"Till {n}")
        ContactPath.objects.filter(pk=path.pk).update(
            reviewed_at=timezone.now() - timedelta(days=900)
        )
    with django_assert_num_queries(len(few)):
        client.get("/skrivbord/")


def test_a_department_coordinator_changes_only_their_department_s_paths_in_the_admin(
    client, departments
):
    culture, social = departments
    client.force_login(make_department_coordinator(culture))
    listing = client.get(reverse("admin:contacts_contactpath_changelist")).content.decode()
    assert "Gammal A" in listing and "Gammal B" not in listing
    other = ContactPath.objects.get(title="Gammal B")
    response = client.get(reverse("admin:contacts_contactpath_change", args=[other.pk]))
    assert response.status_code in (302, 403, 404)
    add = client.get(reverse("admin:contacts_contactpath_add")).content.decode()
    assert ">Kultur<" in add and ">Social<" not in add


def test_an_admin_save_is_audited_reindexed_and_a_review(client, departments):
    culture, _social = departments
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    path = ContactPath.objects.get(title="Gammal A")
    url = reverse("admin:contacts_contactpath_change", args=[path.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        title="Fritidsgårdar och lokaler",
        topics=[t.pk for t in path.topics.all()],
        is_published="on",
        person_is_public="",
    )
    data = {k: v for k, v in data.items() if v not in (False, "")}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    path.refresh_from_db()
    assert path.title == "Fritidsgårdar och lokaler"
    assert not path.is_review_due() and path.reviewed_by == coordinator
    entry = AuditEntry.objects.get(action="contact_path.admin_changed")
    assert entry.data["changes"]["title"] == ["Gammal A", "Fritidsgårdar och lokaler"]
    titles = search.search_paths(ContactPath.objects.all(), "fritidsgård").values_list(
        "title", flat=True
    )
    assert list(titles) == ["Fritidsgårdar och lokaler"]


def test_the_admin_action_marks_reviewed(client, departments):
    client.force_login(make_municipal_coordinator())
    due = ContactPath.objects.review_due(timezone.localdate())
    ids = [str(pk) for pk in due.values_list("pk", flat=True)]
    response = client.post(
        reverse("admin:contacts_contactpath_changelist"),
        {"action": "mark_reviewed", "_selected_action": ids},
    )
    assert response.status_code == 302
    assert not due.exists()
    assert AuditEntry.objects.filter(action="contact_path.reviewed").count() == 2
