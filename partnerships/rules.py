"""Who may see an agreement: anyone from the decision on, representatives of a
party association, and coordinators.

``Agreement.objects.visible_to(user)`` is the same rule as a query, for lists (the
association's page); tests/partnerships/rules/ holds the two to the same grid."""

import rules

from portal.rules import is_coordinator, is_official

from .models import Agreement, AgreementParty


def _agreement(obj):
    return obj if isinstance(obj, Agreement) else None


@rules.predicate
def has_agreement(user, obj) -> bool:
    return _agreement(obj) is not None


@rules.predicate
def is_public_agreement(user, obj) -> bool:
    """Decided, active, ended or renewed: public from the decision on."""
    agreement = _agreement(obj)
    return agreement is not None and agreement.is_public


@rules.predicate
def represents_party(user, obj) -> bool:
    """The user represents one of the agreement's party associations."""
    agreement = _agreement(obj)
    if agreement is None or not user.is_authenticated:
        return False
    return AgreementParty.objects.filter(
        agreement=agreement, organisation__memberships__user=user
    ).exists()


can_view = is_public_agreement | represents_party | (has_agreement & is_coordinator)

rules.add_perm("partnerships.view_agreement", can_view)


# --- Follow-up reports (models/reports.py holds the queryset twins) -----------


def _report(obj):
    from .models import ReportDue

    return obj if isinstance(obj, ReportDue) else None


@rules.predicate
def represents_report_party(user, obj) -> bool:
    """The user represents a party of the report's agreement."""
    report = _report(obj)
    if report is None or not user.is_authenticated:
        return False
    return AgreementParty.objects.filter(
        agreement_id=report.agreement_id, organisation__memberships__user=user
    ).exists()


@rules.predicate
def reviews_report(user, obj) -> bool:
    """An official or coordinator of one of the agreement's departments, or a
    municipal coordinator (models.reports.reviewer_departments)."""
    from .models.reports import reviewer_departments

    report = _report(obj)
    if report is None or not user.is_authenticated:
        return False
    departments = reviewer_departments(user)
    if departments is None:
        return True
    return report.agreement.departments.filter(pk__in=departments).exists()


rules.add_perm("partnerships.submit_report", represents_report_party)
rules.add_perm("partnerships.review_report", reviews_report)
rules.add_perm("partnerships.view_report", represents_report_party | reviews_report)
# The list of reports to review: officials and coordinators (each sees those of
# their departments, ReportDue.objects.reviewed_by).
rules.add_perm("partnerships.list_reports", rules.is_superuser | is_official | is_coordinator)
