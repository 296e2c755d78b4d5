"""The contact paths in a real browser: the footer, the contact page, the
accessibility statement, the 404 and placeholder pages are axe-clean, fit a phone,
and their links reach the municipality's contact (issue 10)."""

from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from tests.e2e.test_layout import assert_no_serious_violations

pytestmark = pytest.mark.e2e

PAGES = ["/sida/kontakt/", "/sida/tillganglighet/", "/sida/personuppgifter/", "/hitta-ratt/"]


@pytest.fixture(autouse=True)
def site_pages(transactional_db, settings):
    """The pages the migrations create: a transactional test flushes them away."""
    import_module("portal.migrations.0004_site_pages").create_pages(apps, None)
    import_module("portal.migrations.0005_privacy_retention").forwards(apps, None)
    import_module("portal.migrations.0012_contact_pages").forwards(apps, None)
    settings.CONTACT_EMAIL = "kontaktcenter@huddinge.example"
    settings.CONTACT_PHONE = "08-465 004 00"


def right_edges(page) -> list[float]:
    """Where the contact's links and the contact block end, in CSS pixels."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            'a[href^="mailto:"], a[href^="tel:"], #contact-heading, .site-footer p'
        )].map(e => e.getBoundingClientRect().right)"""
    )


@pytest.mark.parametrize("path", [*PAGES, "/finns-inte/"])
def test_contact_pages_are_accessible_and_fit_a_phone(page, path):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(path)
    contact = page.get_by_role("main").get_by_role("link", name="kontaktcenter@huddinge.example")
    expect(contact.first).to_be_visible()
    assert_no_serious_violations(page)
    # The contact (a long address, a phone number) wraps within 320 px (WCAG 1.4.10).
    assert max(right_edges(page)) <= 320


def test_the_footers_contact_leads_to_the_contact_page(page):
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="08-465 004 00")).to_have_attribute(
        "href", "tel:+46846500400"
    )
    footer.get_by_role("link", name="Kontakt", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakt")
    expect(page.get_by_role("heading", name="Kontakta Huddinge kommun")).to_be_visible()


def test_the_statements_report_link_is_a_mail_with_a_subject(page):
    page.goto("/sida/tillganglighet/")
    link = page.get_by_role("main").get_by_role("link", name="kontaktcenter@huddinge.example")
    expect(link.last).to_have_attribute(
        "href",
        "mailto:kontaktcenter@huddinge.example"
        "?subject=Tillg%C3%A4nglighetsproblem%20p%C3%A5%20Samverkansportalen",
    )


def test_screenshots(page, artifacts):
    for name, size in [("phone", (390, 844)), ("desktop", (1280, 900))]:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto("/sida/tillganglighet/")
        page.screenshot(path=str(artifacts / f"statement-{name}.png"), full_page=True)
        page.get_by_role("contentinfo").screenshot(path=str(artifacts / f"footer-{name}.png"))
        page.goto("/sida/kontakt/")
        page.screenshot(path=str(artifacts / f"contact-{name}.png"), full_page=True)
        page.goto("/finns-inte/")
        page.screenshot(path=str(artifacts / f"not-found-{name}.png"), full_page=True)
        page.goto("/hitta-ratt/")
        page.screenshot(path=str(artifacts / f"contact-paths-{name}.png"), full_page=True)
