"""iCalendar (RFC 5545) feeds of activities: their VEVENTs, written with the
shared writer in portal/ical.py."""

from datetime import datetime

from django.utils import timezone

from portal.ical import document, escape, param, utc


def _event(activity, *, host: str, url_for, now: datetime) -> list[str]:
    organisation = activity.organisation
    lines = [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@{host}",
        f"DTSTAMP:{utc(activity.updated_at or now)}",
        f"DTSTART:{utc(activity.starts_at)}",
    ]
    if activity.ends_at:
        lines.append(f"DTEND:{utc(activity.ends_at)}")
    lines.append(f"SUMMARY:{escape(activity.title)}")
    description = activity.description
    description = f"{organisation.name}\n\n{description}" if description else organisation.name
    lines.append(f"DESCRIPTION:{escape(description)}")
    location = ", ".join(p for p in [activity.place, str(activity.district or "")] if p)
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines.append(f"ORGANIZER;CN={param(organisation.name)}:{_organizer(organisation, host)}")
    link = activity.url or url_for(organisation.get_absolute_url())
    lines.append(f"URL:{link}")
    lines.append(f"STATUS:{'CANCELLED' if activity.is_cancelled else 'CONFIRMED'}")
    lines.append("END:VEVENT")
    return lines


def _organizer(organisation, host: str) -> str:
    return f"mailto:{organisation.email or 'noreply@' + host}"


def calendar(activities, *, name: str, host: str, url_for, now: datetime | None = None) -> str:
    now = now or timezone.now()
    return document(
        (_event(activity, host=host, url_for=url_for, now=now) for activity in activities),
        name=name,
    )
