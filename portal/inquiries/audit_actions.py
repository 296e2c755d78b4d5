"""The labels of the audit actions En väg in's services write."""

from django.utils.translation import gettext_lazy as _

from portal import audit_display

audit_display.register_actions(
    {
        "inquiry.received": _("Inquiry received"),
        "inquiry.assigned": _("Inquiry assigned or handed over"),
        "inquiry.flagged": _("Inquiry handed over more than twice"),
        "inquiry.replied": _("Message to the sender"),
        "inquiry.noted": _("Internal note"),
        "inquiry.sender_replied": _("The sender wrote back"),
        "inquiry.closed": _("Inquiry closed"),
        "inquiry.delay_noticed": _("Delay notice sent"),
        "inquiry.link_renewed": _("Private link renewed"),
        "inquiry.deadlines_recomputed": _("Deadlines recomputed after a closed day changed"),
        "inquiry.personal_data_erased": _("Sender's personal data erased"),
        "inquiry.sender_erased": _("Sender's account erased"),
        "closedday.admin_created": _("Closed day added"),
        "closedday.admin_changed": _("Closed day changed"),
        "closedday.deleted": _("Closed day removed"),
    }
)
