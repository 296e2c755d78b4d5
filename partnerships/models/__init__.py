"""The partnerships' models: agreements (agreements.py) and collaborations
(collaborations.py)."""

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
    "AgreementParty",
    "AgreementQuerySet",
    "Collaboration",
    "CollaborationForm",
    "CollaborationPayment",
    "CollaborationQuerySet",
    "GoalArea",
]
