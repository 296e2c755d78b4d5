from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogue forums")

    def ready(self) -> None:
        from organisations.views import register_detail_section
        from portal import audit_display
        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        from . import personal_data  # noqa: F401  (registers the forums' personal data)
        from .views import organisation_forums

        # Municipal coordinators run the forums; a forum is closed (is_active), not
        # deleted, but an association may leave one (a membership row is deleted).
        grant(
            MUNICIPAL_COORDINATOR,
            *(f"dialogues.{action}_forum" for action in ("view", "add", "change")),
            *(
                f"dialogues.{action}_forummembership"
                for action in ("view", "add", "change", "delete")
            ),
        )
        grant(DEPARTMENT_COORDINATOR, "dialogues.view_forum", "dialogues.view_forummembership")
        register_detail_section("dialogues/_organisation_forums.html", organisation_forums)
        audit_display.register_actions(
            {"forum.coordinator_erased": _("Forum coordinator's account erased")}
        )
