from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(seed_reference_data, sender=self)
        from organisations.views import register_detail_section
        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        from . import (  # noqa: F401  (audit labels, personal data, sweeps, desk, open data)
            api_agreements,
            audit_actions,
            desk_reports,
            personal_data,
            sweeps_renewal,
            sweeps_reports,
        )
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
            *(
                f"partnerships.{action}_agreementcontribution"
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
        self.ready_collaborations()

    def ready_collaborations(self) -> None:
        from organisations.views import register_detail_section
        from portal.roles import DEPARTMENT_COORDINATOR, MUNICIPAL_COORDINATOR, grant

        from . import desk  # noqa: F401  (the panel of what ends within six months)
        from .views.collaborations import organisation_collaborations

        models = ("collaboration", "collaborationpayment")
        grant(
            MUNICIPAL_COORDINATOR,
            *(f"partnerships.{a}_{m}" for m in models for a in ("view", "add", "change")),
            "partnerships.delete_collaborationpayment",
            *(
                f"partnerships.{a}_{m}"
                for m in ("collaborationform", "goalarea")
                for a in ("view", "change")
            ),
        )
        grant(DEPARTMENT_COORDINATOR, *(f"partnerships.view_{m}" for m in models))
        register_detail_section(
            "partnerships/_organisation_collaborations.html", organisation_collaborations
        )


def seed_reference_data(sender, using="default", **kwargs) -> None:
    """Örebro's forms of collaboration and goal areas (migration 0005's rows) back in
    an empty table after a flush, as Django's own content types and permissions come
    back: a test that empties the database, or a fresh one, still has them. A table
    coordinators have filled is left as they keep it."""
    from importlib import import_module

    from django.apps import apps

    from .models import CollaborationForm, GoalArea

    if CollaborationForm.objects.using(using).exists() or GoalArea.objects.using(using).exists():
        return
    import_module("partnerships.migrations.0005_seed_forms_and_goal_areas").seed(apps, None)
