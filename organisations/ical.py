"""iCalendar (RFC 5545) feeds of activities, written by hand: CRLF line ends,
lines folded at 75 octets, TEXT values escaped, times in UTC."""

from datetime import UTC, datetime

from django.utils import timezone

PRODID = "-//Samverkansportalen//Foreningsregistret//SV"
MAX_OCTETS = 75


def escape(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newlines."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (RFC 5545 3.1), never
    splitting a UTF-8 character; continuation lines start with one space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    parts = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
            limit = MAX_OCTETS - 1  # the leading space counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


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
    lines.append(f"ORGANIZER;CN={_param(organisation.name)}:{_organizer(organisation, host)}")
    link = activity.url or url_for(organisation.get_absolute_url())
    lines.append(f"URL:{link}")
    lines.append(f"STATUS:{'CANCELLED' if activity.is_cancelled else 'CONFIRMED'}")
    lines.append("END:VEVENT")
    return lines


def _param(value: str) -> str:
    """A parameter value: quoted, without characters that cannot be quoted."""
    cleaned = str(value).replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f'"{cleaned}"'


def _organizer(organisation, host: str) -> str:
    return f"mailto:{organisation.email or 'noreply@' + host}"


def calendar(activities, *, name: str, host: str, url_for, now: datetime | None = None) -> str:
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Europe/Stockholm",
    ]
    for activity in activities:
        lines.extend(_event(activity, host=host, url_for=url_for, now=now))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
