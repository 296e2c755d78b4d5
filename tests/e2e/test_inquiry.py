"""En väg in in the browser: from the home page a visitor sends an idea without an
account and gets the reference and the private link; a coordinator assigns it and
answers; the sender reads the answer through the link and writes back. Every page
passes axe-core and is screenshotted on a phone and a desktop."""

import re

import pytest
from playwright.sync_api import expect

from portal.inquiries.models import Inquiry, InquiryMessage, Topic
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.inquiries.factories import DepartmentFactory, make_official
from tests.organisations.factories import DistrictFactory

pytestmark = pytest.mark.e2e
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def shoot(page, artifacts, name):
    assert_no_serious_violations(page)
    for device, size in SIZES.items():
        page.set_viewport_size(size)
        page.screenshot(path=str(artifacts / f"inquiry-{name}-{device}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def test_send_an_idea_follow_it_and_write_back(browser, live_server, coordinator, artifacts):
    Topic.objects.create(name="Lokaler", name_en="Premises", slug="lokaler")
    DistrictFactory(name="Flemingsberg")
    department = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    make_official(department, first_name="Tove", last_name="Tjänsteperson")

    # 1. A visitor, without an account, from the home page.
    visitor = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = visitor.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="En väg in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("En väg in")
    shoot(page, artifacts, "form")
    page.get_by_label("En idé om samverkan").check()
    page.get_by_role("checkbox", name="Lokaler").check()
    page.get_by_label("Flemingsberg").check()
    page.get_by_label("Rubrik").fill("Läxhjälp på biblioteket")
    page.get_by_label("Meddelande").fill("Vi vill ordna läxhjälp två kvällar i veckan.")
    page.get_by_label("Ditt namn").fill("Amina Berg")
    page.get_by_label("Din e-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Skicka", exact=True).click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Rubrik")).to_have_value("Läxhjälp på biblioteket")
    shoot(page, artifacts, "form-errors")
    page.get_by_label("Din e-postadress").fill("amina@example.se")
    page.get_by_role("button", name="Skicka", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt ärende har skickats")
    reference = page.locator(".inquiry-reference").inner_text()
    assert re.fullmatch(r"EVI-\d{4}-00001", reference)
    link = page.locator(".inquiry-link a").get_attribute("href")
    shoot(page, artifacts, "receipt")

    # 2. A municipal coordinator finds it, assigns it and answers.
    desk = browser.new_context(base_url=live_server.url, locale="sv-SE")
    staff = desk.new_page()
    staff.set_default_timeout(15_000)
    _log_in(staff, coordinator.email)
    staff.goto("/en-vag-in/arenden/?status=received")
    shoot(staff, artifacts, "list")
    staff.get_by_role("link", name=reference).click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text(reference)
    expect(staff.get_by_text("amina@example.se")).to_be_visible()
    staff.locator("#id_department").select_option(label="Kultur- och fritidsförvaltningen")
    staff.locator("#id_reason").fill("Kultur- och fritid har hand om bibliotekets lokaler.")
    staff.get_by_role("button", name="Tilldela").click()
    expect(staff.locator(".message--success")).to_be_visible()
    staff.locator("#id_body").first.fill("Hej Amina! Biblioteket har ett rum ni kan låna.")
    staff.get_by_role("button", name="Skicka till avsändaren").click()
    expect(staff.locator(".message--success")).to_be_visible()
    shoot(staff, artifacts, "case")
    staff.goto("/skrivbord/")
    expect(staff.get_by_role("heading", name="En väg in")).to_be_visible()
    shoot(staff, artifacts, "desk")
    staff.get_by_role("link", name=re.compile("hur snabbt vi svarar")).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Hur snabbt vi svarar")
    expect(staff.locator("svg[role=img]")).to_be_visible()
    shoot(staff, artifacts, "statistics")
    desk.close()

    # 3. The sender reads the answer through the private link and writes back.
    page.goto(link)
    expect(page.get_by_text("Biblioteket har ett rum ni kan låna.")).to_be_visible()
    expect(page.get_by_text("Kultur- och fritidsförvaltningen").first).to_be_visible()
    expect(page.locator('[aria-current="step"]')).to_have_text("I dialog")
    shoot(page, artifacts, "follow")
    page.get_by_label("Meddelande").fill("Tack! Tisdagar och torsdagar passar oss.")
    page.get_by_role("button", name="Skicka meddelandet").click()
    expect(page.get_by_text("Tisdagar och torsdagar passar oss.")).to_be_visible()
    visitor.close()

    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.DIALOGUE and inquiry.department == department
    assert inquiry.messages.filter(kind=InquiryMessage.Kind.FROM_SENDER).count() == 1
