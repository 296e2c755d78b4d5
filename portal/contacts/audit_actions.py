"""The labels of the audit actions the contact paths' services and admin write."""

from django.utils.translation import gettext_lazy as _

from portal import audit_display

audit_display.register_actions(
    {
        "contact_path.created": _("Contact path published"),
        "contact_path.updated": _("Contact path changed"),
        "contact_path.reviewed": _("Contact path marked as reviewed"),
        "contact_path.person_erased": _("Contact path's person erased"),
    }
)
