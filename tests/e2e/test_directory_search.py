"""The directory's search in a browser: what it also looked for (an abbreviation) and
the best partial matches under their heading, axe-clean and readable at 320 px."""

import pytest
from playwright.sync_api import expect

from organisations import search
from tests.organisations.factories import DistrictFactory, OrganisationFactory
from tests.organisations.synonyms import ensure_starter_set

from .test_layout import assert_no_serious_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def clubs(transactional_db):
    ensure_starter_set()
    varby = DistrictFactory(name="Vårby", slug="varby")
    orgs = [
        OrganisationFactory(name="Stuvsta IF", description="Friidrott och orientering."),
        OrganisationFactory(name="Huddinge Idrottsförening", description="Allidrott."),
        OrganisationFactory(
            name="Vårby Ryttarförening", description="Ridning för unga.", districts=[varby]
        ),
        OrganisationFactory(name="Sjödalens Ridskola", description="Lektioner för alla."),
    ]
    search.reindex([o.pk for o in orgs])


def test_abbreviation_and_partial_matches(page, clubs, artifacts):
    for name, size in [("phone", (390, 844)), ("desktop", (1280, 900))]:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto("/foreningar/?q=IF")
        expect(page.get_by_text("Sökningen tog också med:")).to_contain_text("idrottsförening (IF)")
        expect(page.locator(".register-item")).to_have_count(2)
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"directory-abbreviation-{name}.png"), full_page=True)

        page.goto("/foreningar/")
        search_box = page.get_by_role("searchbox", name="Sök")
        search_box.fill("Vårby ridning tennis")
        search_box.press("Enter")  # the keyboard is enough
        expect(
            page.get_by_role(
                "heading", name="Inga föreningar matchar alla orden. Här är de som matchar flest:"
            )
        ).to_be_visible()
        expect(page.locator(".register-item").first).to_contain_text("Vårby Ryttarförening")
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"directory-partial-{name}.png"), full_page=True)

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/foreningar/?q=V%C3%A5rby+ridning+tennis")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
