"""Answering a survey made from a shipped template in English on a phone: the
language switch turns the questions, options and scale labels to English, the
page fits 390 px and is axe clean."""

import pytest
from playwright.sync_api import expect

from surveys.models import Recipient
from tests.e2e.test_layout import assert_no_serious_violations
from tests.organisations.factories import OrganisationFactory, make_municipal_coordinator
from tests.surveys.factories import civil_society_survey, link

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_answer_a_template_survey_in_english_on_a_phone(page, artifacts):
    survey = civil_society_survey(make_municipal_coordinator(), [OrganisationFactory()])
    page.set_viewport_size(PHONE)
    page.goto(link(Recipient.objects.get(survey=survey)))
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Civil society's view of collaboration"
    )
    expect(page.locator("legend").first).to_contain_text(
        "Does the association collaborate with the municipality today?"
    )
    page.get_by_label("Yes, regularly").check()
    expect(page.get_by_label("Rent premises from the municipality")).to_be_visible()
    expect(page.get_by_label("1 – Very badly")).to_be_visible()
    expect(page.get_by_label("Children and young people: Very important")).to_be_attached()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-english-phone.png"), full_page=True)
    page.get_by_role("button", name="Send the answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Some answers need a correction")
    expect(page.get_by_role("alert")).to_contain_text("How well does collaboration")
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-english-phone-error.png"), full_page=True)
