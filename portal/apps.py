from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import audit_display, pagecache, personal_data, sweeps  # noqa: F401  (the core's own entries)
        from .roles import sync_after_the_last_app

        audit_display.register_actions(
            {
                "account.erased": _("Account erased"),
                "coordinator.assigned": _("Coordinator appointed"),
                "coordinator.unassigned": _("Coordinator's assignment ended"),
            }
        )

        post_migrate.connect(sync_after_the_last_app, dispatch_uid="portal.sync_role_permissions")
        # Every committed write moves the content version of the cached pages.
        pagecache.connect()
