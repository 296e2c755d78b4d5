"""The coordinators' desk for the register: search, filter, approve, archive, export."""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.db.models import Count, ManyToManyField, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from portal.admin import CleanInputAdminMixin
from portal.audit import AuditedAdminMixin

from . import admin_actions, confirmation, exports, search
from . import admin_activities as admin_activities  # registers the activities' admin
from . import admin_search as admin_search  # registers the synonym groups' admin
from .models import (
    ActivityArea,
    Category,
    ConfirmationRound,
    District,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
)
from .uploads import delete_replaced_logo


@admin.register(Category)
class CategoryAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_en", "slug", "position", "organisation_count")
    list_editable = ("name_en", "position")
    search_fields = ("name", "name_en")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(organisation_count=Count("organisations"))

    @admin.display(description=_("associations"), ordering="organisation_count")
    def organisation_count(self, obj):
        return obj.organisation_count


@admin.register(District)
class DistrictAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ActivityArea)
class ActivityAreaAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_en", "kind", "slug")
    list_editable = ("name_en",)
    list_filter = ("kind",)
    search_fields = ("name", "name_en")
    prepopulated_fields = {"slug": ("name",)}


class UnconfirmedFilter(admin.SimpleListFilter):
    title = _("yearly confirmation")
    parameter_name = "unconfirmed"

    def lookups(self, request, model_admin):
        return (("yes", _("Unconfirmed")), ("no", _("Confirmed")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(unconfirmed_since__isnull=False)
        if self.value() == "no":
            return queryset.filter(unconfirmed_since__isnull=True)
        return queryset


class MembershipInline(CleanInputAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    verbose_name_plural = _("representatives (managed by the association itself)")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


EXPORTERS = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}


DISTRICTS_SHOWN = 2


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, CleanInputAdminMixin, admin.ModelAdmin):
    audit_name = "organisation"
    # What a coordinator scans for, narrow enough for 1280 px beside the menu and
    # the filters: categories are a filter, flags are one column of words.
    list_display = ("name", "status", "district_list", "confirmed_on", "attention")
    list_filter = (
        "status",
        UnconfirmedFilter,
        "needs_administrator",
        "has_staff",
        "categories",
        "districts",
        "legal_form",
    )
    search_fields = ("name", "organisation_number", "email")
    # Checkboxes, not filter_horizontal, whose script gives its search icons ARIA
    # attributes their role forbids; the lists are short enough to tick.
    formfield_overrides = {
        **CleanInputAdminMixin.formfield_overrides,
        ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
    readonly_fields = (
        "status",
        "status_reason",
        "created_by",
        "created_at",
        "approved_at",
        "confirmed_at",
        "unconfirmed_since",
        "archived_at",
    )
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]
    actions = [
        *(admin_actions.list_action(name) for name in admin_actions.STEPS),
        "export_csv",
        "export_xlsx",
    ]
    date_hierarchy = "created_at"
    fieldsets = (
        (
            _("Status"),
            {
                "fields": (
                    "status",
                    "status_reason",
                    "needs_administrator",
                    "is_public",
                    "created_by",
                    "created_at",
                    "approved_at",
                    "confirmed_at",
                    "unconfirmed_since",
                    "archived_at",
                )
            },
        ),
        (
            _("About the association"),
            {
                "fields": (
                    "name",
                    "slug",
                    "legal_form",
                    "organisation_number",
                    "categories",
                    "districts",
                    "areas",
                    "description",
                    "logo",
                    "member_count",
                    "has_staff",
                )
            },
        ),
        (
            _("Contact channels"),
            {"fields": ("website", "email", "phone", "address", "social_media")},
        ),
        (
            _("Contact person"),
            {"fields": ("contact_name", "contact_email", "contact_phone", "contact_is_public")},
        ),
        (
            _("Offers and needs"),
            {
                "fields": (
                    "seeks_collaboration",
                    "offers_premises",
                    "offers_volunteers",
                    "offers_knowledge",
                    "offers_needs_text",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("districts")

    @admin.display(description=_("districts"))
    def district_list(self, obj):
        names = [d.name for d in obj.districts.all()]
        if len(names) <= DISTRICTS_SHOWN:
            return ", ".join(names) or "–"
        more = len(names) - DISTRICTS_SHOWN
        return (
            ", ".join(names[:DISTRICTS_SHOWN]) + " " + gettext("+%(count)d more") % {"count": more}
        )

    @admin.display(description=_("confirmed"), ordering="confirmed_at")
    def confirmed_on(self, obj):
        if obj.confirmed_at is None:
            return "–"
        return date_format(timezone.localtime(obj.confirmed_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("needs attention"))
    def attention(self, obj):
        flags = []
        if obj.status == Organisation.Status.PENDING and obj.status_reason:
            flags.append(gettext("Changes asked for"))
        if obj.unconfirmed_since is not None:
            flags.append(gettext("Unconfirmed"))
        if obj.needs_administrator and obj.status != Organisation.Status.ARCHIVED:
            flags.append(gettext("No administrator"))
        return ", ".join(flags) or "–"

    def has_approve_permission(self, request):
        return request.user.has_perm("organisations.approve_organisation")

    def get_search_results(self, request, queryset, search_term):
        """The admin's search box finds what the directory's search finds (Swedish
        stemming, compound heads, misspelled names) and, as the admin did before, any
        name, organisation number or e-mail holding the text. The list keeps its own
        ordering and filters."""
        search_term = search_term.strip()
        if not search_term:
            return queryset, False
        found = search.search(Organisation.objects.all(), search_term).order_by().values("pk")
        holding = Organisation.objects.filter(
            Q(name__icontains=search_term)
            | Q(organisation_number__icontains=search_term)
            | Q(email__icontains=search_term)
        ).values("pk")
        return queryset.filter(Q(pk__in=found) | Q(pk__in=holding)), False

    def has_export_permission(self, request):
        return request.user.has_perm("organisations.export_register")

    # ------------------------------------------------------------ export
    # Two ways, both through exports.py (same columns, same personal-data rule):
    # the changelist's links export what the list shows (its search, filters,
    # date drill-down and sort order, every page), the actions export the rows
    # ticked, or all of them with "select all".

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        export = self.admin_site.admin_view(require_GET(self.export_view))
        step = self.admin_site.admin_view(self.step_view)
        return [
            path("export/<slug:file_format>/", export, name="%s_%s_export" % info),
            path("<path:object_id>/beslut/<slug:step>/", step, name="%s_%s_step" % info),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        steps = admin_actions.steps_for(obj) if obj and self.has_approve_permission(request) else []
        extra_context = {**(extra_context or {}), "status_steps": steps}
        return super().change_view(request, object_id, form_url, extra_context)

    def step_view(self, request, object_id, step):
        """An association's approve / ask / archive button: the same step and
        services as the list action, for this one association."""
        if step not in admin_actions.STEPS:
            raise Http404
        if not self.has_approve_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        change_url = reverse(
            "admin:organisations_organisation_change",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )
        response = admin_actions.apply(
            self,
            request,
            Organisation.objects.filter(pk=obj.pk),
            admin_actions.STEPS[step],
            cancel_url=change_url,
        )
        return response or HttpResponseRedirect(change_url)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_export": self.has_export_permission(request)}
        return super().changelist_view(request, extra_context)

    def export_view(self, request, file_format):
        """The changelist as it stands, built from the same query string."""
        if file_format not in EXPORTERS:
            raise Http404
        if not self.has_export_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # As the changelist does with parameters it cannot read.
            url = reverse(
                "admin:%s_%s_changelist" % (self.opts.app_label, self.opts.model_name),
                current_app=self.admin_site.name,
            )
            return HttpResponseRedirect(f"{url}?{ERROR_FLAG}=1")
        return self._export(request, changelist.queryset, file_format)

    def _export(self, request, queryset, file_format):
        exports.record(request, file_format=file_format, source="admin")
        organisations = queryset.defer("search_vector").prefetch_related("categories", "areas")
        return EXPORTERS[file_format](organisations)

    def save_model(self, request, obj, form, change):
        old_logo = Organisation.objects.filter(pk=obj.pk).values_list("logo", flat=True).first()
        super().save_model(request, obj, form, change)
        delete_replaced_logo(old_logo or "", obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # audited by the mixin
        search.reindex([form.instance.pk])

    @admin.action(
        description=_("Export selected %(verbose_name_plural)s as CSV"), permissions=["export"]
    )
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(
        description=_("Export selected %(verbose_name_plural)s as XLSX"), permissions=["export"]
    )
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")


def _step_outcome(step) -> str:
    if not step.happens:
        return gettext("Does not happen: the round is over by then.")
    if not step.done:
        return gettext("Planned.")
    if step.reached is None:
        return gettext("Done.")
    return ngettext(
        "Sent to %(count)d association.", "Sent to %(count)d associations.", step.reached
    ) % {"count": step.reached}


@admin.register(ConfirmationRound)
class ConfirmationRoundAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    """A round's plan and progress come from organisations.confirmation, which reads
    the sweep's own steps and its delivery log: what the page says is what is sent."""

    list_display = (
        "starts_on",
        "deadline",
        "state",
        "asked_count",
        "confirmed_count",
        "unconfirmed_count",
    )
    date_hierarchy = "starts_on"
    readonly_fields = ("created_at", "plan", "asked_count", "confirmed_count", "unconfirmed_count")

    def get_queryset(self, request):
        return confirmation.with_progress(super().get_queryset(request))

    def get_fieldsets(self, request, obj=None):
        summary = confirmation.schedule_summary()
        if obj is None:
            return [(None, {"fields": ("starts_on", "deadline"), "description": summary})]
        return [
            (None, {"fields": ("starts_on", "deadline", "plan"), "description": summary}),
            (_("Progress"), {"fields": ("asked_count", "confirmed_count", "unconfirmed_count")}),
            (None, {"fields": ("created_at",)}),
        ]

    @admin.display(description=_("status"))
    def state(self, obj):
        today = timezone.localdate()
        if today < obj.starts_on:
            return _("Upcoming")
        return _("Ongoing") if today <= obj.deadline else _("Closed")

    @admin.display(description=_("plan"))
    def plan(self, obj):
        return format_html(
            '<ol class="confirmation-plan">{}</ol>',
            format_html_join(
                "",
                "<li><strong>{}</strong>: {} <em>{}</em></li>",
                (
                    (date_format(step.day), step.text, _step_outcome(step))
                    for step in confirmation.round_plan(obj)
                ),
            ),
        )

    @admin.display(description=_("associations asked"), ordering="asked")
    def asked_count(self, obj):
        return obj.asked

    @admin.display(description=_("confirmed associations"), ordering="confirmed")
    def confirmed_count(self, obj):
        return obj.confirmed

    @admin.display(description=_("unconfirmed associations"), ordering="unconfirmed")
    def unconfirmed_count(self, obj):
        return obj.unconfirmed


class ReadOnlyAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "user", "status", "created_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("organisation", "user")
    search_fields = ("organisation__name", "user__email")


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = (
        "organisation",
        "email",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "withdrawn_at",
    )
    list_select_related = ("organisation",)
    search_fields = ("organisation__name", "email")
    exclude = ("token",)
