"""Test data for the follow-up reports: an agreement of a department with a party
association, its representative, an official and a report of its plan."""

from dataclasses import dataclass
from datetime import date

import factory

from organisations.models import Membership
from partnerships.models import Agreement, ReportDue
from tests.inquiries.factories import make_official
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from tests.partnerships.factories import AgreementFactory
from tests.portal.factories import DepartmentFactory


class ReportDueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportDue

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Delrapport {n}")
    kind = ReportDue.Kind.INTERIM
    due_on = date(2026, 6, 30)
    questions = "Vad har ni gjort?\nHur har det gått?"


@dataclass
class Setting:
    report: ReportDue
    agreement: Agreement
    representative: object
    official: object
    department: object


def setting(**report_fields) -> Setting:
    """A report of an active agreement of a department, the party's representative
    and an official of the department."""
    department = DepartmentFactory()
    organisation = OrganisationFactory()
    agreement = AgreementFactory(parties=[organisation], departments=[department])
    representative = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    official = make_official(department)
    report = ReportDueFactory(agreement=agreement, **report_fields)
    return Setting(report, agreement, representative, official, department)


def content(**overrides) -> dict:
    values = {
        "answers": ["Läxhjälp varje vecka.", "Bra."],
        "participants": 40,
        "volunteer_hours": 300,
    }
    values.update(overrides)
    return values
