"""Collaborations in a real browser: an official finds the collaborations from the
page for officials, records one with a payment (first with an end before the start
and a negative amount, told beside the fields with nothing typed lost), finds it in
the filtered list, and the association's page shows it to a visitor. Axe-clean at a
phone's and a desktop's width; screenshots in test-artifacts/."""

import pytest
from playwright.sync_api import expect

from organisations.models import Organisation
from tests.contacts.factories import make_municipal_coordinator, make_official
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import CategoryFactory, OrganisationFactory
from tests.partnerships.collaboration_factories import CollaborationFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def collaborations(transactional_db):
    culture = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    social = DepartmentFactory(name="Socialförvaltningen")
    sport = CategoryFactory(name="Idrottsförening")
    club = OrganisationFactory(
        name="Vårby IK", status=Organisation.Status.ACTIVE, categories=[sport]
    )
    other = OrganisationFactory(name="Flemingsbergs läxhjälp", status=Organisation.Status.ACTIVE)
    CollaborationFactory(title="Nattvandring i centrum", departments=[social], associations=[other])
    official = make_official(culture, email="tove@kommun.example.se", first_name="Tove")
    return {"culture": culture, "club": club, "official": official}


def check(page, artifacts, name):
    """Axe-clean at both widths, with a screenshot of each."""
    for device, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"collaborations-{name}-{device}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_an_official_records_finds_and_shows_a_collaboration(page, collaborations, artifacts):
    page.set_viewport_size(DESKTOP)
    _log_in(page, collaborations["official"].email)
    page.get_by_role("link", name="För tjänstepersoner").click()
    page.get_by_role("main").get_by_role("link", name="samarbeten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samarbeten")
    expect(page.get_by_role("status")).to_have_text("1 samarbete")
    check(page, artifacts, "list")

    page.get_by_role("link", name="Registrera ett samarbete").click()
    page.get_by_label("Rubrik").fill("Sommarfotboll i Vårby")
    page.get_by_label("Beskrivning").fill("Fotboll tre kvällar i veckan under sommarlovet.")
    page.get_by_label("Startar").fill("2026-06-01")
    page.get_by_label("Slutar").fill("2026-05-01")
    page.locator("#id_departments").get_by_label("Kultur- och fritidsförvaltningen").check()
    page.locator("#id_associations").select_option(label="Vårby IK")
    page.get_by_label("Kontakt på förvaltningen").fill("Fritidssamordnare, Vårby")
    page.locator("#id_forms").get_by_label("Samarrangemang av aktivitet/event").check()
    page.get_by_label("Publik").check()
    page.locator("#id_payments-0-year").fill("2026")
    page.locator("#id_payments-0-department").select_option(
        label="Kultur- och fritidsförvaltningen"
    )
    page.locator("#id_payments-0-amount").fill("-500")
    page.get_by_role("button", name="Registrera").click()

    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_ends_on_error")).to_contain_text("kan inte sluta innan det börjar")
    expect(page.locator("#id_payments-0-amount_error")).to_contain_text("kan inte vara negativt")
    expect(page.get_by_label("Rubrik")).to_have_value("Sommarfotboll i Vårby")
    expect(page.locator("#id_payments-0-amount")).to_have_value("-500")
    check(page, artifacts, "form-errors")

    page.get_by_label("Slutar").fill("2026-08-31")
    page.locator("#id_payments-0-amount").fill("25 000")
    page.get_by_role("button", name="Registrera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sommarfotboll i Vårby")
    expect(page.locator(".collab-payments")).to_contain_text("25 000 kr")
    check(page, artifacts, "detail")

    page.get_by_role("link", name="Samarbeten").first.click()
    page.get_by_label("Förening", exact=True).select_option(label="Vårby IK")
    page.get_by_label("År").fill("2026")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_role("status")).to_have_text("1 samarbete")
    expect(page.locator(".collab-item")).to_contain_text("Sommarfotboll i Vårby")
    check(page, artifacts, "list-filtered")

    page.get_by_role("link", name="Vårby IK").first.click()
    expect(page.locator("#collaborations-heading")).to_be_visible()
    page.context.clear_cookies()  # a visitor sees the public collaboration too
    page.reload()
    section = page.get_by_role("region", name="Samarbeten med kommunen")
    expect(section).to_contain_text("Sommarfotboll i Vårby")
    check(page, artifacts, "association")


def test_the_coordinators_overview(page, collaborations, artifacts):
    CollaborationFactory(
        title="Sommarlovsaktiviteter",
        departments=[collaborations["culture"]],
        associations=[collaborations["club"]],
    )
    coordinator = make_municipal_coordinator(email="samordnare@example.se")
    _log_in(page, coordinator.email)
    page.goto("/skrivbord/")
    page.get_by_role("link", name="Samarbeten som löper ut inom sex månader").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt över samverkan")
    page.get_by_label("År", exact=True).select_option("2026")
    page.get_by_role("button", name="Visa").click()
    expect(page.locator(".collab-matrix")).to_contain_text("Idrottsförening")
    check(page, artifacts, "overview")
