"""The labels of the audit actions the register's services write."""

from django.utils.translation import gettext_lazy as _

from portal import audit_display

audit_display.register_actions(
    {
        "organisation.registered": _("Association registered"),
        "organisation.approved": _("Association approved"),
        "organisation.changes_requested": _("Changes asked for"),
        "organisation.archived": _("Association archived"),
        "organisation.updated": _("Details updated"),
        "organisation.confirmed": _("Details confirmed"),
        "organisation.marked_unconfirmed": _("Marked as unconfirmed"),
        "organisation.needs_administrator": _("Left without an administrator"),
        "organisation.admin_promoted": _("Editor made administrator"),
        "organisation.member_invited": _("Representative invited"),
        "organisation.invitation_accepted": _("Invitation accepted"),
        "organisation.invitation_resent": _("Invitation sent again"),
        "organisation.invitation_withdrawn": _("Invitation withdrawn"),
        "organisation.member_role_changed": _("Representative's role changed"),
        "organisation.member_removed": _("Representative removed"),
        "organisation.member_left": _("Representative left"),
        "organisation.member_erased": _("Representative's account erased"),
        "organisation.contact_erased": _("Contact person's data erased"),
        "organisation.join_requested": _("Asked to join"),
        "organisation.join_request_decided": _("Request to join answered"),
        "organisation.register_exported": _("Register exported"),
        "activity.created": _("Activity published"),
        "activity.updated": _("Activity changed"),
        "activity.cancelled": _("Activity cancelled"),
        "activity.cancelled_by_coordinator": _("Activity cancelled by a coordinator"),
        "activity.hidden": _("Activity hidden by a coordinator"),
        "activity.restored": _("Hidden activity shown again"),
    }
)
