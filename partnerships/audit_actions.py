"""The labels of the audit actions the partnerships' services write."""

from django.utils.translation import gettext_lazy as _

from portal import audit_display

audit_display.register_actions(
    {
        "agreement.created": _("Agreement created"),
        "agreement.changed": _("Agreement changed"),
        "agreement.prepared": _("Agreement in preparation"),
        "agreement.decided": _("Agreement decided"),
        "agreement.activated": _("Agreement in force"),
        "agreement.ended": _("Agreement ended"),
        "agreement.renewed": _("Agreement renewed"),
        "agreement.document_added": _("Document added to an agreement"),
        "agreement.document_removed": _("Document removed from an agreement"),
    }
)
