"""En väg in in the admin: topics, routing rules and closed days, which
coordinators edit, and the cases to read (they are handled on the case page,
through the services, so that every step is told, timed and audited)."""

from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin import CleanInputAdminMixin
from portal.audit import AuditedAdminMixin, audit_log

from . import services
from .models import ClosedDay, Inquiry, RoutingRule, Topic


@admin.register(Topic)
class TopicAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_en", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name", "name_en")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(RoutingRule)
class RoutingRuleAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("topic", "department", "official", "priority")
    list_editable = ("priority",)
    list_filter = ("department", "topic")
    list_select_related = ("topic", "department", "official")
    autocomplete_fields = ("official",)


@admin.register(ClosedDay)
class ClosedDayAdmin(AuditedAdminMixin, CleanInputAdminMixin, admin.ModelAdmin):
    """A closed day changes open cases' deadlines: they are computed again."""

    audit_name = "closedday"
    list_display = ("date", "reason")
    date_hierarchy = "date"
    search_fields = ("reason",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.deadlines_recompute(by=request.user)

    @transaction.atomic
    def delete_model(self, request, obj):
        audit_log(
            actor=request.user, action="closedday.deleted", target=obj, data={"date": str(obj.date)}
        )
        super().delete_model(request, obj)
        services.deadlines_recompute(by=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for day in queryset:
            audit_log(
                actor=request.user,
                action="closedday.deleted",
                target=day,
                data={"date": str(day.date)},
            )
        super().delete_queryset(request, queryset)
        services.deadlines_recompute(by=request.user)


@admin.register(Inquiry)
class InquiryAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "kind",
        "status",
        "department",
        "assignee",
        "received_at",
        "acknowledge_due_at",
        "answer_due_at",
        "handover_count",
        "case_page",
    )
    list_filter = ("status", "kind", "outcome", "department", "topics")
    list_select_related = ("department", "assignee")
    search_fields = ("reference",)
    date_hierarchy = "received_at"
    exclude = ("sender_name", "sender_email", "sender_user", "subject", "message")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("case page"))
    def case_page(self, obj):
        url = reverse("inquiries:case", args=[obj.reference])
        return format_html('<a href="{}">{}</a>', url, _("Open the case"))
