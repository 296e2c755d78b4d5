"""The labels of the audit actions the collaborations' services, admin and overview
write."""

from django.utils.translation import gettext_lazy as _

from portal import audit_display

audit_display.register_actions(
    {
        "collaboration.created": _("Collaboration recorded"),
        "collaboration.updated": _("Collaboration changed"),
        "collaboration.admin_created": _("Collaboration recorded in the administration"),
        "collaboration.admin_changed": _("Collaboration changed in the administration"),
        "collaboration.overview_exported": _("Collaboration overview exported"),
    }
)
