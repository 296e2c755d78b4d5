"""The core's admin: where coordinators and administrators work."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import (
    AdminFileWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import audit_display, reminders
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


class LabelledFileWidget(AdminFileWidget):
    """Django's admin puts a file input in a fieldset whose legend names it, which
    leaves the input itself without a label (axe-core: "label"); ours has one."""

    use_fieldset = False


class KeyCheckingAutocompleteMixin:
    """Django's autocomplete widget, re-rendering a form with errors, looks up the
    submitted values as keys: a value its key field cannot hold ("abc" for an id) was
    a ValueError, a 500. Such values are left out; the form's error names them."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        key = opts.get_field(remote.field_name) if getattr(remote, "field_name", None) else opts.pk
        return super().optgroups(name, [v for v in value if _holds(key, v)], attr)


def _holds(field, value) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class KeyCheckingAutocompleteSelect(KeyCheckingAutocompleteMixin, AutocompleteSelect):
    pass


class KeyCheckingAutocompleteSelectMultiple(
    KeyCheckingAutocompleteMixin, AutocompleteSelectMultiple
):
    pass


class CleanInputAdminMixin:
    """Every ModelAdmin and inline of the portal: its forms clean their input like
    the public ones (``CleanModelForm``), its changelist refuses lookups that would
    overflow, its actions and autocomplete fields survive junk ids, and an object's history
    shows the audit log's entries for it (what the services did, not only the
    admin's own edits)."""

    form = CleanModelForm
    formfield_overrides = {
        models.FileField: {"widget": LabelledFileWidget},
        models.ImageField: {"widget": LabelledFileWidget},
    }
    object_history_template = "admin/audit_history.html"
    history_entries_shown = 200

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList

    def response_action(self, request, queryset, **kwargs):
        """Django filters the changelist by the ticked ids as they come: "3.5" among
        them was a ValueError, a 500. Ids the key cannot hold are left out (none left:
        Django's "Items must be selected")."""
        name = admin.helpers.ACTION_CHECKBOX_NAME
        ticked = request.POST.getlist(name)
        kept = [value for value in ticked if _holds(self.model._meta.pk, value)]
        if kept != ticked:
            request.POST = request.POST.copy()
            request.POST.setlist(name, kept)
        return super().response_action(request, queryset, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyCheckingAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyCheckingAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        entries = (
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=str(object_id),
            )
            .select_related("actor", "content_type")
            .order_by("-created_at", "-pk")[: self.history_entries_shown]
        )
        audit = [(entry, audit_display.detail_rows(entry)) for entry in entries]
        context = {"audit_entries": audit, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)


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
    """Django's user admin with the e-mail address as the login (no username). An
    administrator connects an official to their department here; whether officials
    see a coordinator's address is the coordinator's own choice (account page)."""

    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (_("In the municipality"), {"fields": ("department", "email_shown_to_officials")}),
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
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "department", "language")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined", "email_shown_to_officials")


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


DOMAIN_APPS = ("portal", "inquiries", "organisations", "dialogues", "partnerships", "surveys")


class AuditActionFilter(admin.SimpleListFilter):
    """The actions by their labels, as registered (portal/audit_display.py)."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        labels = audit_display.registered_actions()
        return sorted(((code, label) for code, label in labels.items()), key=lambda i: str(i[1]))

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class DomainObjectTypeFilter(admin.SimpleListFilter):
    """Object types of the portal's own models that the admin shows, not Django's
    sessions and content types or the search index's words."""

    title = _("object type")
    parameter_name = "content_type"

    def lookups(self, request, model_admin):
        types = ContentType.objects.filter(app_label__in=DOMAIN_APPS)
        named = [(ct, ct.model_class()) for ct in types]
        shown = [(ct, m) for ct, m in named if m and model_admin.admin_site.is_registered(m)]
        return sorted(
            ((ct.pk, capfirst(model._meta.verbose_name_plural)) for ct, model in shown),
            key=lambda i: str(i[1]),
        )

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not str(self.value()).isdigit():
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(content_type_id=int(self.value()))


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "action_label", "object_type", "object_repr", "actor")
    list_filter = (AuditActionFilter, DomainObjectTypeFilter)
    list_select_related = ("actor", "content_type")
    search_fields = ("object_repr", "actor__email")
    date_hierarchy = "created_at"
    fields = ("created_at", "actor", "action_label", "object_type", "object_repr", "details")
    readonly_fields = ("action_label", "object_type", "details")

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, obj):
        return obj.label

    @admin.display(description=_("object type"), ordering="content_type")
    def object_type(self, obj):
        model = obj.content_type.model_class() if obj.content_type_id else None
        return capfirst(model._meta.verbose_name) if model else "–"

    @admin.display(description=_("details"))
    def details(self, obj):
        rows = audit_display.detail_rows(obj)
        if not rows:
            return "–"
        return format_html(
            '<dl class="audit-details">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((r.label, r.value) for r in rows)),
        )


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
