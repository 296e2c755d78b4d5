from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    """Hitta rätt: the contact paths officials publish and visitors search. Above the
    register (target groups are its data) and the core; the core never imports it."""

    name = "portal.contacts"
    label = "contacts"
    verbose_name = _("Find the right contact")

    def ready(self) -> None:
        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        # Registers the audit labels, the review sweep and reminder kind, the desk
        # panel, the personal data and the search vectors' followers.
        from . import audit_actions, desk, personal_data, review, search  # noqa: F401

        search.connect()
        # In the admin: municipal coordinators keep the topics and every path; a
        # department coordinator sees and edits its department's paths (the admin's
        # queryset and the rules narrow it to them).
        paths = [f"contacts.{action}_contactpath" for action in ("view", "add", "change")]
        grant(
            MUNICIPAL_COORDINATOR,
            *paths,
            *(f"contacts.{action}_topic" for action in ("view", "add", "change")),
        )
        grant(DEPARTMENT_COORDINATOR, *paths, "contacts.view_topic")
