"""An inventory as a coordinator runs one: made from the shipped template, opened,
sent to the departments, and answered by each through its link's services."""

from datetime import timedelta

from django.utils import timezone

from surveys.answering import load_structure
from surveys.demo_answers import answer_as
from surveys.models import Recipient
from surveys.services.lifecycle import survey_open
from surveys.services.sending import survey_send
from surveys.services.templates import survey_from_template
from surveys.shipped import inventory as shipped
from tests.organisations.factories import make_municipal_coordinator
from tests.portal.factories import DepartmentFactory

# The report's nine departments (Örebro 2022), and one more that never answers.
DEPARTMENTS = [
    "Förvaltningen för sociala insatser",
    "Förvaltningen för utbildning, försörjning och arbete",
    "Förvaltningen förskola skola",
    "Kommunstyrelseförvaltningen",
    "Kultur- och fritidsförvaltningen",
    "Miljökontoret",
    "Stadsbyggnad",
    "Tekniska förvaltningen",
    "Vård- och omsorgsförvaltningen",
]
SILENT = "Överförmyndarförvaltningen"


def sent_inventory(*, by=None, departments=DEPARTMENTS):
    """An open inventory sent to ``departments``; returns (survey, {name: recipient})."""
    by = by or make_municipal_coordinator()
    survey = survey_from_template(key=shipped.KEY, by=by, title="Inventering av samverkan 2026")
    now = timezone.now()
    survey.opens_at, survey.closes_at = now - timedelta(days=1), now + timedelta(days=20)
    survey.save(update_fields=["opens_at", "closes_at"])
    survey_open(survey=survey, by=by)
    made = [DepartmentFactory(name=name) for name in departments]
    survey_send(survey=survey, by=by, departments=made)
    survey.refresh_from_db()
    survey.coordinator = by
    recipients = Recipient.objects.filter(survey=survey).select_related("department", "survey")
    return survey, {r.department.name: r for r in recipients}


def answer_all(recipients: dict, answers: dict) -> None:
    """Submit ``answers`` ({department name: answer by codes}) through the services."""
    structure = None
    for name, answer in answers.items():
        recipient = recipients[name]
        structure = structure or load_structure(recipient.survey)
        answer_as(recipient, answer, structure=structure)
