"""The pages that keep a pending association's details to itself, and the invitation
that asks for the invited address: usable in a browser, accessible (axe-core), and
screenshotted on a phone and a desktop."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from organisations import services
from organisations.models import Organisation
from tests.conftest import make_user
from tests.e2e.test_layout import assert_no_serious_violations
from tests.organisations.factories import (
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-passphrase-123"
SIZES = [("phone", (390, 844)), ("desktop", (1280, 900))]


def log_in(page, email):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").locator("button[type=submit]").click()
    page.wait_for_load_state()


def shoot(page, artifacts, name):
    for label, (width, height) in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(artifacts / f"{name}-{label}.png"), full_page=True)


def test_asking_to_join_a_pending_match(page, artifacts):
    district = DistrictFactory(name="Vivalla", slug="vivalla")
    pending = OrganisationFactory(
        name="Vivalla Schackklubb",
        districts=[district],
        status=Organisation.Status.PENDING,
        approved_at=None,
    )
    MembershipFactory(organisation=pending, role="admin")
    make_user(get_user_model(), "ny@example.se")
    log_in(page, "ny@example.se")

    page.goto("/foreningar/registrera/")
    page.locator("#id_name").fill("Vivalla schackklubb")
    page.locator("main form button[value=next]").click()
    hint = page.locator(".org-duplicates")
    expect(hint).to_contain_text("visas inte i föreningsregistret")
    expect(hint).not_to_contain_text("Vivalla Schackklubb")
    assert_no_serious_violations(page)
    shoot(page, artifacts, "register-hidden-match")

    hint.get_by_role("link", name="Be att få gå med i den").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Be att få gå med i föreningen")
    assert_no_serious_violations(page)
    shoot(page, artifacts, "join-hidden-match")

    page.get_by_label("Meddelande till föreningen").fill("Jag är kassör.")
    page.get_by_role("button", name="Skicka förfrågan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina föreningar")
    expect(page.get_by_text("Föreningen som stämde med din registrering")).to_be_visible()
    assert_no_serious_violations(page)
    shoot(page, artifacts, "mine-hidden-request")


def test_a_pending_associations_representatives_page(page, artifacts):
    admin = make_user(get_user_model(), "admin@example.se")
    org = OrganisationFactory(status=Organisation.Status.PENDING, approved_at=None)
    MembershipFactory(organisation=org, user=admin, role="admin")
    log_in(page, "admin@example.se")
    page.goto(f"/foreningar/{org.slug}/representanter/")
    expect(page.get_by_text("när en samordnare har godkänt den")).to_be_visible()
    expect(page.get_by_role("button", name="Skicka inbjudan")).to_have_count(0)
    assert_no_serious_violations(page)
    shoot(page, artifacts, "members-pending")


def test_an_invitation_opened_by_another_account(page, artifacts):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org, role="admin").user
    invitation = services.membership_invite(
        organisation=org, by=admin, email="inbjuden@example.se", role="admin"
    )
    make_user(get_user_model(), "annan@example.se")
    log_in(page, "annan@example.se")
    page.goto(f"/foreningar/inbjudan/{invitation.token}/")
    expect(page.get_by_text("Inbjudan skickades till inbjuden@example.se")).to_be_visible()
    assert_no_serious_violations(page)
    shoot(page, artifacts, "invitation-other-address")
    page.get_by_role("button", name="Lägg till inbjuden@example.se i mitt konto").click()
    expect(page.get_by_text("inbjuden@example.se").first).to_be_visible()
    expect(page.get_by_text("men inte bekräftat adressen än")).to_be_visible()
    shoot(page, artifacts, "invitation-address-added")
