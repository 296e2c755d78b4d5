"""Meetings as iCalendar events (RFC 5545), written with the shared writer in
portal/ical.py (``document`` wraps them): one meeting's file ("Add to calendar")
and a representative's personal feed."""

from datetime import datetime

from portal.ical import escape, utc


def meeting_event(
    meeting, *, host: str, url_for, now: datetime, note: str = "", tentative: bool = False
) -> list[str]:
    """One VEVENT; ``note`` (e.g. "on the waiting list") opens the description and
    ``tentative`` marks a meeting the reader is not sure to attend."""
    page = url_for(meeting.get_absolute_url())
    description = "\n\n".join(p for p in (note, meeting.forum.name, meeting.agenda) if p)
    location = ", ".join(p for p in (meeting.place, meeting.online_url) if p)
    if meeting.is_cancelled:
        status = "CANCELLED"
    else:
        status = "TENTATIVE" if tentative else "CONFIRMED"
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{utc(meeting.updated_at or now)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SUMMARY:{escape(meeting.theme)}",
        f"DESCRIPTION:{escape(description)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines += [f"URL:{page}", f"STATUS:{status}", "END:VEVENT"]
    return lines


def forum_events(meetings, *, host: str, url_for, now: datetime) -> list[list[str]]:
    """A forum's feed. A meeting from a MeetingSeries is written as its own VEVENT
    with the stable UID ``meeting-<pk>``, not as the series' RRULE: each occasion is
    its own row and may be moved or cancelled alone, so one event per occasion is
    correct without RECURRENCE-ID/EXDATE bookkeeping; a cancelled occasion keeps
    its UID and says STATUS:CANCELLED, a moved one keeps it and raises SEQUENCE."""
    return [meeting_event(m, host=host, url_for=url_for, now=now) for m in meetings]
