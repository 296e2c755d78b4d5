"""The person a contact path names: exported, and erased with their account while
the path keeps its role; the demo's paths for every demo department."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from organisations import demo as organisations_demo
from portal import demo as portal_demo
from portal import personal_data
from portal.contacts import demo
from portal.contacts.models import ContactPath
from portal.management.commands.load_demo import demo_loaders
from portal.models import AuditEntry
from tests.contacts.factories import ContactPathFactory, make_official
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_registered():
    assert {"contacts.named_person", "contacts.edited"} <= set(personal_data.registered())


def test_export_and_erase_keep_the_path_with_its_role(client):
    department = DepartmentFactory()
    person = make_official(department, email="tove@kommun.example.se")
    by_account = ContactPathFactory(
        title="Bidrag",
        department=department,
        person=person,
        person_is_public=True,
        person_phone="08-535 300 12",
        by=person,
    )
    by_address = ContactPathFactory(
        title="Lokaler",
        department=department,
        person_name="Tove T",
        person_email="TOVE@kommun.example.se",
        person_is_public=True,
    )
    other = ContactPathFactory(title="Annat", person_name="Bo", person_is_public=True)
    exported = personal_data.export_user_data(person)["data"]
    assert {row["title"] for row in exported["contacts.named_person"]} == {"Bidrag", "Lokaler"}
    assert exported["contacts.edited"] == [{"title": "Bidrag", "published": True}]
    readable = personal_data.readable_user_data(person)
    assert not readable.unlabelled

    personal_data.erase_user(person)
    for path in (by_account, by_address):
        path.refresh_from_db()
        assert path.role == "Föreningskonsulent" and path.shown_person is None
        assert (path.person, path.person_name, path.person_email, path.person_phone) == (
            None,
            "",
            "",
            "",
        )
        assert not path.person_is_public
    assert ContactPath.objects.get(pk=by_account.pk).created_by is None
    other.refresh_from_db()
    assert other.person_name == "Bo"
    assert AuditEntry.objects.filter(action="contact_path.person_erased").count() == 2
    html = client.get(by_account.get_absolute_url()).content.decode()
    assert "Föreningskonsulent" in html and "tove@" not in html


def test_the_demo_runs_after_the_register_and_the_departments():
    labels = [label for label, _load in demo_loaders()]
    assert labels.index("portal") < labels.index("organisations") < labels.index("contacts")


def test_the_demo_has_paths_for_every_department_and_one_not_reviewed_for_a_year():
    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    assert f"Contact paths: {len(demo.PATHS)} new" in out.getvalue()
    demo.load(io.StringIO())  # twice: nothing new
    assert ContactPath.objects.count() == len(demo.PATHS)
    departments = set(ContactPath.objects.values_list("department__name", flat=True))
    assert departments == set(portal_demo.DEPARTMENTS)
    today = timezone.localdate()
    assert [p.title for p in ContactPath.objects.review_due(today)] == [
        "Idéburet offentligt partnerskap (IOP)"
    ]
    for path in ContactPath.objects.all():
        path.full_clean()
        assert path.role and path.opening_hours and path.topics.exists()
        assert path.search_vector
    named = ContactPath.objects.get(title="Föreningsbidrag och aktivitetsstöd")
    assert named.shown_person["name"] == "Tove Tjänsteperson"
    assert ContactPath.objects.filter(target_groups__isnull=False).distinct().count() >= 6
    stale = ContactPath.objects.get(title__startswith="Idéburet")
    assert stale.reviewed_at < timezone.now() - timedelta(days=365 + 30)  # shown as such
