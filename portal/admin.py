"""The core's admin: where coordinators and administrators work."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from . import reminders
from .inputs import CleanInputMixin, CleanModelForm
from .models import AuditEntry, CoordinatorAssignment, Department, ReminderDelivery, SitePage, User
from .services import coordinator_assign, coordinator_unassign


class BoundedChangeList(ChangeList):
    """A changelist whose date drill-down cannot overflow: ``?created_at__year=`` with
    twenty digits (or 9999, whose next year does not exist) is a lookup the admin
    cannot read, shown as such, like any other."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as e:
            raise IncorrectLookupParameters(e) from e


class CleanInputAdminMixin:
    """Every ModelAdmin and inline of the portal: its forms clean their input like
    the public ones (``CleanModelForm``), its changelist refuses lookups that would
    overflow."""

    form = CleanModelForm

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList


class UserCreationForm(CleanInputMixin, auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeForm(CleanInputMixin, auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(CleanInputAdminMixin, auth_admin.UserAdmin):
    """Django's user admin with the e-mail address as the login (no username)."""

    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "first_name", "last_name", "language", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "language")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")


@admin.register(Department)
class DepartmentAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "email", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "slug", "email")
    prepopulated_fields = {"slug": ("name",)}


class CoordinatorScopeFilter(admin.SimpleListFilter):
    title = _("scope")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("municipal", _("Whole municipality")), ("department", _("Department"))]

    def queryset(self, request, queryset):
        if self.value() == "municipal":
            return queryset.municipal()
        if self.value() == "department":
            return queryset.filter(department__isnull=False)
        return queryset


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    """Saving and deleting go through portal.services, so the group, admin
    access and the audit log follow the assignment."""

    list_display = ("user", "department_or_municipality", "created_at")
    list_filter = (CoordinatorScopeFilter, "department")
    list_select_related = ("user", "department")
    search_fields = ("user__email", "user__first_name", "user__last_name", "department__name")
    autocomplete_fields = ("user",)
    fields = ("user", "department")

    @admin.display(description=_("department"), ordering="department__name")
    def department_or_municipality(self, obj):
        return obj.department or _("the whole municipality")

    def get_readonly_fields(self, request, obj=None):
        # An assignment is made or ended, never moved: delete it and add another.
        return ("user", "department") if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            return
        assignment = coordinator_assign(user=obj.user, department=obj.department, by=request.user)
        obj.pk = assignment.pk
        obj.created_at = assignment.created_at

    def delete_model(self, request, obj):
        coordinator_unassign(assignment=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "department"):
            coordinator_unassign(assignment=assignment, by=request.user)


class ReadOnlyAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    """Nobody adds, changes or deletes these rows in the admin, not even a superuser."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "action", "content_type", "object_repr", "actor")
    list_filter = ("action", "content_type")
    list_select_related = ("actor", "content_type")
    search_fields = ("object_repr", "actor__email")
    date_hierarchy = "created_at"
    fields = ("created_at", "actor", "action", "content_type", "object_id", "object_repr", "data")


class ReminderKindFilter(admin.SimpleListFilter):
    """The kinds the log holds, by their labels (the codes mean nothing to a
    coordinator); one query, as Django's filter on the field's values."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).order_by().values_list("kind", flat=True)
        choices = ((code, reminders.kind_label(code)) for code in codes.distinct())
        return sorted(choices, key=lambda choice: str(choice[1]))

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("kind_label", "recipient_email", "due", "created_at", "sent_at")
    list_filter = (ReminderKindFilter, ("sent_at", admin.EmptyFieldListFilter))
    list_select_related = ("content_type",)
    search_fields = ("recipient_email", "kind")
    date_hierarchy = "due"
    fields = (
        "kind_label",
        "content_type",
        "object_id",
        "recipient",
        "recipient_email",
        "due",
        "created_at",
        "sent_at",
    )
    readonly_fields = ("kind_label",)

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return obj.kind_label


@admin.register(SitePage)
class SitePageAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("slug", "title_sv", "title_en", "updated_at")
    search_fields = ("slug", "title_sv", "title_en")
    readonly_fields = ("updated_at",)
