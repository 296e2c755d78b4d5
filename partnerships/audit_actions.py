"""The labels of the audit actions the partnerships' services, admin and overview
write: agreements, their follow-up reports and collaborations."""

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
        "report.draft_saved": _("Follow-up report saved as a draft"),
        "report.submitted": _("Follow-up report submitted"),
        "report.returned": _("Follow-up report returned for revision"),
        "report.signed_off": _("Joint follow-up report signed by the municipality"),
        "report.approved": _("Follow-up report approved"),
        "collaboration.created": _("Collaboration recorded"),
        "collaboration.updated": _("Collaboration changed"),
        "collaboration.admin_created": _("Collaboration recorded in the administration"),
        "collaboration.admin_changed": _("Collaboration changed in the administration"),
        "collaboration.overview_exported": _("Collaboration overview exported"),
    }
)
