"""The inventory's tables as a coordinator reads them: at a phone's and a
desktop's width, axe-core clean, sorted by a column's heading with the keyboard,
and at 320 px the page does not scroll sideways: a wide table scrolls inside its
own labelled region, which takes the keyboard's focus."""

import pytest

from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_reflow import DESKTOP, NARROW, PHONE
from tests.e2e.test_register_flow import _log_in

pytestmark = pytest.mark.e2e

# Elements that stick out of the viewport, leaving out what is inside a region
# that scrolls by itself (a wide table's .table-wrap).
OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.body.querySelectorAll("*")]
    .filter((el) => !el.closest(".table-wrap"))
    .filter((el) => { const b = el.getBoundingClientRect();
                      return b.width && (b.right > width + 0.5 || b.left < -0.5); })
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
}"""

REGIONS = """() => [...document.querySelectorAll(".table-wrap")].map((el) => ({
  label: document.getElementById(el.getAttribute("aria-labelledby"))?.textContent.trim(),
  role: el.getAttribute("role"), tabindex: el.getAttribute("tabindex"),
  scrolls: el.scrollWidth > el.clientWidth}))"""


def test_the_inventory_tables(page, coordinator, artifacts):
    from tests.surveys.inventory_factories import answer_all, sent_inventory
    from tests.surveys.test_inventory import ANSWERS, DEPARTMENTS, SILENT

    survey, recipients = sent_inventory(by=coordinator, departments=[*DEPARTMENTS, SILENT])
    answer_all(recipients, ANSWERS)
    _log_in(page, coordinator.email)
    page.goto(survey.get_absolute_url())
    page.get_by_role("link", name="Inventeringens tabeller").click()
    page.wait_for_load_state()
    assert page.locator("table").count() == 8
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"survey-inventory-{name}.png"), full_page=True)

    # Sorting by the keyboard: the heading link of table 7's amounts, twice.
    link = page.locator("#table-7 thead a").nth(1)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    heading = page.locator("#table-7 thead th").nth(1)
    assert heading.get_attribute("aria-sort") == "descending"
    first = page.locator("#table-7 tbody tr").first.locator("td")
    assert first.inner_text() == "44\xa0000\xa0000 kr"
    page.locator("#table-7 thead a").nth(1).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("#table-7 thead th").nth(1).get_attribute("aria-sort") == "ascending"
    assert_no_serious_violations(page)

    page.set_viewport_size(NARROW)
    page.goto(page.url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= NARROW["width"]
    assert page.evaluate(OUTSIDE) == []
    regions = page.evaluate(REGIONS)
    assert len(regions) == 8
    assert all(r["role"] == "region" and r["tabindex"] == "0" and r["label"] for r in regions)
    assert any(r["scrolls"] for r in regions)  # the wide tables scroll inside their region
    region = page.locator("#table-3 .table-wrap")
    region.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.closest('#table-3') !== null")
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-inventory-320.png"), full_page=True)


def test_a_survey_from_a_template_and_its_next_round_in_the_admin(page, coordinator, artifacts):
    """The two admin steps, axe clean at a desktop's and a phone's width."""
    from surveys.models import Survey
    from tests.surveys.test_templates_and_rounds import closed_survey

    _log_in(page, coordinator.email)
    page.goto("/admin/surveys/survey/")
    page.get_by_role("link", name="Ny enkät från mall").click()
    page.wait_for_load_state()
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"admin-survey-from-template-{name}.png"))
    page.get_by_label("Inventering av samverkan").check()
    page.get_by_role("button", name="Skapa utkastet").click()
    page.wait_for_load_state()
    assert Survey.objects.get(template="inventering-av-samverkan").questions.count() == 7
    survey = closed_survey()
    page.goto(f"/admin/surveys/survey/{survey.pk}/change/")
    page.get_by_role("link", name="Starta nästa omgång").click()
    page.wait_for_load_state()
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"admin-survey-next-round-{name}.png"))
