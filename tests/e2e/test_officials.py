"""An official logs in and lands on the page for officials, which names her
department's coordinator and the municipal one; the page and the account page
(with its link, and a coordinator's choice to show their address) pass axe-core,
reflow at 320 px and are screenshotted on a phone and a desktop."""

import pytest
from playwright.sync_api import expect

from portal import roles
from portal.services import coordinator_assign
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.portal.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def official(transactional_db):
    culture = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    for department, first, last, email in (
        (culture, "Fredrik", "Förvaltningssamordnare", "fredrik.forvaltningssamordnare@example.se"),
        (None, "Sara", "Samordnare", "sara@example.se"),
    ):
        user = UserFactory(
            first_name=first, last_name=last, email=email, email_shown_to_officials=True
        )
        coordinator_assign(user=user, department=department, by=None)
    return UserFactory(
        email="tove@example.se",
        first_name="Tove",
        last_name="Tjänsteperson",
        roles=[roles.OFFICIAL],
        department=culture,
    )


def check_layout(page, artifacts, name):
    assert_no_serious_violations(page)
    for width, height in ((390, 844), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_official_lands_on_her_page(page, official, artifacts):
    _log_in(page, official.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("För tjänstepersoner")
    department = page.get_by_role("region", name="Samordnare på din förvaltning")
    expect(department.get_by_text("Fredrik Förvaltningssamordnare")).to_be_visible()
    municipal = page.get_by_role("region", name="Kommunövergripande samordnare")
    expect(municipal.get_by_role("link", name="sara@example.se")).to_be_visible()
    check_layout(page, artifacts, "officials")

    page.goto("/konto/")
    page.get_by_role("link", name="Till sidan för tjänstepersoner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("För tjänstepersoner")


def test_an_official_without_a_department_is_told_whom_to_ask(page, official, artifacts):
    official.department = None
    official.save()
    _log_in(page, official.email)
    expect(page.get_by_text("Du är inte kopplad till någon förvaltning")).to_be_visible()
    check_layout(page, artifacts, "officials-no-department")


def test_a_coordinator_chooses_on_the_account_page(page, official, artifacts):
    _log_in(page, "sara@example.se")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt konto")
    expect(page.get_by_label("Visa min e-postadress för tjänstepersoner")).to_be_checked()
    check_layout(page, artifacts, "account-coordinator")
