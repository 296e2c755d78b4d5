"""An official takes an agreement from preparation to a decision in the browser: a
decision without who decided is refused beside the field with the date kept, and
the decided agreement then shows its decision to the public. axe-core clean."""

import pytest
from playwright.sync_api import expect

from partnerships.models import Agreement
from tests.contacts.factories import make_official
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.factories import AgreementFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_official_records_the_decision(page):
    department = DepartmentFactory(name="Socialförvaltningen")
    official = make_official(department, email="tove@huddinge-kommun.example.se")
    agreement = AgreementFactory(
        title="IOP om läxhjälp",
        status=Agreement.Status.PREPARATION,
        parties=[OrganisationFactory(name="Läxhjälpen")],
        departments=[department],
    )
    _log_in(page, official.email)
    page.goto(f"/samverkan/avtal/{agreement.pk}/")
    assert_no_serious_violations(page)
    page.get_by_label("Beslutsdatum").fill("2024-11-20")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".field--error")).to_contain_text("Beslutat av")
    expect(page.get_by_label("Beslutsdatum")).to_have_value("2024-11-20")
    assert_no_serious_violations(page)
    page.get_by_label("Beslutat av").fill("Socialnämnden")
    page.get_by_label("Paragraf").fill("§ 112")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".messages")).to_contain_text("offentligt")
    page.context.clear_cookies()
    page.goto(f"/samverkan/avtal/{agreement.pk}/")
    expect(page.locator("main")).to_contain_text("Socialnämnden, § 112")
    assert_no_serious_violations(page)
