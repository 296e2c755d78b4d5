"""A coordinator hides an activity from its admin page, with a reason: the button,
the page asking for the reason (axe-core, a phone and a desktop), the calendar
without it, and the association's representative seeing it with the banner."""

import pytest
from playwright.sync_api import expect

from organisations import services
from organisations.models import Activity
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import PASSWORD, _log_in
from tests.organisations.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.e2e
REASON = "Annonsen gäller en privat firmas försäljning, inte föreningens verksamhet."


@pytest.fixture
def activity(transactional_db):
    org = OrganisationFactory(name="Vårby Schackklubb")
    representative = MembershipFactory(organisation=org, role="admin").user
    representative.set_password(PASSWORD)
    representative.save()
    return ActivityFactory(organisation=org, title="Stor rea på schackbräden")


def _shots(page, artifacts, name):
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_coordinator_hides_an_activity_with_a_reason(page, activity, artifacts):
    coordinator = make_municipal_coordinator(email="samordnare@example.se")
    coordinator.set_password(PASSWORD)
    coordinator.save()
    _log_in(page, coordinator.email)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/admin/organisations/activity/{activity.pk}/change/")
    expect(page.get_by_role("button", name="Ställ in med skäl")).to_be_visible()
    assert_no_serious_violations(page)
    _shots(page, artifacts, "admin-activity")

    page.get_by_role("button", name="Dölj med skäl").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dölj aktiviteter")
    expect(page.locator("#content").get_by_text("Stor rea på schackbräden")).to_be_visible()
    reason = page.get_by_label("Skäl (skickas till föreningen, publiceras inte)")
    expect(reason).to_have_attribute("required", "")
    assert_no_serious_violations(page)
    _shots(page, artifacts, "admin-activity-hide")

    reason.fill(REASON)
    page.get_by_role("button", name="Ja, dölj aktiviteten").click()
    expect(page.get_by_text("1 aktivitet dold.")).to_be_visible()
    expect(page.get_by_role("button", name="Visa igen")).to_be_visible()
    assert Activity.objects.get(pk=activity.pk).hidden_reason == REASON

    cancelled = ActivityFactory(organisation=activity.organisation, title="Vårturnering")
    services.activity_cancel_by_coordinator(activity=cancelled, by=coordinator, reason="Stängt")
    page.goto("/foreningar/kalender/")
    expect(page.get_by_role("heading", name="Inställd Vårturnering")).to_be_visible()
    expect(page.get_by_text("Stor rea på schackbräden")).to_have_count(0)
    assert_no_serious_violations(page)
    _shots(page, artifacts, "calendar-cancelled")


def test_the_representative_sees_the_banner(page, activity, artifacts):
    services.activity_hide(activity=activity, by=make_municipal_coordinator(), reason=REASON)
    representative = activity.organisation.memberships.get().user
    _log_in(page, representative.email)
    page.goto("/foreningar/mina-foreningar/")
    page.get_by_role("link", name="Aktiviteter").click()
    expect(page.get_by_text(f"Dold av kommunen: {REASON}")).to_be_visible()
    assert_no_serious_violations(page)
    _shots(page, artifacts, "representative-activities")
