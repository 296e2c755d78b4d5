"""The admin of the associations' activities, the calendar's entries: coordinators
cancel, hide and show them again, each step audited and told to the association
(``services``), cancelling and hiding with a reason. Registered from ``admin``."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import CleanInputAdminMixin
from portal.recurrence import describe

from . import services
from .forms import ReasonForm
from .models import Activity
from .services import RegisterError


class ActivityHiddenFilter(admin.SimpleListFilter):
    title = _("hidden")
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No")))

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(hidden_at__isnull=self.value() == "no")
        return queryset


@admin.register(Activity)
class ActivityAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    """Activities are the associations' own: coordinators change them only through
    the moderation actions (cancel, hide, show again), each a service that asks for
    a reason, audits and tells the association. The actions are offered in the list
    and, as buttons, on an activity's page (change_form_actions.html)."""

    list_display = (
        "title",
        "organisation",
        "starts_at",
        "repeats",
        "district",
        "is_cancelled",
        "hidden",
    )
    list_filter = ("is_cancelled", ActivityHiddenFilter, "district")
    search_fields = ("title", "organisation__name")
    list_select_related = ("organisation", "district")
    date_hierarchy = "starts_at"
    actions = ["cancel_activities", "hide_activities", "restore_activities"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request, obj=None):
        return request.user.has_perm("organisations.moderate_activity", obj)

    @admin.display(description=_("repeats"))
    def repeats(self, obj):
        return describe(obj.recurrence, obj.starts_at)

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def hidden(self, obj):
        return obj.is_hidden

    def _moderate(self, request, queryset, *, name, service, argument="reason", **page):
        """The intermediate page asking for the reason (what it says of each action
        is in the template), then the service for each activity. From the list
        or, for one activity, from its page, where Django's change-form actions post
        the action's name under a prefixed field."""
        required = page["reason_required"]
        form = ReasonForm(request.POST if "apply" in request.POST else None, required=required)
        activities = queryset.select_related("organisation")
        if form.is_valid():
            done = 0
            for activity in activities:
                try:
                    service(
                        activity=activity,
                        by=request.user,
                        **{argument: form.cleaned_data["reason"]},
                    )
                    done += 1
                except RegisterError as exc:
                    self.message_user(request, f"{activity}: {exc.message}", messages.WARNING)
            if done:
                self.message_user(request, page["done"](done), messages.SUCCESS)
            return None
        on_page = f"{admin.ActionLocation.CHANGE_FORM.value}-action"
        context = {
            **self.admin_site.each_context(request),
            **page,
            "form": form,
            "activities": activities,
            "action_field": on_page if on_page in request.POST else "action",
            "action_name": name,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/organisations/activity/moderate.html", context)

    @admin.action(
        description=_("Cancel with a reason"),
        description_plural=_("Cancel the selected activities with a reason"),
        permissions=["moderate"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def cancel_activities(self, request, queryset):
        return self._moderate(
            request,
            queryset,
            name="cancel_activities",
            title=_("Cancel activities"),
            service=services.activity_cancel_by_coordinator,
            reason_required=True,
            done=lambda n: (
                ngettext("%(count)d activity cancelled.", "%(count)d activities cancelled.", n)
                % {"count": n}
            ),
        )

    @admin.action(
        description=_("Hide with a reason"),
        description_plural=_("Hide the selected activities with a reason"),
        permissions=["moderate"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def hide_activities(self, request, queryset):
        return self._moderate(
            request,
            queryset,
            name="hide_activities",
            title=_("Hide activities"),
            service=services.activity_hide,
            reason_required=True,
            done=lambda n: (
                ngettext("%(count)d activity hidden.", "%(count)d activities hidden.", n)
                % {"count": n}
            ),
        )

    @admin.action(
        description=_("Show again"),
        description_plural=_("Show the selected hidden activities again"),
        permissions=["moderate"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def restore_activities(self, request, queryset):
        return self._moderate(
            request,
            queryset,
            name="restore_activities",
            title=_("Show activities again"),
            service=services.activity_restore,
            argument="message",
            reason_required=False,
            done=lambda n: (
                ngettext("%(count)d activity shown again.", "%(count)d activities shown again.", n)
                % {"count": n}
            ),
        )
