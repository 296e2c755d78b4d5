"""Dialogue forums: forums and their members (forums.py), meetings with their
invitations, registrations and questions (meetings.py), and follow-up items
(followups.py)."""

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
