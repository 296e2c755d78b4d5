import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from organisations.models import Organisation
from portal.models import AuditEntry
from tests.organisations.factories import (
    ConfirmationRoundFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:organisations_organisation_changelist")


@pytest.fixture(params=["superuser", "municipal_coordinator"])
def staff(request, client):
    if request.param == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True)
    else:
        user = make_municipal_coordinator()
    client.force_login(user)
    return user


@pytest.fixture
def pending():
    org = OrganisationFactory(status=Organisation.Status.PENDING, confirmed_at=None)
    MembershipFactory(organisation=org, role="admin")
    return org


def _action(client, action, orgs, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in orgs], **extra},
    )


def test_changelist_constant_queries(client, staff, django_assert_max_num_queries):
    for _ in range(3):
        OrganisationFactory(districts=[DistrictFactory()])
    with django_assert_max_num_queries(40) as small:
        assert client.get(CHANGELIST).status_code == 200
    for _ in range(12):
        OrganisationFactory(districts=[DistrictFactory()])
    with django_assert_max_num_queries(len(small)):
        response = client.get(CHANGELIST)
    assert response.status_code == 200


def test_changelist_filters_and_search(client, staff):
    unconfirmed = OrganisationFactory(name="Glömda Klubben")
    Organisation.objects.filter(pk=unconfirmed.pk).update(unconfirmed_since="2027-01-01T00:00Z")
    OrganisationFactory(name="Alerta Klubben")
    response = client.get(CHANGELIST, {"unconfirmed": "yes"})
    assert list(response.context["cl"].result_list) == [unconfirmed]
    response = client.get(CHANGELIST, {"q": "Alerta"})
    assert [o.name for o in response.context["cl"].result_list] == ["Alerta Klubben"]


def test_changelist_search_is_the_directorys_swedish_search(client, staff):
    from organisations import search

    sport = OrganisationFactory(name="Flemingsbergs Idrottsförening", email="info@fif.example")
    numbered = OrganisationFactory(name="Vårby Schack", organisation_number="802410-0854")
    OrganisationFactory(name="Konstföreningen Ateljén")
    search.reindex([o.pk for o in Organisation.objects.all()])

    def found(q):
        response = client.get(CHANGELIST, {"q": q, "status__exact": "active"})
        return sorted(o.name for o in response.context["cl"].result_list)

    assert found("idrottsföreningar") == [sport.name]  # stemmed
    assert found("idrott") == [sport.name]  # the head of a compound
    assert found("Flemmingsbergs") == [sport.name]  # misspelled
    assert found("8024100854") == []  # neither a word of a name nor the stored form
    assert found("802410-08") == [numbered.name]  # the admin's substring match stays
    assert found("fif.example") == [sport.name]


def test_approve_with_intermediate_page(client, staff, pending, django_capture_on_commit_callbacks):
    response = _action(client, "approve", [pending])
    assert response.status_code == 200
    assert "admin/organisations/action_reason.html" in [t.name for t in response.templates]
    with django_capture_on_commit_callbacks(execute=True):
        response = _action(client, "approve", [pending], apply="1", reason="Välkomna!")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.ACTIVE
    assert pending.approved_at and pending.confirmed_at
    assert AuditEntry.objects.get(action="organisation.approved").actor == staff
    admin_email = pending.memberships.get().user.email
    assert [m.to for m in mail.outbox] == [[admin_email]]
    assert "Välkomna!" in mail.outbox[0].body


def test_request_changes_needs_a_reason(client, staff, pending, django_capture_on_commit_callbacks):
    response = _action(client, "request_changes", [pending], apply="1", reason="")
    assert response.status_code == 200
    assert response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        _action(client, "request_changes", [pending], apply="1", reason="Stadgar saknas")
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
    assert pending.status_reason == "Stadgar saknas"
    assert "Stadgar saknas" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="organisation.changes_requested").exists()


def test_archive(client, staff, django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _action(client, "archive", [org], apply="1", reason="Föreningen är nedlagd")
    org.refresh_from_db()
    assert org.status == Organisation.Status.ARCHIVED
    assert org.status_reason == "Föreningen är nedlagd"
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert mail.outbox[0].to == [org.email]  # no representatives: the association's address
    assert AuditEntry.objects.filter(action="organisation.archived").exists()


def test_department_coordinator_sees_but_cannot_approve(client, pending):
    client.force_login(make_department_coordinator())
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    action_form = response.context["action_form"]
    assert action_form is None or "approve" not in dict(action_form.fields["action"].choices)
    _action(client, "approve", [pending], apply="1", reason="")
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


def test_other_admin_pages(client, staff):
    ConfirmationRoundFactory()
    for name in ("category", "district", "activityarea", "confirmationround", "activity"):
        assert client.get(reverse(f"admin:organisations_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:organisations_confirmationround_add")).status_code == 200
    org = OrganisationFactory()
    MembershipFactory(organisation=org)
    url = reverse("admin:organisations_organisation_change", args=[org.pk])
    assert client.get(url).status_code == 200


def test_admin_edit_is_audited(client, staff):
    org = OrganisationFactory()
    url = reverse("admin:organisations_organisation_change", args=[org.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    data.update(
        {
            "name": "Nytt namn",
            "categories": [c.pk for c in org.categories.all()],
            "districts": [],
            "areas": [],
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    for key in ("has_staff", "is_public", "contact_is_public", "needs_administrator"):
        if not data.get(key):
            data.pop(key, None)
    for key in ("seeks_collaboration", "offers_premises", "offers_volunteers", "offers_knowledge"):
        data.pop(key, None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert AuditEntry.objects.filter(action="organisation.admin_changed").exists()


def test_export_links_on_the_changelist(client, staff):
    content = client.get(CHANGELIST, {"status__exact": "pending"}).content.decode()
    for file_format in ("csv", "xlsx"):
        url = reverse("admin:organisations_organisation_export", args=[file_format])
        assert f'href="{url}?status__exact=pending"' in content
