"""The coordinators' desk for agreements: parties, term, decision and status."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from portal.admin import CleanInputAdminMixin
from portal.audit import AuditedAdminMixin
from portal.inputs import CleanModelForm

from .models import Agreement, AgreementContribution, AgreementParty, ReportDue


class AgreementPartyInline(CleanInputAdminMixin, admin.TabularInline):
    model = AgreementParty
    extra = 0
    fields = ("organisation",)
    autocomplete_fields = ("organisation",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class AgreementContributionInline(CleanInputAdminMixin, admin.TabularInline):
    """Each side's contribution; the database refuses one from a non-party."""

    model = AgreementContribution
    extra = 0
    fields = ("organisation", "kind", "amount", "hours", "description")
    autocomplete_fields = ("organisation",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class ReportDueInline(CleanInputAdminMixin, admin.StackedInline):
    """The follow-up plan: the reports due, each with its questions and the figures
    asked. What the association writes is done in the portal, not here."""

    model = ReportDue
    extra = 0
    fields = (
        ("title", "kind", "due_on"),
        "questions",
        ("asks_participants", "asks_volunteer_hours", "is_joint"),
        "status",
    )
    readonly_fields = ("status",)


class AgreementAdminForm(CleanModelForm):
    class Meta:
        model = Agreement
        fields = (
            "title",
            "kind",
            "status",
            "purpose",
            "starts_on",
            "ends_on",
            "budget",
            "decision_body",
            "decision_date",
            "case_number",
            "decision_paragraph",
            "departments",
            *Agreement.IOP_CRITERIA,
            "ended_on",
            "end_reason",
        )

    def clean_status(self):
        """A saved agreement moves along its lifecycle (Agreement.TRANSITIONS)."""
        status = self.cleaned_data["status"]
        agreement = self.instance  # still holds the saved values here
        if agreement.pk and not agreement.can_become(status):
            raise ValidationError(
                _("An agreement cannot go from “%(from)s” to “%(to)s”."),
                code="transition",
                params={
                    "from": agreement.get_status_display(),
                    "to": Agreement.Status(status).label,
                },
            )
        return status


@admin.register(Agreement)
class AgreementAdmin(AuditedAdminMixin, CleanInputAdminMixin, admin.ModelAdmin):
    audit_name = "agreement"
    form = AgreementAdminForm
    list_display = (
        "title",
        "kind",
        "status",
        "party_list",
        "starts_on",
        "ends_on",
        "decision_date",
        "case_number",
    )
    list_filter = ("status", "kind", "departments")
    search_fields = ("title", "case_number", "agreement_parties__organisation__name")
    autocomplete_fields = ("departments",)
    readonly_fields = ("created_at", "updated_at", "renewed_from")
    inlines = [AgreementPartyInline, AgreementContributionInline, ReportDueInline]
    fieldsets = (
        (_("About the agreement"), {"fields": ("title", "kind", "status", "purpose")}),
        (_("Term and budget"), {"fields": ("starts_on", "ends_on", "budget")}),
        (
            _("Decision"),
            {"fields": ("decision_body", "decision_date", "decision_paragraph", "case_number")},
        ),
        (_("The municipality"), {"fields": ("departments",)}),
        (_("IOP criteria"), {"fields": Agreement.IOP_CRITERIA}),
        (_("End and renewal"), {"fields": ("ended_on", "end_reason", "renewed_from")}),
        (_("Created and updated"), {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("parties", queryset=Organisation.objects.only("name")))
        )

    @admin.display(description=_("parties"))
    def party_list(self, obj):
        return ", ".join(organisation.name for organisation in obj.parties.all())


from . import admin_collaborations  # noqa: E402, F401  (collaborations, payments, data)
