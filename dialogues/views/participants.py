"""The participant list of a meeting, for its coordinators only (the rule
dialogues.view_participants): who comes, their names and needs, the waiting list,
the invitations and the questions sent in, grouped by topic; and the list as CSV or
XLSX, every export audited (names and needs are personal data, needs possibly
health data)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from portal import spreadsheets
from portal.audit import audit_log

from ..models import Meeting, MeetingQuestion, Registration
from ..services.registrations import attendee_name_list


class MeetingPermissionMixin(PermissionRequiredMixin):
    """The meeting among those the user may see (404 otherwise), then the rule (403
    for a logged-in user without it, the login page for a visitor)."""

    permission_required = "dialogues.view_participants"

    @cached_property
    def meeting(self) -> Meeting:
        return get_object_or_404(
            Meeting.objects.visible_to(self.request.user).select_related("forum"),
            forum__slug=self.kwargs["slug"],
            pk=self.kwargs["pk"],
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.meeting

    def registrations(self):
        return list(
            self.meeting.registrations.active()
            .select_related("organisation", "registered_by")
            .order_by("created_at", "pk")
        )


def group_by_topic(questions) -> list[tuple[str, list]]:
    """Questions under their topic, topics written alike (case, spaces) taken as one,
    the most asked first."""
    groups: dict[str, list] = {}
    for question in questions:
        groups.setdefault(" ".join(question.topic.split()).casefold(), []).append(question)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].topic.casefold()))
    return [(group[0].topic, group) for group in ordered]


class ParticipantsView(MeetingPermissionMixin, TemplateView):
    template_name = "dialogues/participants.html"

    def get_context_data(self, **kwargs):
        registrations = self.registrations()
        confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
        waiting = [r for r in registrations if r.status == Registration.Status.WAITING]
        questions = (
            MeetingQuestion.objects.filter(meeting=self.meeting)
            .select_related("organisation")
            .order_by("created_at", "pk")
        )
        return super().get_context_data(
            meeting=self.meeting,
            confirmed=confirmed,
            waiting=waiting,
            attendees=sum(r.attendees for r in confirmed),
            waiting_attendees=sum(r.attendees for r in waiting),
            invited=list(
                self.meeting.invitations.select_related("organisation").order_by(
                    "organisation__name"
                )
            ),
            registered_ids={r.organisation_id for r in registrations},
            topics=group_by_topic(questions),
            **kwargs,
        )


def _columns():
    return [
        (_("Association"), lambda r: r.organisation.name),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Attendees"), lambda r: r.attendees),
        (_("Names"), lambda r: "\n".join(attendee_name_list(r.attendee_names))),
        (_("Needs"), lambda r: r.needs),
        (_("Signed up by"), lambda r: r.registered_by.display_name if r.registered_by else ""),
        (_("E-mail"), lambda r: r.registered_by.email if r.registered_by else r.organisation.email),
        (_("Signed up"), lambda r: r.created_at),
    ]


class ParticipantsExportView(MeetingPermissionMixin, View):
    def get(self, request, *args, file_format, **kwargs):
        columns = _columns()
        headers = [label for label, _value in columns]
        rows = [[value(r) for _label, value in columns] for r in self.registrations()]
        filename = f"deltagare-mote-{self.meeting.pk}-{timezone.localdate():%Y-%m-%d}"
        audit_log(
            actor=request.user,
            action="meeting.participants_exported",
            target=self.meeting,
            data={"format": file_format, "rows": len(rows)},
        )
        if file_format == "xlsx":
            return spreadsheets.xlsx_response(
                headers=headers, rows=rows, title=_("Participants"), filename=f"{filename}.xlsx"
            )
        return spreadsheets.csv_response(headers=headers, rows=rows, filename=f"{filename}.csv")


participants = ParticipantsView.as_view()
participants_export = ParticipantsExportView.as_view()
