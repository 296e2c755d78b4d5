"""The reports' services: draft, submit, return, resubmit, approve; joint sign-off;
the guards under the lock; audit and mail to the other side after commit; and
agreement_evaluation_approved for the renewal."""

from datetime import date

import pytest
from django.core import mail

from partnerships.models import ReportDue, agreement_evaluation_approved
from partnerships.services.reports import (
    ReportError,
    report_approve,
    report_return,
    report_save_draft,
    report_sign_off,
    report_submit,
)
from portal.models import AuditEntry
from tests.inquiries.factories import make_official
from tests.organisations.factories import MembershipFactory
from tests.partnerships.report_factories import ReportDueFactory, content, setting

pytestmark = pytest.mark.django_db


def test_the_whole_review_keeps_every_version(django_capture_on_commit_callbacks):
    s = setting()
    with django_capture_on_commit_callbacks(execute=True):
        report_save_draft(report=s.report, by=s.representative, **content(answers=["Utkast", ""]))
    s.report.refresh_from_db()
    assert s.report.status == ReportDue.Status.DRAFT
    assert s.report.answers == ["Utkast", ""]
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=s.report, by=s.representative, **content())
    assert [m.to for m in mail.outbox] == [[s.official.email]]

    with django_capture_on_commit_callbacks(execute=True):
        report_return(report=s.report, by=s.official, comment="Beskriv målgruppen.")
    assert mail.outbox[-1].to == [s.representative.email]
    assert "Beskriv målgruppen." in mail.outbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=s.report, by=s.representative, **content(participants=45))
        report_approve(report=s.report, by=s.official)
    s.report.refresh_from_db()
    assert s.report.status == ReportDue.Status.APPROVED
    versions = list(s.report.versions.values_list("number", "participants", "return_comment"))
    assert versions == [(1, 40, "Beskriv målgruppen."), (2, 45, "")]
    actions = list(
        AuditEntry.objects.filter(object_id=str(s.report.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.draft_saved",
        "report.submitted",
        "report.returned",
        "report.submitted",
        "report.approved",
    ]


def test_submitting_twice_is_refused_and_keeps_one_version():
    s = setting()
    report_submit(report=s.report, by=s.representative, **content())
    with pytest.raises(ReportError, match="redan skickats in"):
        report_submit(report=s.report, by=s.representative, **content())
    assert s.report.versions.count() == 1


def test_submit_needs_every_answer_and_figure():
    s = setting()
    with pytest.raises(ReportError) as error:
        report_submit(report=s.report, by=s.representative, **content(answers=["Ja", " "]))
    assert error.value.field == "answer_1"
    with pytest.raises(ReportError) as error:
        report_submit(report=s.report, by=s.representative, **content(participants=None))
    assert error.value.field == "participants"
    with pytest.raises(ReportError) as error:
        report_save_draft(report=s.report, by=s.representative, **content(volunteer_hours=-1))
    assert error.value.field == "volunteer_hours"


def test_figures_not_asked_are_not_required():
    s = setting(asks_participants=False, asks_volunteer_hours=False)
    report_submit(
        report=s.report, by=s.representative, **content(participants=None, volunteer_hours=None)
    )
    assert s.report.versions.count() == 1


def test_others_may_not_write_or_review():
    s = setting()
    stranger = MembershipFactory().user
    other_official = make_official()
    with pytest.raises(ReportError):
        report_submit(report=s.report, by=stranger, **content())
    with pytest.raises(ReportError):
        report_submit(report=s.report, by=s.official, **content())
    report_submit(report=s.report, by=s.representative, **content())
    with pytest.raises(ReportError):
        report_approve(report=s.report, by=other_official)
    with pytest.raises(ReportError):
        report_approve(report=s.report, by=s.representative)


def test_return_needs_a_comment_and_a_submitted_report():
    s = setting()
    with pytest.raises(ReportError):
        report_return(report=s.report, by=s.official, comment="Mer")
    report_submit(report=s.report, by=s.representative, **content())
    with pytest.raises(ReportError) as error:
        report_return(report=s.report, by=s.official, comment="  ")
    assert error.value.field == "comment"


def test_a_joint_report_is_approved_once_both_sides_signed(django_capture_on_commit_callbacks):
    s = setting(is_joint=True, kind=ReportDue.Kind.FINAL)
    report_submit(report=s.report, by=s.representative, **content())
    s.report.refresh_from_db()
    assert s.report.association_signed_at and s.report.awaits_municipality
    with pytest.raises(ReportError, match="båda parter"):
        report_approve(report=s.report, by=s.official)
    with django_capture_on_commit_callbacks(execute=True):
        report_sign_off(report=s.report, by=s.official)
    assert mail.outbox[-1].to == [s.representative.email]
    with pytest.raises(ReportError, match="redan undertecknat"):
        report_sign_off(report=s.report, by=s.official)
    report_approve(report=s.report, by=s.official)
    s.report.refresh_from_db()
    assert s.report.status == ReportDue.Status.APPROVED


def test_returning_a_joint_report_clears_both_signatures():
    s = setting(is_joint=True)
    report_submit(report=s.report, by=s.representative, **content())
    report_sign_off(report=s.report, by=s.official)
    report_return(report=s.report, by=s.official, comment="Fel siffror.")
    s.report.refresh_from_db()
    assert s.report.association_signed_at is None and s.report.municipality_signed_at is None


def test_evaluation_approved_is_the_last_report_of_the_plan():
    s = setting(due_on=date(2026, 6, 30))
    assert agreement_evaluation_approved(s.agreement) is False
    final = ReportDueFactory(agreement=s.agreement, due_on=date(2027, 11, 30), kind="final")
    report_submit(report=final, by=s.representative, **content())
    report_approve(report=final, by=s.official)
    assert agreement_evaluation_approved(s.agreement) is True


def test_evaluation_approved_without_a_plan():
    s = setting()
    s.report.delete()
    assert agreement_evaluation_approved(s.agreement) is True


def test_personal_data_export_and_erase():
    from partnerships.personal_data import erase_reports, export_reports

    s = setting(title="Delrapport ett")
    report_submit(report=s.report, by=s.representative, **content())
    report_approve(report=s.report, by=s.official)
    assert export_reports(s.representative)[0]["report"] == "Delrapport ett"
    assert export_reports(s.official)[0]["reviewed_at"]
    erase_reports(s.representative)
    erase_reports(s.official)
    s.report.refresh_from_db()
    assert s.report.submitted_by is None and s.report.reviewed_by is None
    assert s.report.versions.get().submitted_by is None
