"""The comparison of two rounds as a coordinator meets it: reached from the survey's
page, axe clean at a phone's and a desktop's width, reflowing at 320 px with each
table scrolling inside its own labelled region that the keyboard reaches."""

import pytest
from playwright.sync_api import expect

from surveys.models import Question
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_reflow import NARROW, problems_here
from tests.e2e.test_register_flow import _log_in
from tests.surveys.compare_factories import answered_rounds

pytestmark = pytest.mark.e2e

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def reflow_problems(page) -> list[str]:
    """test_reflow's check, less the tables that scroll inside their own region (a
    data table may scroll both ways under WCAG 1.4.10); the page itself never does."""
    return [p for p in problems_here(page) if not p.startswith("table.table.compare-table#")]


def reword_and_add(second):
    nojd = second.questions.get(code="nojd")
    nojd.text = "Hur nöjda är ni med kommunens sätt att samverka med civilsamhället i år?"
    nojd.save()
    Question.objects.create(
        survey=second,
        section=second.sections.first(),
        code="lokaler",
        kind=Question.Kind.TEXT,
        text="Vilka lokaler saknar ni?",
        position=30,
    )


def test_the_comparison_from_the_survey_page_on_a_phone_and_a_desktop(page, coordinator, artifacts):
    first, second = answered_rounds(by=coordinator, change=reword_and_add)
    _log_in(page, coordinator.email)
    page.set_viewport_size(SIZES["phone"])
    page.goto(second.get_absolute_url())
    page.get_by_role("link", name="Jämför med förra omgången").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämförelse med förra omgången")
    expect(page.get_by_text("Frågan formulerades om:")).to_be_visible()
    expect(page.get_by_text("+25,0 procentenheter").first).to_be_visible()

    for device, size in SIZES.items():
        page.set_viewport_size(size)
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"survey-compare-{device}.png"), full_page=True)

    page.set_viewport_size(NARROW)
    assert reflow_problems(page) == []
    scrolls = "(el) => el.scrollWidth > el.clientWidth"
    assert page.locator(".compare-question .table-wrap").first.evaluate(scrolls)
    # Each table is a region named by its question, reached by Tab, scrolled by arrows.
    name = "Samverkar ni med kommunen? Svar per svarsalternativ, i varje omgång"
    region = page.get_by_role("region", name=name, exact=True)
    expect(region).to_have_attribute("tabindex", "0")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('role')") == "region":
            break
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-labelledby')")
    assert focused and focused.startswith("q-"), focused
    region.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(region).not_to_have_js_property("scrollLeft", 0)
    # The caption stays at the region's left edge while the table scrolls.
    caption_in_view = """(region) => {
      const span = region.querySelector(".compare-table__caption");
      return Math.abs(span.getBoundingClientRect().left - region.getBoundingClientRect().left) < 1;
    }"""
    page.wait_for_function(caption_in_view, arg=region.element_handle())
    region.screenshot(path=str(artifacts / "survey-compare-320-scrolled.png"))
