"""The grid for the follow-up reports: "partnerships.submit_report" (the parties'
representatives), "partnerships.review_report" (officials and coordinators of the
agreement's departments, municipal coordinators) and "partnerships.view_report"
(either), each against its queryset twin on ReportDue."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partnerships.models import ReportDue
from tests.inquiries.factories import make_coordinator_of, make_official
from tests.organisations.factories import (
    MembershipFactory,
    UserFactory,
    make_municipal_coordinator,
)
from tests.partnerships.report_factories import ReportDueFactory, setting
from tests.portal.factories import DepartmentFactory

ROLES = (
    "anonymous",
    "other_user",
    "other_representative",
    "editor",
    "admin",
    "official",
    "official_elsewhere",
    "department_coordinator",
    "coordinator_elsewhere",
    "municipal_coordinator",
    "superuser",
)
# A superuser holds every permission (Django's has_perm), so the twins give them all.
REPRESENTATIVES = {"editor", "admin", "superuser"}
REVIEWERS = {"official", "department_coordinator", "municipal_coordinator", "superuser"}
GRID = {
    "partnerships.submit_report": (REPRESENTATIVES, "reported_by"),
    "partnerships.review_report": (REVIEWERS, "reviewed_by"),
    "partnerships.view_report": (REPRESENTATIVES | REVIEWERS, "visible_to"),
}


def user_in_role(role, s):
    organisation = s.agreement.parties.get()
    return {
        "anonymous": lambda: AnonymousUser(),
        "other_user": lambda: UserFactory(),
        "other_representative": lambda: MembershipFactory(role="admin").user,
        "editor": lambda: MembershipFactory(organisation=organisation, role="editor").user,
        "admin": lambda: MembershipFactory(organisation=organisation, role="admin").user,
        "official": lambda: make_official(s.department),
        "official_elsewhere": lambda: make_official(DepartmentFactory()),
        "department_coordinator": lambda: make_coordinator_of(s.department),
        "coordinator_elsewhere": lambda: make_coordinator_of(DepartmentFactory()),
        "municipal_coordinator": make_municipal_coordinator,
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
    }[role]()


@pytest.mark.django_db
@pytest.mark.parametrize("perm", list(GRID))
@pytest.mark.parametrize("role", ROLES)
def test_grid(perm, role):
    s = setting()
    ReportDueFactory()  # another agreement's report
    user = user_in_role(role, s)
    allowed, twin = GRID[perm]
    expected = role in allowed
    assert user.has_perm(perm, s.report) is expected
    assert (s.report in getattr(ReportDue.objects, twin)(user)) is expected


@pytest.mark.django_db
def test_without_a_report_the_rules_grant_nothing():
    official = make_official(DepartmentFactory())
    for perm in GRID:
        assert not official.has_perm(perm)


@pytest.mark.django_db
def test_the_twins_leave_out_other_agreements_reports():
    s = setting()
    other = ReportDueFactory()
    for twin in ("reported_by", "reviewed_by", "visible_to"):
        assert other not in getattr(ReportDue.objects, twin)(s.representative)
        assert other not in getattr(ReportDue.objects, twin)(s.official)
