"""A survey's results in the browser: reached from the survey's page, axe clean
on a phone and a desktop, reflowing at 320 px, the filters reached and used by
keyboard, and the print layout without the filters and buttons."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_reflow import problems_here
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import make_municipal_coordinator
from tests.surveys.results_factories import answered_survey

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def answers(n: int) -> list[dict]:
    return [
        {
            "samverkar": "Ja" if i % 2 else "Nej",
            "former": ["Möten", "Projekt"][: 1 + i % 2],
            "nojd": 1 + i % 5,
            "medlemmar": 20 + 7 * i,
            "bidrag": 5000 * (i % 4),
            "anstallda": 10 * (i % 10),
            "synpunkter": f"Synpunkt nummer {i}: dialogen med förvaltningen har blivit bättre.",
            "matris": {("Idrott", "Dialog"): i % 4, ("Kultur", "Bidrag"): 1 + i % 3},
        }
        for i in range(n)
    ]


def test_the_results_page_on_a_phone_and_a_desktop(page, artifacts):
    coordinator = make_municipal_coordinator(email="samordnare@example.se")
    survey = answered_survey(
        [("Idrottsförening", "Vivalla", 12), ("Kulturförening", "Brickebacken", 10)],
        answers(22),
        by=coordinator,
        title="Civilsamhällets syn på samverkan 2026",
    )
    _log_in(page, coordinator.email)
    page.set_viewport_size(PHONE)
    page.goto(survey.get_absolute_url())
    page.get_by_role("link", name="Se resultaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Resultat: Civilsamhällets syn på samverkan 2026"
    )
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()  # the script ran
    expect(page.get_by_role("img", name="Diagram: Samverkar ni med kommunen?")).to_be_visible()
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-results-phone.png"), full_page=True)

    # The filters by keyboard: from the link back to the survey, the next stop.
    page.get_by_role("main").get_by_role("link", name=survey.title).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "id_category"
    page.get_by_label("Dela upp valen efter").select_option(label="Stadsdel")
    page.get_by_role("button", name="Visa resultaten").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Per grupp (antal som valde varje alternativ)").first).to_be_visible()
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-results-breakdown-phone.png"), full_page=True)

    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(artifacts / "survey-results-desktop.png"), full_page=True)

    page.set_viewport_size(NARROW)
    wrong = problems_here(page)
    assert wrong == [], "\n".join(wrong)

    page.emulate_media(media="print")
    expect(page.locator(".results-filters")).to_be_hidden()
    expect(page.get_by_role("button", name="Skriv ut")).to_be_hidden()
    expect(page.get_by_role("img", name="Diagram: Samverkar ni med kommunen?")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(artifacts / "survey-results-print.png"), full_page=True)


def test_a_small_group_says_why_it_is_not_shown(page, artifacts):
    coordinator = make_municipal_coordinator(email="samordnare@example.se")
    survey = answered_survey(
        [("Idrottsförening", "Vivalla", 8), ("Kulturförening", "Brickebacken", 2)],
        answers(10),
        by=coordinator,
    )
    _log_in(page, coordinator.email)
    page.set_viewport_size(PHONE)
    page.goto(survey.get_absolute_url() + "resultat/")
    page.get_by_label("Stadsdel", exact=True).select_option(label="Brickebacken")
    page.get_by_role("button", name="Visa resultaten").click()
    expect(page.get_by_text("gruppen har färre än 5 svar")).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-results-protected-phone.png"), full_page=True)


def test_a_combination_a_few_short_of_one_filter_says_why(page, artifacts):
    """Idrottsförening (20) and Idrottsförening in Vivalla (17) are each large
    enough, but their difference is the 3 outside Vivalla."""
    coordinator = make_municipal_coordinator(email="samordnare@example.se")
    survey = answered_survey(
        [
            ("Idrottsförening", "Vivalla", 17),
            ("Idrottsförening", "Brickebacken", 3),
            ("Kulturförening", "Vivalla", 10),
            ("Kulturförening", "Brickebacken", 10),
        ],
        answers(40),
        by=coordinator,
    )
    _log_in(page, coordinator.email)
    page.set_viewport_size(PHONE)
    page.goto(survey.get_absolute_url() + "resultat/")
    page.get_by_label("Föreningskategori").select_option(label="Idrottsförening")
    page.get_by_label("Stadsdel", exact=True).select_option(label="Vivalla")
    page.get_by_role("button", name="Visa resultaten").click()
    reason = "skiljer sig med färre än 5 svar från ”Idrottsförening”"
    expect(page.get_by_text(reason)).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)
    expect(page.get_by_role("link", name="Ladda ner som CSV")).to_have_count(0)
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-results-narrowed-phone.png"), full_page=True)
