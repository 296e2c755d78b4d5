from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Registers audit labels, the desk panel, personal data, reminder kinds
        # (invitation, receipt, reminders) and sweeps.
        from . import audit_actions, desk, personal_data, sweeps  # noqa: F401
        from .services import answering, sending  # noqa: F401
