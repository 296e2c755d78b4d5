"""iCalendar (RFC 5545) feeds of activities: their VEVENTs, written with the
shared writer in portal/ical.py. A repeating activity is one VEVENT with its RRULE,
its times in local time (TZID) so that 18:00 stays 18:00 over summer time; the
others in UTC. URL is the activity's own page."""

from datetime import datetime

from django.utils import timezone

from portal.ical import document, escape, local, param, utc


def _times(activity) -> list[str]:
    if not activity.recurrence:
        lines = [f"DTSTART:{utc(activity.starts_at)}"]
        if activity.ends_at:
            lines.append(f"DTEND:{utc(activity.ends_at)}")
        return lines
    lines = [local("DTSTART", activity.starts_at)]
    if activity.ends_at:
        lines.append(local("DTEND", activity.ends_at))
    lines.append(f"RRULE:{activity.recurrence}")
    return lines


def _event(activity, *, host: str, url_for, now: datetime) -> list[str]:
    organisation = activity.organisation
    lines = [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@{host}",
        f"DTSTAMP:{utc(activity.updated_at or now)}",
        *_times(activity),
        f"SUMMARY:{escape(activity.title)}",
    ]
    parts = [organisation.name, activity.description, activity.url]
    text = "\n\n".join(part for part in parts if part)
    lines.append(f"DESCRIPTION:{escape(text)}")
    location = ", ".join(p for p in [activity.place, str(activity.district or "")] if p)
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines.append(f"ORGANIZER;CN={param(organisation.name)}:{_organizer(organisation, host)}")
    lines.append(f"URL:{url_for(activity.get_absolute_url())}")
    lines.append(f"STATUS:{'CANCELLED' if activity.is_cancelled else 'CONFIRMED'}")
    lines.append("END:VEVENT")
    return lines


def _organizer(organisation, host: str) -> str:
    return f"mailto:{organisation.email or 'noreply@' + host}"


def calendar(activities, *, name: str, host: str, url_for, now: datetime | None = None) -> str:
    """A VCALENDAR of the activities, with the VTIMEZONE when one of them repeats."""
    now = now or timezone.now()
    activities = list(activities)
    return document(
        (_event(activity, host=host, url_for=url_for, now=now) for activity in activities),
        name=name,
        timezone=any(activity.recurrence for activity in activities),
    )
