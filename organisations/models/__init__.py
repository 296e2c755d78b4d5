"""The association register's models, one module per concern; everything is
importable from ``organisations.models`` as before the split."""

from .activities import REPEATS, Activity, ActivityQuerySet
from .memberships import (
    INVITATION_VALIDITY,
    JOIN_MESSAGE_MAX_LENGTH,
    ConfirmationRound,
    Invitation,
    InvitationQuerySet,
    JoinRequest,
    Membership,
    _invitation_expiry,
    _invitation_token,
)
from .organisations import (
    DESCRIPTION_MAX_LENGTH,
    HAS_NO_CONTACT,
    Organisation,
    OrganisationQuerySet,
)
from .vocabulary import (
    ActivityArea,
    Category,
    District,
    SearchSynonymGroup,
    SearchTextWord,
    SearchWord,
)

__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "HAS_NO_CONTACT",
    "INVITATION_VALIDITY",
    "JOIN_MESSAGE_MAX_LENGTH",
    "REPEATS",
    "Activity",
    "ActivityArea",
    "ActivityQuerySet",
    "Category",
    "ConfirmationRound",
    "District",
    "Invitation",
    "InvitationQuerySet",
    "JoinRequest",
    "Membership",
    "Organisation",
    "OrganisationQuerySet",
    "SearchSynonymGroup",
    "SearchTextWord",
    "SearchWord",
    "_invitation_expiry",
    "_invitation_token",
]
