"""The partnerships' models: agreements (agreements.py, agreement_parts.py), collaborations
(collaborations.py) and the agreements' follow-up reports (reports.py)."""

from .agreement_parts import AgreementContribution, AgreementDocument
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
    "AgreementContribution",
    "AgreementDocument",
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
