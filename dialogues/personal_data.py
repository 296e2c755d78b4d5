"""The dialogues' personal data, for "download my data" and "delete my account":
forum coordinators, sign-ups (who made them, attendees' names and needs; needs are
also erased a while after the meeting, dialogues/sweeps_registrations.py),
questions sent in and the personal calendar's address."""

from django.utils.translation import gettext_lazy as _

from portal import personal_data
from portal.audit import audit_log

from .models import CalendarFeed, Forum, MeetingQuestion, Registration


def export_coordinated_forums(user) -> list[dict]:
    return [{"forum": forum.name} for forum in Forum.objects.filter(coordinators=user)]


def erase_coordinated_forums(user) -> None:
    """The forum stays; it loses this coordinator (the municipal coordinators can
    see in the admin which forums have none)."""
    for forum in Forum.objects.filter(coordinators=user):
        forum.coordinators.remove(user)
        audit_log(actor=None, action="forum.coordinator_erased", target=forum)


personal_data.register(
    "dialogues.forum_coordinators",
    label=_("Forums you coordinate"),
    export=export_coordinated_forums,
    erase=erase_coordinated_forums,
    fields={"forum": _("Forum")},
)


# --- Sign-ups and questions ------------------------------------------------------


def export_registrations(user) -> list[dict]:
    """The sign-ups the person made, with the names and needs they gave."""
    return [
        {
            "meeting": r.meeting.theme,
            "starts_at": r.meeting.starts_at,
            "organisation": r.organisation.name,
            "status": r.status,
            "attendees": r.attendees,
            "attendee_names": r.attendee_names,
            "needs": r.needs,
            "created_at": r.created_at,
        }
        for r in Registration.objects.filter(registered_by=user)
        .select_related("meeting", "organisation")
        .order_by("created_at", "pk")
    ]


def erase_registrations(user) -> None:
    """The association's sign-up stays (its places are its own), without the person
    and without the names and needs they typed (which may be their own)."""
    registrations = list(Registration.objects.filter(registered_by=user).only("pk", "meeting_id"))
    for registration in registrations:
        audit_log(actor=None, action="registration.erased", target=registration)
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        registered_by=None, attendee_names="", needs=""
    )


def export_questions(user) -> list[dict]:
    return [
        {
            "meeting": q.meeting.theme,
            "organisation": q.organisation.name,
            "topic": q.topic,
            "text": q.text,
            "created_at": q.created_at,
        }
        for q in MeetingQuestion.objects.filter(submitted_by=user)
        .select_related("meeting", "organisation")
        .order_by("created_at", "pk")
    ]


def erase_questions(user) -> None:
    """The question stays the association's; who sent it is forgotten."""
    MeetingQuestion.objects.filter(submitted_by=user).update(submitted_by=None)


def export_calendar_feed(user) -> list[dict]:
    # The secret address itself is left out: a download is not the place for a key.
    return [{"created_at": f.created_at} for f in CalendarFeed.objects.filter(user=user)]


def erase_calendar_feed(user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


personal_data.register(
    "dialogues.registrations",
    label=_("Sign-ups for forum meetings"),
    export=export_registrations,
    erase=erase_registrations,
    model=Registration,
    fields={"meeting": _("Meeting"), "starts_at": _("Starts")},
)
personal_data.register(
    "dialogues.questions",
    label=_("Questions sent in before forum meetings"),
    export=export_questions,
    erase=erase_questions,
    model=MeetingQuestion,
)
personal_data.register(
    "dialogues.calendar_feed",
    label=_("Your personal meeting calendar"),
    export=export_calendar_feed,
    erase=erase_calendar_feed,
    model=CalendarFeed,
)
