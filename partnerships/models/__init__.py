"""The partnerships' models: agreements (agreements.py), collaborations
(collaborations.py) and the agreements' follow-up reports (reports.py)."""

from .agreements import Agreement, AgreementParty, AgreementQuerySet
from .collaborations import (
    Collaboration,
    CollaborationForm,
    CollaborationPayment,
    CollaborationQuerySet,
    GoalArea,
)
from .reports import (
    ReportAttachment,
    ReportDue,
    ReportDueQuerySet,
    ReportVersion,
    agreement_evaluation_approved,
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
    "ReportAttachment",
    "ReportDue",
    "ReportDueQuerySet",
    "ReportVersion",
    "agreement_evaluation_approved",
]
