"""What the forums' and meetings' admin gets from the meeting lifecycle, as two
mixins: for the forum, its meetings inline, a filter for forums without a meeting
within their cadence and the page "Create a series" (rule, preview, create); for
the meeting, list filters, the status actions (open registration, close, mark
held, cancel with a reason on a page of its own), all through
dialogues/services/meetings.py, and the times checked beside their fields."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import CleanInputAdminMixin
from portal.inputs import CleanForm

from .models import Forum, Meeting
from .services.meetings import (
    MAX_OCCASIONS,
    MeetingError,
    meeting_move,
    meeting_transition,
    series_create,
    series_dates,
    time_errors,
)


class MeetingInline(CleanInputAdminMixin, admin.TabularInline):
    """The forum's meetings, to read and to open; changes go through the meeting."""

    model = Meeting
    extra = 0
    can_delete = False
    show_change_link = True
    fields = readonly_fields = ("theme", "starts_at", "status", "capacity")
    ordering = ("-starts_at",)
    max_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-starts_at")


class CadenceFilter(admin.SimpleListFilter):
    title = _("cadence")
    parameter_name = "cadence"

    def lookups(self, request, model_admin):
        return [("gap", _("No meeting planned within the cadence"))]

    def queryset(self, request, queryset):
        if self.value() == "gap":
            from .sweeps_cadence import forums_in_gap

            return queryset.filter(pk__in=forums_in_gap(timezone.now()).values("pk"))
        return queryset


class AheadFilter(admin.SimpleListFilter):
    """What the desk links to: the meetings of the coming month."""

    title = _("coming")
    parameter_name = "ahead"

    def lookups(self, request, model_admin):
        return [("30", _("In the coming 30 days"))]

    def queryset(self, request, queryset):
        from .desk import coming

        if self.value() == "30":
            return queryset.filter(coming(timezone.now()))
        return queryset


class WaitingFilter(admin.SimpleListFilter):
    """What the desk links to: meetings that wait on their coordinator."""

    title = _("waiting for")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [
            ("minutes", _("Minutes, 14 days or more after the meeting")),
            ("deadline", _("Closing registration, past the deadline")),
            ("follow_ups", _("Follow-up items past their due date")),
        ]

    def queryset(self, request, queryset):
        from .desk import deadline_passed, follow_ups_overdue, minutes_overdue

        now = timezone.now()
        if self.value() == "minutes":
            return queryset.filter(minutes_overdue(now))
        if self.value() == "deadline":
            return queryset.filter(deadline_passed(now))
        if self.value() == "follow_ups":
            return queryset.filter(follow_ups_overdue(now))
        return queryset


SPLIT_WIDGET = forms.SplitDateTimeWidget(date_attrs={"type": "date"}, time_attrs={"type": "time"})


class SeriesForm(CleanForm):
    theme = forms.CharField(label=_("Theme"), max_length=200)
    first_starts_at = forms.SplitDateTimeField(label=_("First meeting starts"), widget=SPLIT_WIDGET)
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=24 * 60, initial=120
    )
    rule = forms.CharField(
        label=_("Recurrence rule (RRULE)"),
        max_length=200,
        help_text=_(
            "E.g. FREQ=MONTHLY;INTERVAL=6;COUNT=4 (every six months, four times) or "
            "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T230000Z. At most %(max)d meetings."
        )
        % {"max": MAX_OCCASIONS},
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, required=False)
    deadline_days_before = forms.IntegerField(
        label=_("Last day to register, days before each meeting"),
        min_value=0,
        max_value=365,
        required=False,
    )

    def clean(self):
        data = super().clean()
        start, rule = data.get("first_starts_at"), data.get("rule")
        if start and rule:
            try:
                self.dates = series_dates(rule, start)
            except MeetingError as error:
                self.add_error(error.field, error.message)
        return data


