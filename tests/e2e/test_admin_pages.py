"""The admin's main pages as a municipal coordinator meets them: axe-core finds
no serious or critical violation, the association list fits 1280 px, and each
page is screenshotted on a desktop and a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisations.models import Organisation, SearchSynonymGroup
from organisations.services import organisation_approve
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import (
    ActivityFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def register(coordinator):
    districts = [DistrictFactory(name=n) for n in ("Flemingsberg", "Skogås", "Trångsund")]
    for n in range(12):
        OrganisationFactory(
            name=f"Idrottsföreningen Flemingsbergs Ungdomsklubb nummer {n}",
            districts=districts,
        )
    pending = OrganisationFactory(
        name="Skogås Schackklubb",
        status=Organisation.Status.PENDING,
        approved_at=None,
        created_at=timezone.now() - timedelta(days=4),
    )
    MembershipFactory(organisation=pending)
    organisation_approve(organisation=OrganisationFactory(status="pending"), by=coordinator)
    ActivityFactory(organisation=pending)
    SearchSynonymGroup.objects.create(words=["ridning", "ridskola"], abbreviations=["RF"])
    return pending


def _pages(pending):
    org = f"/admin/organisations/organisation/{pending.pk}"
    return {
        "admin-index": "/admin/",
        "admin-organisations": "/admin/organisations/organisation/",
        "admin-organisation": f"{org}/change/",
        "admin-organisation-history": f"{org}/history/",
        "admin-organisation-archive": f"{org}/beslut/archive/",
        "admin-activities": "/admin/organisations/activity/",
        "admin-audit": "/admin/portal/auditentry/",
        "admin-reminders": "/admin/portal/reminderdelivery/",
        "admin-rounds": "/admin/organisations/confirmationround/",
        "admin-synonyms": "/admin/organisations/searchsynonymgroup/",
        "admin-synonym-add": "/admin/organisations/searchsynonymgroup/add/",
    }


def test_admin_pages_pass_axe(page, coordinator, register, artifacts):
    _log_in(page, coordinator.email)
    for name, path in _pages(register).items():
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert page.locator("#content").count() == 1, path
        assert_no_serious_violations(page)
        page.screenshot(path=artifacts / f"{name}-1280.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=artifacts / f"{name}-390.png", full_page=True)


def test_association_list_fits_1280(page, coordinator, register):
    _log_in(page, coordinator.email)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/organisations/organisation/")
    expect(page.locator("#result_list")).to_be_visible()
    overflow = page.evaluate(
        "() => { const r = document.querySelector('#changelist .results');"
        " return r.scrollWidth - r.clientWidth; }"
    )
    assert overflow <= 0, f"the list scrolls {overflow}px sideways"
    for heading in ("Namn", "Status", "Kommundelar", "Bekräftad", "Behöver åtgärd"):
        expect(page.locator("#result_list thead").get_by_text(heading)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
