"""Keyboard, language switch, accessibility (axe-core) and screenshots in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.conftest import make_user

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-passphrase-123"


def assert_no_serious_violations(page):
    results = Axe().run(page)
    serious = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    if serious:
        print(results.generate_report())  # noqa: T201 - shown when the test fails
    assert not serious, [f"{v['id']}: {v['help']}" for v in serious]


def log_in(page, email="person@example.se"):
    make_user(get_user_model(), email)
    page.goto("/accounts/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt konto")


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.textContent]"
    )
    assert focused == ["skip-link", "Hoppa till innehållet"]
    expect(page.locator(".skip-link")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_language_switch_to_english_and_back(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav = page.get_by_role("navigation", name="Main menu")
    expect(nav.get_by_role("link", name="Association register").last).to_be_visible()
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_menu_collapses_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    link = nav.get_by_role("link", name="Dialogforum")
    expect(link.first).to_be_hidden()
    nav.get_by_text("Meny").click()
    expect(link.first).to_be_visible()


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/sida/tillganglighet/", "/en-vag-in/"]
)
def test_no_serious_accessibility_violations(page, path):
    page.goto(path)
    assert_no_serious_violations(page)


def test_no_serious_accessibility_violations_with_form_errors(page):
    page.goto("/accounts/login/")
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_serious_violations(page)


def test_account_pages_are_accessible(page):
    log_in(page)
    assert_no_serious_violations(page)
    page.goto("/konto/radera/")
    assert_no_serious_violations(page)


def test_screenshots(page, artifacts):
    for name, size in [("phone", (390, 844)), ("desktop", (1280, 900))]:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto("/")
        page.screenshot(path=str(artifacts / f"home-{name}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.get_by_text("Meny").click()
    page.screenshot(path=str(artifacts / "home-phone-menu.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/accounts/login/")
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    page.screenshot(path=str(artifacts / "login-errors-desktop.png"), full_page=True)
    log_in(page)
    page.screenshot(path=str(artifacts / "account-desktop.png"), full_page=True)
