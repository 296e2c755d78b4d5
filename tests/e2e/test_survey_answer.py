"""Answering a survey with a matrix question on a phone, by keyboard only: the
matrix reads as one block a row with each input labelled, a mistake is shown
beside its question with the rest kept, and the page is axe clean throughout."""

import pytest
from playwright.sync_api import expect

from surveys.models import Answer, Recipient, Response
from tests.e2e.test_layout import assert_no_serious_violations
from tests.organisations.factories import OrganisationFactory
from tests.surveys.factories import link, sent_survey

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def type_into(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.focus()
    page.keyboard.type(text)


def test_answer_with_a_matrix_on_a_phone_by_keyboard(page, artifacts):
    organisation = OrganisationFactory(name="Flemingsbergs Kulturförening")
    survey = sent_survey([organisation], title="Inventering av samverkan")
    recipient = Recipient.objects.get(survey=survey)
    page.set_viewport_size(PHONE)
    page.goto(link(recipient))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inventering av samverkan")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_serious_violations(page)

    # "Ja" by keyboard: the radio group takes focus, space chooses.
    page.get_by_label("Ja", exact=True).focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Möten")).to_be_visible()  # the condition shows its question
    page.get_by_label("Möten").focus()
    page.keyboard.press("Space")
    page.get_by_label("4", exact=True).focus()
    page.keyboard.press("Space")
    type_into(page, "Antal medlemmar", "tusen")  # a mistake, shown beside the question
    type_into(page, "Andel med anställd personal", "35")
    # The matrix: each cell labelled "row: column", one block a row on the phone.
    for row in ("Idrott", "Kultur"):
        for n, column in enumerate(("Dialog", "Bidrag")):
            type_into(page, f"{row}: {column}", str(n + 2))
    page.screenshot(path=str(artifacts / "survey-answer-phone-filled.png"), full_page=True)
    page.get_by_role("button", name="Skicka svaren").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("Några svar behöver rättas")
    expect(page.locator(f"#q{survey.q['medlemmar'].pk}-error")).to_have_text(
        "Skriv ett tal, med siffror."
    )
    expect(page.get_by_label("Kultur: Bidrag")).to_have_value("3")  # nothing lost
    assert_no_serious_violations(page)
    page.screenshot(path=str(artifacts / "survey-answer-phone-error.png"), full_page=True)

    field = page.get_by_label("Antal medlemmar", exact=True)
    field.focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("85")
    page.get_by_role("button", name="Skicka svaren").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Tack! Dina svar är inskickade.")
    assert_no_serious_violations(page)
    assert Response.objects.submitted().count() == 1
    assert Answer.objects.filter(question=survey.q["matris"]).count() == 4
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(link(recipient))
    expect(page.get_by_role("status")).to_contain_text("redan inskickat")
