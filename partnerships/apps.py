from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from organisations.views import register_detail_section
        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        # Registers audit labels, reminder kinds, sweeps and the reports' desk panel.
        from . import audit_actions, desk_reports, personal_data, sweeps_reports  # noqa: F401
        from .views import organisation_agreements
        from .views.reports import organisation_reports

        # An agreement is a record: it ends (status), it is not deleted; a party
        # added by mistake may be removed.
        grant(
            MUNICIPAL_COORDINATOR,
            *(f"partnerships.{action}_agreement" for action in ("view", "add", "change")),
            *(
                f"partnerships.{action}_agreementparty"
                for action in ("view", "add", "change", "delete")
            ),
        )
        grant(
            DEPARTMENT_COORDINATOR,
            "partnerships.view_agreement",
            "partnerships.view_agreementparty",
        )
        register_detail_section(
            "partnerships/_organisation_agreements.html", organisation_agreements
        )
        register_detail_section("partnerships/_organisation_reports.html", organisation_reports)
        # The follow-up plan is set up in the agreement's admin (an inline).
        grant(
            MUNICIPAL_COORDINATOR,
            *(f"partnerships.{action}_reportdue" for action in ("view", "add", "change", "delete")),
        )
        grant(DEPARTMENT_COORDINATOR, "partnerships.view_reportdue")
