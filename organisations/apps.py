from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Association register")

    def ready(self) -> None:
        from PIL import Image

        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        from . import (  # noqa: F401  (registers sweeps, data, audit labels, desk panel, account)
            account,
            audit_actions,
            confirmation,
            desk,
            personal_data,
            search_sync,
        )
        from .uploads import LOGO_MAX_PIXELS

        # Logos are the only images the portal opens: Pillow refuses, anywhere in the
        # process, to open one of more than twice the pixels a logo may have.
        Image.MAX_IMAGE_PIXELS = LOGO_MAX_PIXELS

        search_sync.connect()

        editable = ("category", "district", "activityarea", "organisation", "confirmationround")
        grant(
            MUNICIPAL_COORDINATOR,
            *(
                f"organisations.{action}_{model}"
                for model in editable
                for action in ("view", "add", "change")
            ),
            # The search's synonym groups: a group that means nothing is deleted.
            *(
                f"organisations.{action}_searchsynonymgroup"
                for action in ("view", "add", "change", "delete")
            ),
            "organisations.view_membership",
            "organisations.view_activity",
            "organisations.view_invitation",
            "organisations.view_joinrequest",
        )
        grant(
            DEPARTMENT_COORDINATOR,
            *(
                f"organisations.view_{model}"
                for model in (*editable, "membership", "activity", "searchsynonymgroup")
            ),
        )
