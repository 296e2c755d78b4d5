"""The labels of the audit actions the dialogues' services write."""

from django.utils.translation import gettext_lazy as _

from portal import audit_display

audit_display.register_actions(
    {
        "forum.coordinator_erased": _("Forum coordinator's account erased"),
        "registration.created": _("Association signed up for a meeting"),
        "registration.changed": _("Sign-up changed"),
        "registration.cancelled": _("Sign-up cancelled"),
        "registration.promoted": _("Given a place from the waiting list"),
        "registration.needs_erased": _("Attendees' needs erased after the meeting"),
        "registration.erased": _("Sign-up's personal data erased with an account"),
        "question.submitted": _("Question sent in before a meeting"),
        "meeting.invited": _("Associations invited to a meeting"),
        "meeting.participants_exported": _("Participant list exported"),
        "meeting.created": _("Meeting created"),
        "meeting.series_created": _("Series of meetings created"),
        "meeting.moved": _("Meeting moved"),
        "meeting.planned": _("Meeting back to planned"),
        "meeting.registration_opened": _("Registration opened for a meeting"),
        "meeting.registration_closed": _("Registration closed for a meeting"),
        "meeting.held": _("Meeting marked as held"),
        "meeting.cancelled": _("Meeting cancelled"),
        "meeting.minutes_published": _("Minutes published"),
        "follow_up.changed": _("Follow-up item changed and participants told"),
        "calendar_feed.renewed": _("Personal meeting calendar address made"),
    }
)
