"""A coordinator reads the yearly confirmation round in the admin: the list shows
each round's progress, the round's page its plan and progress; both pass axe-core
and are screenshotted on a phone and a desktop."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisations import confirmation, services
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import (
    ConfirmationRoundFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def round_(transactional_db):
    """A round that started 20 days ago: three associations asked, one of them
    confirmed before the first reminder."""
    today = timezone.localdate()
    round_ = ConfirmationRoundFactory(
        starts_on=today - timedelta(days=20), deadline=today + timedelta(days=40)
    )
    long_ago = timezone.now() - timedelta(days=400)
    orgs = [
        OrganisationFactory(name=name, confirmed_at=long_ago)
        for name in ("Skogås Schackklubb", "Trångsunds Bridgeklubb", "Huddinge Körsällskap")
    ]
    admin = MembershipFactory(organisation=orgs[0], role="admin").user
    start = timezone.make_aware(datetime.combine(round_.starts_on, time(9)))
    confirmation.yearly_confirmation(start)
    services.organisation_confirm(organisation=orgs[0], by=admin)
    confirmation.yearly_confirmation(start + timedelta(days=14))
    return round_


def test_the_round_shows_its_plan_and_progress(page, coordinator, round_, artifacts):
    _log_in(page, coordinator.email)
    page.goto("/admin/organisations/confirmationround/")
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Pågår")
    expect(row.locator("td.field-asked_count")).to_have_text("3")
    expect(row.locator("td.field-confirmed_count")).to_have_text("1")
    expect(row.locator("td.field-unconfirmed_count")).to_have_text("2")
    assert_no_serious_violations(page)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=artifacts / f"confirmation-rounds-{width}.png", full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    row.locator("th a").click()
    plan = page.locator("ol.confirmation-plan li")
    expect(plan).to_have_count(4)
    expect(plan.nth(0)).to_contain_text("Skickad till 3 föreningar.")
    expect(plan.nth(1)).to_contain_text("Påminnelse, 14 dagar efter starten")
    expect(plan.nth(1)).to_contain_text("Skickad till 2 föreningar.")
    expect(plan.nth(2)).to_contain_text("Planerad.")
    expect(page.locator(".field-created_at .readonly")).to_be_visible()
    expect(page.locator("input[name=created_at]")).to_have_count(0)
    assert_no_serious_violations(page)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=artifacts / f"confirmation-round-{width}.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
