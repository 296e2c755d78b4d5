"""The partnerships' models: agreements (agreements.py, agreement_parts.py) and collaborations
(collaborations.py)."""

from .agreement_parts import AgreementContribution, AgreementDocument
from .agreements import Agreement, AgreementParty, AgreementQuerySet
from .collaborations import (
    Collaboration,
    CollaborationForm,
    CollaborationPayment,
    CollaborationQuerySet,
    GoalArea,
)

__all__ = [
    "Agreement",
    "AgreementContribution",
    "AgreementDocument",
    "AgreementParty",
    "AgreementQuerySet",
    "Collaboration",
    "CollaborationForm",
    "CollaborationPayment",
    "CollaborationQuerySet",
    "GoalArea",
]
