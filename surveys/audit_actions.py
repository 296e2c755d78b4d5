"""The labels of the audit actions the surveys' services write."""

from django.utils.translation import gettext_lazy as _

from portal import audit_display

audit_display.register_actions(
    {
        "survey.opened": _("Survey opened"),
        "survey.closed": _("Survey closed"),
        "survey.copied": _("Survey copied"),
        "survey.created_from_template": _("Survey created from a template"),
        "survey.next_round": _("Next round of a survey started"),
        "survey.sent": _("Survey sent"),
        "survey.results_exported": _("Survey results exported"),
        "survey.admin_created": _("Survey created in the admin"),
        "survey.admin_changed": _("Survey changed in the admin"),
        "survey_question.admin_created": _("Survey question created in the admin"),
        "survey_question.admin_changed": _("Survey question changed in the admin"),
    }
)
