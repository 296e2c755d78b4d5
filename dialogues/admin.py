"""The coordinators' desk for forums: who runs them and which associations take
part; meetings with their sign-ups and invitations (admin_invitations.py)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from portal.admin import CleanInputAdminMixin
from portal.audit import AuditedAdminMixin

from .admin_followups import MeetingFollowUpAdminMixin
from .admin_invitations import MeetingSignupAdminMixin
from .admin_meetings import ForumMeetingsAdminMixin, MeetingLifecycleAdminMixin
from .models import Forum, ForumMembership, Meeting


class ForumMembershipInline(CleanInputAdminMixin, admin.TabularInline):
    model = ForumMembership
    extra = 0
    fields = ("organisation", "joined_on")
    autocomplete_fields = ("organisation",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


@admin.register(Forum)
class ForumAdmin(
    ForumMeetingsAdminMixin, AuditedAdminMixin, CleanInputAdminMixin, admin.ModelAdmin
):
    audit_name = "forum"
    list_display = (
        "name",
        "kind",
        "audience",
        "department",
        "cadence_months",
        "organisation_count",
        "is_active",
    )
    list_filter = ("is_active", "kind", "audience", "department")
    list_select_related = ("department",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("department", "coordinators", "contact_paths")
    readonly_fields = ("created_at", "updated_at")
    inlines = [ForumMembershipInline]
    fieldsets = (
        (
            _("About the forum"),
            {"fields": ("name", "slug", "kind", "audience", "cadence_months", "description")},
        ),
        (
            _("Responsibility"),
            {"fields": ("department", "coordinators", "contact_paths", "is_active")},
        ),
        (_("Created and updated"), {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(organisation_count=Count("memberships"))

    @admin.display(description=_("associations"), ordering="organisation_count")
    def organisation_count(self, obj):
        return obj.organisation_count


@admin.register(Meeting)
class MeetingAdmin(
    MeetingLifecycleAdminMixin,
    MeetingFollowUpAdminMixin,
    MeetingSignupAdminMixin,
    AuditedAdminMixin,
    CleanInputAdminMixin,
    admin.ModelAdmin,
):
    """The meeting: its sign-ups and invitations (admin_invitations.py), its
    filters, status actions and cancelling (admin_meetings.py)."""

    audit_name = "meeting"
    list_display = ("theme", "forum", "starts_at", "status", "capacity")
    list_select_related = ("forum",)
    search_fields = ("theme", "forum__name", "place")
    date_hierarchy = "starts_at"
    readonly_fields = ("created_at", "updated_at")
