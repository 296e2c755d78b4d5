"""The demo's follow-up plan: the representative's association is party, the demo
official reviews, one report overdue, one awaiting review, one returned."""

import io

import pytest
from django.utils import timezone

from organisations import demo as organisations_demo
from partnerships import demo
from partnerships.models import Agreement, ReportDue
from portal import demo as portal_demo
from portal.models import User

pytestmark = pytest.mark.django_db


def test_the_plan_shows_each_step_once():
    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    demo.load(io.StringIO())
    agreement = Agreement.objects.get(title=demo.REPORTS_AGREEMENT)
    reports = ReportDue.objects.filter(agreement=agreement)
    today = timezone.localdate()
    assert reports.overdue(today).count() == 1
    assert reports.filter(status="submitted").count() == 1
    assert reports.filter(status="returned").get().versions.get().return_comment
    assert reports.filter(kind="final", is_joint=True).exists()
    for report in reports:
        report.full_clean()
    representative = User.objects.get(email=organisations_demo.REPRESENTATIVE_EMAIL)
    official = User.objects.get(email="tjansteperson@demo.se")
    assert set(ReportDue.objects.reported_by(representative)) == set(reports)
    assert set(ReportDue.objects.reviewed_by(official)) >= set(reports)
    demo.load(io.StringIO())
    assert ReportDue.objects.filter(agreement=agreement).count() == reports.count()
