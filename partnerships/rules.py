"""Who may see an agreement: anyone from the decision on, representatives of a
party association, coordinators and the officials of its departments; who may
change it: municipal coordinators, and coordinators and officials of one of its
departments.

``Agreement.objects.visible_to(user)`` and ``changeable_by(user)`` are the same rules
as queries, for lists; tests/partnerships/rules/ holds each pair to the same grid.
The portal's pages ask ``manage_agreement`` and ``record_agreement``, so that the
admin keeps its own model permissions (only municipal coordinators change there)."""

import rules

from portal.rules import is_coordinator, is_municipal_coordinator, is_official

from .models import Agreement, AgreementParty
from .models.collaborations import (
    Collaboration,
    departments_in_charge,
    sees_every_collaboration,
)


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


# --- Collaborations: officials and coordinators see all of them, representatives
# their association's, everyone the public ones; officials change their department's
# (departments_in_charge). Twins: Collaboration.objects.visible_to / changeable_by.


def _collaboration(obj):
    return obj if isinstance(obj, Collaboration) else None


@rules.predicate
def is_public_collaboration(user, obj) -> bool:
    collaboration = _collaboration(obj)
    return collaboration is not None and collaboration.is_public


@rules.predicate
def represents_collaborator(user, obj) -> bool:
    """The user represents one of the collaboration's associations."""
    collaboration = _collaboration(obj)
    if collaboration is None or not user.is_authenticated:
        return False
    return collaboration.associations.filter(memberships__user=user).exists()


@rules.predicate
def sees_collaborations(user, obj) -> bool:
    return _collaboration(obj) is not None and sees_every_collaboration(user)


@rules.predicate
def records_collaborations(user) -> bool:
    """In charge of at least one department (may record a new collaboration)."""
    departments = departments_in_charge(user)
    return departments is None or bool(departments)


@rules.predicate
def in_charge_of_collaboration(user, obj) -> bool:
    collaboration = _collaboration(obj)
    if collaboration is None:
        return False
    departments = departments_in_charge(user)
    if departments is None:
        return True
    return collaboration.departments.filter(pk__in=departments).exists()


@rules.predicate
def lists_collaborations(user) -> bool:
    return sees_every_collaboration(user)


rules.add_perm(
    "partnerships.view_collaboration",
    is_public_collaboration | sees_collaborations | represents_collaborator,
)
rules.add_perm("partnerships.list_collaborations", lists_collaborations)
rules.add_perm("partnerships.add_collaboration", records_collaborations)
rules.add_perm("partnerships.change_collaboration", in_charge_of_collaboration)
rules.add_perm("partnerships.view_collaboration_overview", is_coordinator | rules.is_superuser)

# --- Changing an agreement and reading its documents (views/agreements.py) ----------


@rules.predicate
def is_official_of_department(user, obj) -> bool:
    """The user is an official of one of the agreement's departments."""
    agreement = _agreement(obj)
    if agreement is None or not user.is_authenticated or user.department_id is None:
        return False
    return is_official(user) and agreement.departments.filter(pk=user.department_id).exists()


@rules.predicate
def coordinates_agreement_department(user, obj) -> bool:
    agreement = _agreement(obj)
    if agreement is None or not user.is_authenticated:
        return False
    return agreement.departments.filter(coordinator_assignments__user=user).exists()


can_change = has_agreement & (
    is_municipal_coordinator | coordinates_agreement_department | is_official_of_department
)

rules.add_perm(
    "partnerships.view_agreement",
    can_view | is_official_of_department,
)
rules.add_perm("partnerships.manage_agreement", can_change | rules.is_superuser)
# A new agreement (an idea) may be recorded by any official or coordinator.
rules.add_perm("partnerships.record_agreement", is_official | is_coordinator | rules.is_superuser)
# The signed agreement and the decision: those who handle it and the parties, not the
# public (the public reads the decision's details on the page).
rules.add_perm(
    "partnerships.view_agreement_documents",
    has_agreement & (can_change | represents_party | rules.is_superuser),
)


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
    municipal coordinator (portal.rules.departments_in_charge)."""

    report = _report(obj)
    if report is None or not user.is_authenticated:
        return False
    departments = departments_in_charge(user)
    if departments is None:
        return True
    return report.agreement.departments.filter(pk__in=departments).exists()


rules.add_perm("partnerships.submit_report", represents_report_party)
rules.add_perm("partnerships.review_report", reviews_report)
rules.add_perm("partnerships.view_report", represents_report_party | reviews_report)
# The list of reports to review: officials and coordinators (each sees those of
# their departments, ReportDue.objects.reviewed_by).
rules.add_perm("partnerships.list_reports", rules.is_superuser | is_official | is_coordinator)
