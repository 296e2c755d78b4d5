"""Follow-up items as an inline on the meeting in the admin, and the action that
publishes the minutes: a status change or a new answer is told to the meeting's
participants (dialogues/services/followups.py)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from portal.admin import CleanInputAdminMixin

from .models import FollowUpItem
from .services.followups import follow_up_changed
from .services.minutes import MinutesError, publish_minutes


class FollowUpInline(CleanInputAdminMixin, admin.StackedInline):
    model = FollowUpItem
    fk_name = "meeting"
    extra = 0
    fields = (
        "title",
        "description",
        ("raised_by_organisation", "raised_by_name"),
        ("owner_department", "owner"),
        ("due_on", "status"),
        "reason",
        "answer",
        "answer_published_at",
    )
    readonly_fields = ("answer_published_at",)
    autocomplete_fields = ("raised_by_organisation", "owner", "owner_department")


class MeetingFollowUpAdminMixin:
    """For MeetingAdmin: the follow-up inline, telling participants of changes,
    and the "publish minutes" action."""

    actions = ["publish_minutes_action"]

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), FollowUpInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not FollowUpItem:
            return super().save_formset(request, form, formset, change)
        before = {
            f.instance.pk: {"status": f.initial.get("status"), "answer": f.initial.get("answer")}
            for f in formset.forms
            if f.instance.pk
        }
        super().save_formset(request, form, formset, change)
        for item in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
            old = before.get(item.pk, {"status": FollowUpItem.Status.OPEN, "answer": ""})
            follow_up_changed(item=item, before=old, by=request.user)

    @admin.action(description=_("Publish the minutes"))
    def publish_minutes_action(self, request, queryset):
        for meeting in queryset:
            try:
                publish_minutes(meeting=meeting, by=request.user)
            except MinutesError as exc:
                self.message_user(request, f"{meeting}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, _("Minutes published: %s") % meeting)
