"""The audit log as coordinators read it: translated action labels, details as
readable rows, local times, only the domain's object types, and each object's
history in the admin from the audit log."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from organisations.models import Organisation
from organisations.services import organisation_approve
from portal import audit_display
from portal.audit import audit_log
from portal.models import AuditEntry
from tests.organisations.factories import OrganisationFactory, make_municipal_coordinator

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
APPS = ("portal", "organisations", "dialogues", "partnerships", "surveys")
ACTION = re.compile(r"""action=["']([a-z_]+\.[a-z_]+)["']""")


def written_actions() -> set[str]:
    codes = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            codes.update(ACTION.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_action_the_code_writes_has_a_label():
    codes = written_actions()
    assert "organisation.approved" in codes  # the scan finds them
    unlabelled = sorted(c for c in codes if audit_display.action_label(c) == c)
    assert not unlabelled, f"register a label with audit_display.register_actions: {unlabelled}"


def test_admin_saves_get_a_generic_label():
    assert str(audit_display.action_label("forum.admin_changed")) == "Ändrad i administrationen"


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


def test_list_and_entry_show_labels_local_time_and_readable_details(client, coordinator):
    org = OrganisationFactory(name="Vivalla IF")
    entry = audit_log(
        actor=coordinator,
        action="organisation.updated",
        target=org,
        data={"changes": {"name": ["Vivala IF", "Vivalla IF"], "contact_email": None}},
    )
    older = audit_log(
        actor=coordinator, action="organisation.updated", target=org, data={"fields": ["name"]}
    )
    entry.refresh_from_db()  # the database sets the time
    local = timezone.localtime(entry.created_at)
    utc = entry.created_at.astimezone(dt.UTC)
    listing = client.get("/admin/portal/auditentry/").content.decode()
    assert "Uppgifter uppdaterade" in listing
    assert ">organisation.updated<" not in listing

    page = client.get(f"/admin/portal/auditentry/{entry.pk}/change/").content.decode()
    assert f"{local:%Y-%m-%d %H:%M}" in page  # Stockholm time, in the title too
    assert f"{utc:%Y-%m-%d %H:%M}" not in page
    older_page = client.get(f"/admin/portal/auditentry/{older.pk}/change/").content.decode()
    assert "<dt>Ändrade fält</dt><dd>Namn</dd>" in older_page
    assert "<dt>Namn</dt><dd>Vivala IF → Vivalla IF</dd>" in page
    assert "<dt>Kontaktpersonens e-post</dt><dd>ändrad</dd>" in page
    assert "{&quot;" not in page and '{"fields"' not in page  # no raw JSON


def test_object_type_filter_lists_only_the_domains_models(client, coordinator):
    response = client.get("/admin/portal/auditentry/")
    choices = [str(c[1]) for c in response.context["cl"].filter_specs[1].lookup_choices]
    assert "Föreningar" in choices
    assert not any(word in " ".join(choices).lower() for word in ("session", "innehållstyp"))
    assert "Sökord" not in choices
    session_type = ContentType.objects.get(app_label="sessions")
    assert session_type.pk not in [
        c[0] for c in response.context["cl"].filter_specs[1].lookup_choices
    ]


def test_action_filter_by_label(client, coordinator):
    org = OrganisationFactory(status=Organisation.Status.PENDING, approved_at=None)
    organisation_approve(organisation=org, by=coordinator)
    audit_log(actor=None, action="organisation.confirmed", target=org)
    response = client.get("/admin/portal/auditentry/?action=organisation.approved")
    assert [e.action for e in response.context["cl"].result_list] == ["organisation.approved"]
    assert ("organisation.approved", "Föreningen godkänd") in [
        (code, str(label)) for code, label in response.context["cl"].filter_specs[0].lookup_choices
    ]


def test_an_associations_history_is_its_audit_log(client, coordinator):
    org = OrganisationFactory(status=Organisation.Status.PENDING, approved_at=None)
    organisation_approve(organisation=org, by=coordinator, message="Välkomna")
    other = OrganisationFactory()
    audit_log(actor=None, action="organisation.confirmed", target=other)
    page = client.get(f"/admin/organisations/organisation/{org.pk}/history/").content.decode()
    assert "Föreningen godkänd" in page
    assert "Välkomna" in page
    assert "Uppgifterna bekräftade" not in page  # another association's entry
    assert AuditEntry.objects.filter(object_id=str(org.pk)).exists()


def test_a_reverse_relation_in_the_details_is_named_by_its_model(client, coordinator):
    """A collaboration's entry holds its ``payments`` (a reverse relation, which has no
    verbose_name): the history page gave a 500, found by the form fuzzer (tests/fuzz)."""
    org = OrganisationFactory()
    audit_log(actor=None, action="organisation.confirmed", target=org, data={"memberships": []})
    response = client.get(f"/admin/organisations/organisation/{org.pk}/history/")
    assert response.status_code == 200
    assert "Representanter" in response.content.decode()


def test_history_of_an_object_without_entries_says_so(client, coordinator):
    org = OrganisationFactory()
    page = client.get(f"/admin/organisations/organisation/{org.pk}/history/").content.decode()
    assert "Ändringsloggen har inga händelser för det här objektet." in page


def test_an_edit_records_old_and_new_values_but_no_persons_data(client, coordinator):
    from organisations.services import organisation_update

    org = OrganisationFactory(name="Vivala IF", legal_form="ideell_forening")
    organisation_update(
        organisation=org,
        by=coordinator,
        changes={
            "name": "Vivalla IF",
            "legal_form": "ekonomisk_forening",
            "contact_name": "Anna Andersson",
            "description": "Ny text",
        },
    )
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.data["changes"] == {
        "name": ["Vivala IF", "Vivalla IF"],
        "legal_form": ["ideell_forening", "ekonomisk_forening"],
        "contact_name": None,
        "description": None,
    }
    assert "Anna Andersson" not in str(entry.data)
    page = client.get(f"/admin/portal/auditentry/{entry.pk}/change/").content.decode()
    assert "<dt>Juridisk form</dt><dd>Ideell förening → Ekonomisk förening</dd>" in page
    assert "<dt>Kontaktperson</dt><dd>ändrad</dd>" in page


def test_an_admin_save_records_the_change(client, coordinator):
    org = OrganisationFactory(name="Gamla namnet")
    url = f"/admin/organisations/organisation/{org.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not hasattr(v, "pk")}
    data.update(
        {
            "name": "Nya namnet",
            "categories": [c.pk for c in org.categories.all()],
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    data.pop("logo", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action="organisation.admin_changed")
    assert entry.data["changes"]["name"] == ["Gamla namnet", "Nya namnet"]
