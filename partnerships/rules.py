"""Who may see an agreement: anyone from the decision on, representatives of a
party association, and coordinators.

``Agreement.objects.visible_to(user)`` is the same rule as a query, for lists (the
association's page); tests/partnerships/rules/ holds the two to the same grid."""

import rules

from portal.rules import is_coordinator

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
