"""The page cache in a browser, with real commits (transactional_db): a visitor
served a page another rendered switches language with their own CSRF token, and a
committed change shows on the next load."""

import pytest

from organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_cached_page_switches_language_and_shows_a_change(browser, live_server, page):
    org = OrganisationFactory(name="Vårby Kulturförening")
    page.goto("/foreningar/")  # rendered
    page.reload()  # asked for again: kept
    other = browser.new_context(base_url=live_server.url, locale="sv-SE")
    visitor = other.new_page()
    visitor.goto("/foreningar/")  # from the cache
    assert visitor.locator("html").get_attribute("lang") == "sv"
    visitor.get_by_role("button", name="English").click()
    visitor.wait_for_url("**/foreningar/")
    assert visitor.locator("html").get_attribute("lang") == "en"

    Organisation.objects.filter(pk=org.pk).update(name="Vårby Musikförening")
    page.reload()
    assert page.get_by_role("link", name="Vårby Musikförening").count() == 1
    other.close()
