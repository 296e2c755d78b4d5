from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogue forums")

    def ready(self) -> None:
        from organisations.views import register_detail_section
        from portal.contacts import related
        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        # Registers audit labels, personal data, reminder kinds and sweeps.
        from . import (  # noqa: F401
            audit_actions,
            desk,
            personal_data,
            sweeps_cadence,
            sweeps_followups,
            sweeps_registrations,
        )
        from .services import invitations  # noqa: F401  (the invitation mail's kind)
        from .views import (
            contact_path_forums,
            organisation_follow_ups,
            organisation_forums,
            organisation_invitations,
        )

        # Municipal coordinators run the forums; a forum is closed (is_active), not
        # deleted, but an association may leave one (a membership row is deleted).
        grant(
            MUNICIPAL_COORDINATOR,
            *(f"dialogues.{action}_forum" for action in ("view", "add", "change")),
            *(
                f"dialogues.{action}_forummembership"
                for action in ("view", "add", "change", "delete")
            ),
            # Meetings in the admin, with their sign-ups and invitations to read (the
            # sign-ups change through the meeting page's services).
            "dialogues.view_meeting",
            "dialogues.add_meeting",
            "dialogues.change_meeting",
            "dialogues.view_registration",
            "dialogues.view_meetinginvitation",
            # Follow-up items are written in the meeting's inline (admin_followups.py).
            "dialogues.view_followupitem",
            "dialogues.add_followupitem",
            "dialogues.change_followupitem",
        )
        grant(DEPARTMENT_COORDINATOR, "dialogues.view_forum", "dialogues.view_forummembership")
        register_detail_section("dialogues/_organisation_forums.html", organisation_forums)
        register_detail_section(
            "dialogues/_organisation_invitations.html", organisation_invitations
        )
        register_detail_section("dialogues/_organisation_follow_ups.html", organisation_follow_ups)
        related.register(contact_path_forums)
