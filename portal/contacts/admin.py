"""The admin of Hitta rätt: municipal coordinators keep the topics and every path, a
department coordinator its department's paths (the queryset and the rules narrow
the lists and the choices). Saves are audit-logged and reindexed, and count as a
review, as the officials' own form does."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import ManyToManyField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import CleanInputAdminMixin
from portal.audit import AuditedAdminMixin
from portal.models import Department

from . import search, services
from .models import ContactPath, Topic, departments_in_charge


@admin.register(Topic)
class TopicAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_en", "position")
    list_editable = ("position",)
    search_fields = ("name", "name_en")
    prepopulated_fields = {"slug": ("name",)}


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Not reviewed for a year"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.review_due(timezone.localdate())
        return queryset


@admin.register(ContactPath)
class ContactPathAdmin(AuditedAdminMixin, CleanInputAdminMixin, admin.ModelAdmin):
    audit_name = "contact_path"
    list_display = ("title", "department", "role", "is_published", "reviewed_at")
    list_filter = ("is_published", ReviewDueFilter, "department", "topics")
    list_select_related = ("department",)
    search_fields = ("title", "role", "description")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("reviewed_at", "reviewed_by", "created_by", "created_at", "updated_at")
    formfield_overrides = {
        **CleanInputAdminMixin.formfield_overrides,
        ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
    actions = ["mark_reviewed"]
    fieldsets = (
        (
            _("What visitors can get help with"),
            {"fields": ("title", "slug", "description", "topics", "target_groups")},
        ),
        (_("Who answers"), {"fields": ("department", "role", "email", "phone", "opening_hours")}),
        (
            _("A named person, with their consent"),
            {
                "fields": (
                    "person",
                    "person_name",
                    "person_email",
                    "person_phone",
                    "person_is_public",
                )
            },
        ),
        (
            _("More"),
            {"fields": ("related_page", "related_page_title", "valid_until", "is_published")},
        ),
        (
            _("Review"),
            {"fields": ("reviewed_at", "reviewed_by", "created_by", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).changeable_by(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and request.user.has_perm("contacts.change_contactpath", obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        departments = departments_in_charge(request.user)
        if db_field.name == "department":
            queryset = Department.objects.all()
            kwargs["queryset"] = (
                queryset if departments is None else queryset.filter(pk__in=departments)
            )
        if db_field.name == "person":
            queryset = get_user_model().objects.filter(is_active=True, department__isnull=False)
            kwargs["queryset"] = (
                queryset if departments is None else queryset.filter(department__in=departments)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.reviewed_at, obj.reviewed_by = timezone.now(), request.user
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.reindex([form.instance.pk])

    @admin.action(description=_("Mark as reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        done = 0
        for path in queryset:
            try:
                services.contact_path_mark_reviewed(path=path, by=request.user)
            except services.ContactPathError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d contact path marked as reviewed.",
                "%(count)d contact paths marked as reviewed.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
