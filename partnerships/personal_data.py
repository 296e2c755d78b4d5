"""The follow-up reports' personal data, for "download my data" and "delete my
account": who submitted a version or reviewed a report. The texts are the
association's and stay with its agreement; the person is removed from them."""

from django.utils.translation import gettext_lazy as _

from portal import personal_data

from .models import ReportDue, ReportVersion


def export_reports(user) -> list[dict]:
    versions = [
        {
            "report": v.report.title,
            "agreement": v.report.agreement.title,
            "version": v.number,
            "submitted_at": v.submitted_at,
        }
        for v in ReportVersion.objects.filter(submitted_by=user)
        .select_related("report__agreement")
        .order_by("submitted_at", "pk")
    ]
    reviews = [
        {"report": r.title, "agreement": r.agreement.title, "reviewed_at": r.reviewed_at}
        for r in ReportDue.objects.filter(reviewed_by=user)
        .select_related("agreement")
        .order_by("reviewed_at", "pk")
    ]
    return versions + reviews


def erase_reports(user) -> None:
    ReportVersion.objects.filter(submitted_by=user).update(submitted_by=None)
    ReportDue.objects.filter(submitted_by=user).update(submitted_by=None)
    ReportDue.objects.filter(reviewed_by=user).update(reviewed_by=None)


personal_data.register(
    "partnerships.reports",
    label=_("Follow-up reports you submitted or reviewed"),
    export=export_reports,
    erase=erase_reports,
    fields={
        "report": _("Report"),
        "agreement": _("Agreement"),
        "version": _("Version"),
        "submitted_at": _("Submitted"),
        "reviewed_at": _("Reviewed"),
    },
)
