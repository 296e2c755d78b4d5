"""Reflow at 320 pixels (WCAG 1.4.10) of the partnerships' and surveys' pages, as
their users see them: the collaborations, agreements and follow-up reports, and
the coordinators' survey pages. The register of test data and the page check are
test_reflow.py's."""

import pytest

from tests.contacts.factories import make_official
from tests.e2e.test_reflow import check_pages, register
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import make_municipal_coordinator
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.e2e
__all__ = ["register"]  # the fixture


def test_the_collaboration_pages_reflow(page, register, artifacts):
    from partnerships.models import CollaborationForm
    from tests.partnerships.collaboration_factories import CollaborationFactory, PaymentFactory

    department = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    collaboration = CollaborationFactory(
        title="Sommarlovsaktiviteter i Vårby och Flemingsberg",
        departments=[department],
        associations=[register["organisation"]],
        forms=list(CollaborationForm.objects.all()[:3]),
    )
    PaymentFactory(collaboration=collaboration, department=department, amount=125000)
    official = make_official(department, email="olle.official@huddinge-kommun.example.se")
    _log_in(page, official.email)
    pages = {
        "collaborations": "/samverkan/samarbeten/",
        "collaborations-filtered": f"/samverkan/samarbeten/?department={department.pk}&year=2026",
        "collaboration-new": "/samverkan/samarbeten/ny/",
        "collaboration": collaboration.get_absolute_url(),
        "collaboration-edit": f"/samverkan/samarbeten/{collaboration.pk}/redigera/",
        "association-with-collaborations": register["organisation"].get_absolute_url(),
    }
    problems = check_pages(page, pages, artifacts)
    page.context.clear_cookies()
    _log_in(page, make_municipal_coordinator(email="sara.samordnare@example.se").email)
    problems |= check_pages(
        page, {"collaboration-overview": "/samverkan/oversikt/?year=2026"}, artifacts
    )
    assert not problems, "\n".join(f"{name}: {wrong}" for name, wrong in problems.items())


def test_the_follow_up_report_pages_reflow(page, register, artifacts):
    """The report page as the representative writes it (with the association's page
    listing it), and the list and review as the official sees them."""
    from partnerships.services.reports import report_submit
    from tests.partnerships.factories import AgreementFactory
    from tests.partnerships.report_factories import ReportDueFactory, content

    organisation = register["organisation"]
    department = DepartmentFactory(name="Socialförvaltningen och arbetsmarknadsförvaltningen")
    agreement = AgreementFactory(
        title="Idéburet offentligt partnerskap om läxhjälp och mötesplatser för ungdomar",
        parties=[organisation],
        departments=[department],
    )
    questions = "Vilka aktiviteter har föreningen genomfört under perioden?\nVad vill ni ändra?"
    writing = ReportDueFactory(
        agreement=agreement, title="Delrapport för verksamhetsåret", questions=questions
    )
    submitted = ReportDueFactory(
        agreement=agreement, title="Ekonomisk redovisning", questions=questions
    )
    report_submit(
        report=submitted,
        by=register["representative"],
        **content(answers=["Läxhjälp varje vecka i Flemingsbergs bibliotek.", "Inget."]),
    )
    _log_in(page, register["representative"].email)
    problems = check_pages(
        page,
        {
            "report-write": writing.get_absolute_url(),
            "report-submitted": submitted.get_absolute_url(),
            "association-reports": organisation.get_absolute_url(),
        },
        artifacts,
    )
    page.context.clear_cookies()
    _log_in(page, make_official(department, email="tove@example.se").email)
    problems |= check_pages(
        page,
        {
            "reports-list": "/samverkan/rapporter/?overdue=true",
            "report-review": submitted.get_absolute_url(),
        },
        artifacts,
    )
    assert not problems, "\n".join(f"{name}: {wrong}" for name, wrong in problems.items())


def test_the_coordinators_survey_pages_reflow(page, register, artifacts):
    survey = register["survey"]
    _log_in(page, survey.coordinator.email)
    pages = {
        "surveys-manage": "/enkater/",
        "survey-manage": survey.get_absolute_url(),
    }
    problems = check_pages(page, pages, artifacts)
    assert not problems, "\n".join(f"{name}: {wrong}" for name, wrong in problems.items())


def test_the_agreement_pages_reflow(page, register, artifacts):
    from tests.partnerships.factories import AgreementContributionFactory, AgreementFactory

    department = DepartmentFactory(name="Socialförvaltningen")
    official = make_official(department, email="avtal.tjansteperson@huddinge-kommun.example.se")
    agreement = AgreementFactory(
        title="IOP om läxhjälp i Flemingsbergs bibliotek och skolor",
        parties=[register["organisation"]],
        departments=[department],
    )
    AgreementContributionFactory(agreement=agreement, amount=1350000)
    AgreementContributionFactory(
        agreement=agreement, organisation=register["organisation"], kind="volunteer_hours",
        amount=None, hours=2400, description="Läxhjälpare tre eftermiddagar i veckan",
    )  # fmt: skip
    check = {"agreements": "/samverkan/avtal/", "agreement": f"/samverkan/avtal/{agreement.pk}/"}
    problems = check_pages(page, check, artifacts)
    _log_in(page, official.email)
    problems |= check_pages(
        page,
        {
            "agreements-official": "/samverkan/avtal/",
            "agreement-official": f"/samverkan/avtal/{agreement.pk}/",
            "agreement-edit": f"/samverkan/avtal/{agreement.pk}/andra/",
            "agreement-new": "/samverkan/avtal/nytt/",
        },
        artifacts,
    )
    assert not problems, "\n".join(f"{name}: {wrong}" for name, wrong in problems.items())
