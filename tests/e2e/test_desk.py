"""A coordinator finds the desk from the home page, sees what waits and reaches
the admin's filtered list; the desk and the admin's front page pass axe-core,
reflow at 320 px and are screenshotted on a phone and a desktop."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisations.models import Organisation
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def coordinator(coordinator):
    """The coordinator, with two associations waiting for approval."""
    for days, name in ((9, "Skogås Schackklubb"), (2, "Trångsunds Bridgeklubb")):
        OrganisationFactory(
            name=name,
            status=Organisation.Status.PENDING,
            approved_at=None,
            created_at=timezone.now() - timedelta(days=days),
        )
    return coordinator


def test_from_the_home_page_to_the_filtered_list(page, coordinator, artifacts):
    _log_in(page, coordinator.email)
    page.goto("/")
    page.get_by_role("link", name="Samordnarens skrivbord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samordnarens skrivbord")
    waiting = page.get_by_role("link", name="2 Väntar på godkännande")
    expect(waiting).to_be_visible()
    expect(page.get_by_text("Äldsta: 9 dagar")).to_be_visible()
    assert_no_serious_violations(page)
    for width, height in ((390, 844), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=artifacts / f"desk-{width}.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.set_viewport_size({"width": 1280, "height": 900})
    waiting.click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)


def test_admin_front_page_shows_the_desk(page, coordinator, artifacts):
    _log_in(page, coordinator.email)
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Föreningsregistret").first).to_be_visible()
    expect(page.get_by_role("link", name="Skogås Schackklubb")).to_be_visible()
    assert_no_serious_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=artifacts / "admin-index-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts / "admin-index-390.png", full_page=True)
