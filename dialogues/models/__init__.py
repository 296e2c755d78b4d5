"""Dialogue forums: forums and their members (forums.py), meetings with their
invitations, registrations and questions (meetings.py), follow-up items
(followups.py) and representatives' personal meeting calendars (feeds.py)."""

from .feeds import CalendarFeed
from .followups import FollowUpItem
from .forums import Forum, ForumMembership, ForumQuerySet
from .meetings import (
    MAX_ATTENDEES,
    Meeting,
    MeetingInvitation,
    MeetingQuestion,
    MeetingSeries,
    Registration,
)

__all__ = [
    "MAX_ATTENDEES",
    "CalendarFeed",
    "FollowUpItem",
    "Forum",
    "ForumMembership",
    "ForumQuerySet",
    "Meeting",
    "MeetingInvitation",
    "MeetingQuestion",
    "MeetingSeries",
    "Registration",
]
