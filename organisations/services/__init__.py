"""Workflows of the association register: registering, approving, keeping the
data current, representatives and activities.

Every function is keyword-only and atomic, re-checks its guard and raises
``RegisterError`` (which views turn into a message), writes an audit row and
sends mail only after the transaction commits. Split by concern; import from
here.
"""

from .activities import (
    activity_cancel,
    activity_cancel_by_coordinator,
    activity_create,
    activity_hide,
    activity_restore,
    activity_update,
)
from .common import AlreadyRegistered, RegisterError, archived_message
from .lifecycle import (
    find_duplicates,
    organisation_approve,
    organisation_archive,
    organisation_confirm,
    organisation_register,
    organisation_request_changes,
    organisation_update,
)
from .members import (
    handle_departing_admin,
    invitation_accept,
    invitation_resend,
    invitation_withdraw,
    invitation_withdrawn_message,
    join_request_create,
    join_request_decide,
    last_admin_refusal,
    membership_change_role,
    membership_invite,
    membership_leave,
    membership_remove,
)

__all__ = [
    "AlreadyRegistered",
    "RegisterError",
    "archived_message",
    "activity_cancel",
    "activity_cancel_by_coordinator",
    "activity_create",
    "activity_hide",
    "activity_restore",
    "activity_update",
    "find_duplicates",
    "handle_departing_admin",
    "invitation_accept",
    "invitation_resend",
    "invitation_withdraw",
    "invitation_withdrawn_message",
    "join_request_create",
    "join_request_decide",
    "last_admin_refusal",
    "membership_change_role",
    "membership_invite",
    "membership_leave",
    "membership_remove",
    "organisation_approve",
    "organisation_archive",
    "organisation_confirm",
    "organisation_register",
    "organisation_request_changes",
    "organisation_update",
]
