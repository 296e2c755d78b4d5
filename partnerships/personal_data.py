"""The partnerships' personal data, for "download my data" and "delete my account":
who uploaded an agreement's documents, who submitted or reviewed a follow-up
report, and who recorded a collaboration. The documents, the reports' texts and
the collaborations stay (the record of the decision, the association's account);
the person is removed from them."""

from django.utils.translation import gettext_lazy as _

from portal import personal_data

from .models import AgreementDocument, Collaboration, ReportDue, ReportVersion


def export_uploaded_documents(user) -> list[dict]:
    return [
        {"agreement": d.agreement.title, "document": d.name, "uploaded": d.created_at}
        for d in AgreementDocument.objects.filter(uploaded_by=user).select_related("agreement")
    ]


def erase_uploaded_documents(user) -> None:
    AgreementDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)


personal_data.register(
    "partnerships.agreement_documents",
    label=_("Documents you added to agreements"),
    export=export_uploaded_documents,
    erase=erase_uploaded_documents,
    model=AgreementDocument,
    fields={"agreement": _("Agreement"), "document": _("Document"), "uploaded": _("Uploaded")},
)


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


def export_recorded(user) -> list[dict]:
    return [
        {"title": c.title, "created_at": c.created_at}
        for c in Collaboration.objects.filter(created_by=user).order_by("created_at", "pk")
    ]


def erase_recorded(user) -> None:
    Collaboration.objects.filter(created_by=user).update(created_by=None)


personal_data.register(
    "partnerships.collaborations_recorded",
    label=_("Collaborations you recorded"),
    export=export_recorded,
    erase=erase_recorded,
    model=Collaboration,
)
