"""The follow-up plan in the agreement's admin: a coordinator adds the reports due,
with their questions and the figures asked; a plan entry without a date is refused
beside its field."""

import pytest

from partnerships.models import ReportDue
from tests.partnerships.factories import AgreementFactory
from tests.partnerships.test_admin import _change, _data, coordinator  # noqa: F401

pytestmark = pytest.mark.django_db


def _plan(**row):
    values = {
        "reports_due-TOTAL_FORMS": "1",
        "reports_due-0-title": "Delrapport 2026",
        "reports_due-0-kind": "interim",
        "reports_due-0-due_on": "2026-06-30",
        "reports_due-0-questions": "Vad har ni gjort?\nHur gick det?",
        "reports_due-0-asks_participants": "on",
    }
    values.update({f"reports_due-0-{k}": v for k, v in row.items()})
    return values


def test_a_coordinator_sets_up_the_plan(client, coordinator):  # noqa: F811
    agreement = AgreementFactory()
    response = client.post(_change(agreement), _data(status="active", **_plan()))
    assert response.status_code == 302
    report = ReportDue.objects.get(agreement=agreement)
    assert report.question_list() == ["Vad har ni gjort?", "Hur gick det?"]
    assert report.asks_participants and not report.asks_volunteer_hours
    assert report.status == ReportDue.Status.DRAFT


def test_a_report_without_a_date_is_refused(client, coordinator):  # noqa: F811
    agreement = AgreementFactory()
    response = client.post(_change(agreement), _data(status="active", **_plan(due_on="")))
    assert response.status_code == 200
    assert not ReportDue.objects.exists()


def test_a_submitted_report_is_not_deleted_from_the_plan(client, coordinator):  # noqa: F811
    from partnerships.services.reports import report_submit
    from tests.partnerships.report_factories import content, setting

    s = setting()
    report_submit(report=s.report, by=s.representative, **content())
    data = _data(
        status="active",
        **{
            "reports_due-TOTAL_FORMS": "1",
            "reports_due-INITIAL_FORMS": "1",
            "reports_due-0-id": str(s.report.pk),
            "reports_due-0-agreement": str(s.agreement.pk),
            "reports_due-0-title": s.report.title,
            "reports_due-0-kind": s.report.kind,
            "reports_due-0-due_on": s.report.due_on.isoformat(),
            "reports_due-0-questions": s.report.questions,
            "reports_due-0-DELETE": "on",
        },
    )
    response = client.post(_change(s.agreement), data)
    assert response.status_code == 200
    assert not response.context["adminform"].form.errors
    plan = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "reports_due"
    )
    assert "rapportversion" in str(plan.non_form_errors())  # Django names what is protected
    assert ReportDue.objects.filter(pk=s.report.pk).exists()
