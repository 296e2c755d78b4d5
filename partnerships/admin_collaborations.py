"""Collaborations in the administration, for the municipal coordinators: filters by
department, form, goal area and public, search by title and association, and the
payments per department and year inline. Every save is audited; the forms of
collaboration and the goal areas are data the coordinators keep."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from portal.admin import CleanInputAdminMixin
from portal.audit import AuditedAdminMixin

from .models import Collaboration, CollaborationForm, CollaborationPayment, GoalArea
from .models.collaborations import departments_in_charge


class PaymentInline(CleanInputAdminMixin, admin.TabularInline):
    model = CollaborationPayment
    extra = 0
    fields = ("year", "department", "amount")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department")


@admin.register(Collaboration)
class CollaborationAdmin(AuditedAdminMixin, CleanInputAdminMixin, admin.ModelAdmin):
    audit_name = "collaboration"
    list_display = ("title", "department_list", "association_list", "starts_on", "ends_on")
    list_filter = ("is_public", "departments", "forms", "goal_areas")
    search_fields = ("title", "description", "contact_role", "associations__name")
    autocomplete_fields = ("departments", "associations")
    filter_horizontal = ("forms", "goal_areas", "target_groups")
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = [PaymentInline]
    fieldsets = (
        (_("About the collaboration"), {"fields": ("title", "description", "is_public")}),
        (_("Who collaborates"), {"fields": ("departments", "associations", "contact_role")}),
        (_("How and for whom"), {"fields": ("forms", "goal_areas", "target_groups")}),
        (_("Period"), {"fields": ("starts_on", "ends_on")}),
        (_("Created and updated"), {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def has_add_permission(self, request):
        # Officials and department coordinators record on their own pages, where the
        # departments they may choose are checked; the admin is the municipality's.
        return departments_in_charge(request.user) is None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return departments_in_charge(request.user) is None and super().has_change_permission(
            request, obj
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "departments",
                Prefetch("associations", queryset=Organisation.objects.only("name")),
            )
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("departments"))
    def department_list(self, obj):
        return ", ".join(department.name for department in obj.departments.all())

    @admin.display(description=_("associations"))
    def association_list(self, obj):
        return ", ".join(organisation.name for organisation in obj.associations.all())


@admin.register(CollaborationForm, GoalArea)
class NamedDataAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_en", "position")
    list_editable = ("position",)
    search_fields = ("name", "name_en")
