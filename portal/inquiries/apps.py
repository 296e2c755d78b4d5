from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    """En väg in. It sits above the register (an inquiry may name an association)
    and registers itself with the core: the closed days the working-day calendar
    counts, its sweeps, reminder kinds, desk panel, personal data and audit labels."""

    name = "portal.inquiries"
    label = "inquiries"
    verbose_name = _("One way in")

    def ready(self) -> None:
        from portal import workdays
        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        from . import (  # noqa: F401  (registers labels, sweeps, desk panel, personal data)
            audit_actions,
            desk,
            personal_data,
            sweeps,
        )

        workdays.register_closed_days(_closed_days)
        grant(
            MUNICIPAL_COORDINATOR,
            "inquiries.view_inquiry",
            "inquiries.triage_inquiry",
            *(
                f"inquiries.{action}_{model}"
                for model in ("topic", "routingrule", "closedday")
                for action in ("view", "add", "change", "delete")
            ),
        )
        grant(DEPARTMENT_COORDINATOR, "inquiries.view_inquiry", "inquiries.view_topic")


def _closed_days(first, last):
    from .models import ClosedDay

    return ClosedDay.objects.filter(date__range=(first, last)).values_list("date", flat=True)