class ForumMeetingsAdminMixin:
    """For ForumAdmin: put before ModelAdmin in its bases."""

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [*inlines, MeetingInline] if obj is not None else inlines

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), CadenceFilter]

    def get_urls(self):
        return [
            path(
                "<int:object_id>/series/",
                self.admin_site.admin_view(self.series_view),
                name="dialogues_forum_series",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "series_url": reverse("admin:dialogues_forum_series", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def series_view(self, request, object_id):
        """The rule and the meeting's details; "Show the dates" previews them,
        "Create" makes every meeting or none."""
        forum = get_object_or_404(Forum, pk=object_id)
        if not request.user.has_perm("dialogues.add_meeting"):
            raise PermissionDenied
        form = SeriesForm(request.POST or None)
        dates = None
        if request.method == "POST" and form.is_valid():
            dates = form.dates
            if "create" in request.POST:
                data = form.cleaned_data
                try:
                    series = series_create(
                        forum=forum,
                        by=request.user,
                        rule=data["rule"],
                        first_starts_at=data["first_starts_at"],
                        duration=timedelta(minutes=data["duration_minutes"]),
                        theme=data["theme"],
                        deadline_days_before=data["deadline_days_before"],
                        place=data["place"],
                        capacity=data["capacity"],
                    )
                except MeetingError as error:
                    form.add_error(
                        error.field if error.field in form.fields else None, error.message
                    )
                else:
                    count = series.meetings.count()
                    self.message_user(
                        request,
                        ngettext("%(count)d meeting created.", "%(count)d meetings created.", count)
                        % {"count": count},
                        messages.SUCCESS,
                    )
                    return redirect("admin:dialogues_forum_change", forum.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Create a series of meetings"),
            "opts": self.model._meta,
            "forum": forum,
            "form": form,
            "dates": dates,
            "cancel_url": reverse("admin:dialogues_forum_change", args=[forum.pk]),
        }
        return TemplateResponse(request, "admin/dialogues/forum_series.html", context)


class CancelForm(CleanForm):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Everyone signed up or waiting is told, with this reason."),
    )


class MoveForm(CleanForm):
    starts_at = forms.SplitDateTimeField(label=_("Starts"), widget=SPLIT_WIDGET)
    ends_at = forms.SplitDateTimeField(label=_("Ends"), widget=SPLIT_WIDGET)
    registration_deadline = forms.SplitDateTimeField(
        label=_("Last day to register"),
        widget=SPLIT_WIDGET,
        required=False,
        help_text=_("Empty: registration is open until the meeting starts."),
    )

    def clean(self):
        data = super().clean()
        errors = time_errors(
            data.get("starts_at"), data.get("ends_at"), data.get("registration_deadline")
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return data


class MeetingLifecycleAdminMixin:
    """For MeetingAdmin: put before ModelAdmin in its bases. The status and the
    times change only through the actions (the services), never by editing the
    fields: a move must reach those signed up and the calendars."""

    lifecycle_actions = (
        "open_registration",
        "close_registration",
        "mark_held",
        "move",
        "cancel",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "status", "cancelled_reason"]
        if obj is not None:
            fields += ["starts_at", "ends_at", "registration_deadline"]
        return fields

    def get_list_filter(self, request):
        return ["status", "forum", "forum__department", "starts_at", AheadFilter, WaitingFilter]

    def get_search_fields(self, request):
        return ["theme", "forum__name", "place"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class TimesCheckedForm(form):
            def clean(self):
                data = super().clean()
                errors = time_errors(
                    data.get("starts_at"), data.get("ends_at"), data.get("registration_deadline")
                )
                for field, message in errors.items():
                    if field in self.fields:
                        self.add_error(field, message)
                return data

        return TimesCheckedForm

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if self.actions is None:
            return actions
        for name in self.lifecycle_actions:
            action = self.get_action(name, action_location)
            if action:
                actions[name] = action
        return actions

    def get_urls(self):
        return [
            path(
                "<int:object_id>/move/",
                self.admin_site.admin_view(self.move_view),
                name="dialogues_meeting_move",
            ),
            path(
                "<int:object_id>/cancel/",
                self.admin_site.admin_view(self.cancel_view),
                name="dialogues_meeting_cancel",
            ),
            *super().get_urls(),
        ]

    def _transition(self, request, queryset, to):
        done, refused = 0, []
        for meeting in queryset.select_related("forum"):
            try:
                meeting_transition(meeting=meeting, to=to, by=request.user)
            except MeetingError as error:
                refused.append(f"{meeting.theme}: {error.message}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d meeting changed.", "%(count)d meetings changed.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(
        description=_("Open registration"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def open_registration(self, request, queryset):
        self._transition(request, queryset, Meeting.Status.OPEN)

    @admin.action(
        description=_("Close registration"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def close_registration(self, request, queryset):
        self._transition(request, queryset, Meeting.Status.CLOSED)

    @admin.action(
        description=_("Mark as held"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def mark_held(self, request, queryset):
        self._transition(request, queryset, Meeting.Status.HELD)

    @admin.action(
        description=_("Move to another time…"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def move(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Move one meeting at a time."), messages.WARNING)
            return None
        return redirect("admin:dialogues_meeting_move", queryset.get().pk)

    def move_view(self, request, object_id):
        """The new times, then the move (and the mail to those signed up or waiting)."""
        meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=object_id)
        if not request.user.has_perm("dialogues.change_meeting"):
            raise PermissionDenied
        initial = {
            "starts_at": timezone.localtime(meeting.starts_at),
            "ends_at": timezone.localtime(meeting.ends_at),
            "registration_deadline": meeting.registration_deadline
            and timezone.localtime(meeting.registration_deadline),
        }
        form = MoveForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                meeting_move(meeting=meeting, by=request.user, **form.cleaned_data)
            except MeetingError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                self.message_user(request, _("The meeting is moved."), messages.SUCCESS)
                return redirect("admin:dialogues_meeting_change", meeting.pk)
        return self._meeting_page(
            request, meeting, form, _("Move the meeting"), "admin/dialogues/meeting_move.html"
        )

    def _meeting_page(self, request, meeting, form, title, template):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "meeting": meeting,
            "form": form,
            "told": meeting.registrations.active().count(),
            "cancel_url": reverse("admin:dialogues_meeting_change", args=[meeting.pk]),
        }
        return TemplateResponse(request, template, context)

    @admin.action(
        description=_("Cancel the meeting…"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def cancel(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Cancel one meeting at a time."), messages.WARNING)
            return None
        return redirect("admin:dialogues_meeting_cancel", queryset.get().pk)

    def cancel_view(self, request, object_id):
        """The reason, then the cancellation (and the mail to those signed up)."""
        meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=object_id)
        if not request.user.has_perm("dialogues.change_meeting"):
            raise PermissionDenied
        form = CancelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                meeting_transition(
                    meeting=meeting,
                    to=Meeting.Status.CANCELLED,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except MeetingError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                self.message_user(request, _("The meeting is cancelled."), messages.SUCCESS)
                return redirect("admin:dialogues_meeting_change", meeting.pk)
        return self._meeting_page(
            request, meeting, form, _("Cancel the meeting"), "admin/dialogues/meeting_cancel.html"
        )
