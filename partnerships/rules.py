"""Who may see an agreement: anyone from the decision on, representatives of a
party association, and coordinators.

``Agreement.objects.visible_to(user)`` is the same rule as a query, for lists (the
association's page); tests/partnerships/rules/ holds the two to the same grid."""

import rules

from portal.rules import is_coordinator

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

rules.add_perm("partnerships.view_agreement", can_view)


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
