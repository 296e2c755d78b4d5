"""The survey builder in the admin as a coordinator meets it: the survey with its
sections and questions inline, and a matrix question with its rows and columns;
axe-core finds no serious violation, each page screenshotted."""

import pytest

from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.surveys.factories import build_survey

pytestmark = pytest.mark.e2e


def test_builder_pages_pass_axe(page, coordinator, artifacts):
    survey = build_survey(by=coordinator)
    matrix = survey.q["matris"]
    _log_in(page, coordinator.email)
    pages = {
        "admin-surveys": "/admin/surveys/survey/",
        "admin-survey": f"/admin/surveys/survey/{survey.pk}/change/",
        "admin-survey-question": f"/admin/surveys/question/{matrix.pk}/change/",
    }
    for name, path in pages.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert page.locator("#content").count() == 1, path
        assert_no_serious_violations(page)
        page.screenshot(path=artifacts / f"{name}-1280.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=artifacts / f"{name}-390.png", full_page=True)
