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
