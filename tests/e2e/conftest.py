"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser)
against pytest-django's live server, which also serves the static files."""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Module scope: Playwright is stopped before tests outside tests/e2e run in the same
# process, so its event loop never makes Django refuse their ORM calls.
@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("needs Debian's chromium on PATH")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread, so Django would
    # refuse the (synchronous, safe) ORM calls made there by tests and fixtures.
    # Allowed only while the browser runs: left set, it would leak into
    # subprocesses such as `manage.py check --deploy`, which warns about it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def coordinator(transactional_db):
    """A municipal coordinator who can log in (with the factories' password)."""
    from tests.organisations.factories import make_municipal_coordinator

    return make_municipal_coordinator(email="samordnare@example.se")
