"""An association's page in each of its states, for each role (the grid of
tests/organisations/rules/): its representatives and the coordinators see it while
it awaits approval, has changes asked for or is archived, with a banner saying what
that means and what happens next; everyone else gets a 404, as for a page that
does not exist."""

import pytest
from django.urls import reverse

from organisations.models import Organisation
from tests.organisations.factories import ROLES, organisation_in_state, user_in_role

pytestmark = pytest.mark.django_db

REASON = "Skicka med stadgarna, tack."
STATES = ("pending", "changes_asked", "active", "private", "archived")
INSIDERS = {"editor", "admin", "department_coordinator", "municipal_coordinator"}
BANNERS = {
    "pending": "Väntar på godkännande",
    "changes_asked": "Ändringar begärda",
    "archived": "Arkiverad",
}


def _organisation(state):
    if state == "changes_asked":
        organisation = organisation_in_state("pending")
        Organisation.objects.filter(pk=organisation.pk).update(status_reason=REASON)
        organisation.refresh_from_db()
        return organisation
    return organisation_in_state(state)


def _page(client, role, state):
    organisation = _organisation(state)
    user = user_in_role(role, organisation)
    if user.is_authenticated:
        client.force_login(user)
    return organisation, client.get(reverse("organisations:detail", args=[organisation.slug]))


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_page(client, role, state):
    _organisation, response = _page(client, role, state)
    sees = state == "active" or role in INSIDERS
    assert response.status_code == (200 if sees else 404)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", sorted(INSIDERS))
def test_the_banner_says_what_the_state_means(client, role, state):
    organisation, response = _page(client, role, state)
    html = response.content.decode()
    banner = BANNERS.get(state)
    if banner is None:
        assert 'class="notice notice--warning org-status"' not in html
        return
    assert f'<h2 id="status-title" class="org-status__title">{banner}</h2>' in html
    if state == "pending":
        assert "En samordnare på kommunen granskar registreringen." in html
        assert "Du får ett mejl när den är godkänd" in html
        assert "du kan ändra uppgifterna under tiden" in html
    if state == "changes_asked":
        assert REASON in html
        assert "så går samordnaren igenom registreringen igen" in html
    if state == "archived":
        assert "Nedlagd" in html  # the reason it was archived
        assert "om den ska återställas" in html
    edit = reverse("organisations:edit", args=[organisation.slug])
    may_change = state != "archived" and role in ("editor", "admin", "municipal_coordinator")
    assert (edit in html) is may_change
    admin = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    assert (admin in html) is (role == "municipal_coordinator" and state != "archived")


def test_the_public_never_sees_why(client):
    organisation = _organisation("changes_asked")
    Organisation.objects.filter(pk=organisation.pk).update(status=Organisation.Status.ACTIVE)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert REASON not in html and 'id="status-title"' not in html
