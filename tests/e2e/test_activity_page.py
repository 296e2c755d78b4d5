"""An activity's own page in the browser: a visitor goes from the home page to the
calendar, opens an activity and adds it to their calendar (.ics); a representative
publishes a weekly training and finds it in next week's calendar; the subscribe box's
copy button; axe-core clean on the way, and screenshots to look at."""

from datetime import datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from portal.ical import LOCAL
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_reflow import DESKTOP, PHONE
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import (
    ActivityFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.organisations.ical_text import components

pytestmark = pytest.mark.e2e


def _next(weekday: int, weeks: int = 0):
    today = datetime.now(LOCAL).date()
    return today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def _screenshots(page, artifacts, name):
    for device, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(artifacts / f"{name}-{device}.png"), full_page=True)


def test_a_visitor_finds_an_activity_and_adds_it_to_their_calendar(page, artifacts):
    organisation = OrganisationFactory(name="Vårby Kulturförening")
    starts = datetime.combine(_next(3, 1), time(18, 30), tzinfo=LOCAL)
    ActivityFactory(
        organisation=organisation,
        title="Vårkonsert med kören",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Vårby gårds kyrka",
        district=DistrictFactory(name="Vårby"),
        description="Kören sjunger vårsånger. Fri entré, kaffe i pausen.",
    )
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Kalender"
    ).last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Föreningarnas kalender")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Vårkonsert med kören").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vårkonsert med kören")
    main = page.get_by_role("main")
    expect(main).to_contain_text("18:30–20:30")
    expect(main).to_contain_text("Vårby gårds kyrka, Vårby")
    expect(main.get_by_role("link", name="Vårby Kulturförening")).to_be_visible()
    assert_no_serious_violations(page)
    _screenshots(page, artifacts, "activity-page")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lägg till i min kalender").click()
    download = download_info.value
    assert download.suggested_filename == "varkonsert-med-koren.ics"
    [event] = components(open(download.path(), encoding="utf-8", newline="").read())
    assert event["SUMMARY"][1] == "Vårkonsert med kören"
    assert event["LOCATION"][1] == "Vårby gårds kyrka\\, Vårby"


def test_a_representative_publishes_a_weekly_training_and_sees_it_next_week(page, artifacts):
    organisation = OrganisationFactory(name="Vårby IK")
    representative = UserFactory(email="tranare@varby-ik.example.se")
    MembershipFactory(organisation=organisation, user=representative)
    _log_in(page, representative.email)
    page.goto(f"/foreningar/{organisation.slug}/hantera-aktiviteter/")
    page.get_by_role("link", name="Ny aktivitet").click()

    first = _next(1)  # the coming Tuesday
    page.get_by_label("Rubrik").fill("Träning för alla åldrar")
    page.get_by_label("Börjar").fill(f"{first}T18:00")
    page.get_by_label("Slutar").fill(f"{first}T19:30")
    page.get_by_label("Upprepas", exact=True).select_option("weekly")
    page.get_by_label("Antal gånger").fill("500")
    page.get_by_label("Plats").fill("Vårby idrottshall")
    page.get_by_role("button", name="Spara").click()
    # Thousands of dates: said beside the field, nothing typed lost.
    expect(page.locator("#id_repeat_count_error")).to_contain_text("fler än 104 datum")
    expect(page.get_by_label("Rubrik")).to_have_value("Träning för alla åldrar")
    expect(page.get_by_label("Plats")).to_have_value("Vårby idrottshall")
    assert_no_serious_violations(page)
    page.get_by_label("Antal gånger").fill("")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status").first).to_contain_text("publicerad")
    expect(page.get_by_role("main")).to_contain_text("Varje vecka på tisdagar")

    next_week = _next(1, 1)
    page.goto(f"/foreningar/kalender/?from={next_week}&to={next_week + timedelta(days=6)}")
    item = page.locator(".calendar-item", has_text="Träning för alla åldrar")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("18:00–19:30")
    expect(page.locator(f'time[datetime="{next_week}"]')).to_be_visible()
    assert_no_serious_violations(page)
    _screenshots(page, artifacts, "calendar-next-week")


def test_the_subscribe_box_copies_its_address(page, browser):
    ActivityFactory(organisation=OrganisationFactory())
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/foreningar/kalender/")
    box = page.get_by_role("region", name="Prenumerera på kalendern")
    address = box.get_by_label("Eller kopiera adressen till din kalender")
    expect(address).to_have_attribute("readonly", "")
    assert address.input_value().endswith("/foreningar/kalender.ics")
    expect(box.get_by_role("link", name="Prenumerera i min kalenderapp")).to_have_attribute(
        "href", address.input_value().replace("http://", "webcal://")
    )
    box.get_by_role("button", name="Kopiera").click()
    expect(box.get_by_role("status")).to_have_text("Adressen är kopierad.")
    assert page.evaluate("() => navigator.clipboard.readText()") == address.input_value()
    box.get_by_text("Så prenumererar du i telefonen eller i Outlook").click()
    expect(box).to_contain_text("Lägg till prenumererad kalender")
    assert_no_serious_violations(page)


def test_without_a_script_the_address_is_still_there_to_copy(browser, live_server):
    ActivityFactory(organisation=OrganisationFactory())
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/foreningar/kalender/")
    expect(page.locator("#subscribe-address")).to_be_visible()
    expect(page.get_by_role("button", name="Kopiera")).to_be_hidden()
    context.close()
