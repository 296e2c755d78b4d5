"""The iCalendar (RFC 5545) writing every feed shares, by hand: CRLF line ends,
lines folded at 75 octets, TEXT values escaped. Times are UTC, except recurring
events, which are written in local time with the Europe/Stockholm VTIMEZONE so a
weekly 18:00 stays 18:00 across the change to and from summer time.

Each app writes its own VEVENT lines (organisations/ical.py for activities,
dialogues for meetings) and wraps them with ``document``."""

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PRODID = "-//Samverkansportalen//Samverkansportalen//SV"
MAX_OCTETS = 75
TZID = "Europe/Stockholm"
LOCAL = ZoneInfo(TZID)

# Central European (summer) time as EU law has it since 1996: last Sunday of March
# and October at 01:00 UTC.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


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


def local(name: str, value: datetime) -> str:
    """A DATE-TIME property in Stockholm local time, e.g. ``DTSTART;TZID=...:...``."""
    return f"{name};TZID={TZID}:{value.astimezone(LOCAL).strftime('%Y%m%dT%H%M%S')}"


def param(value: str) -> str:
    """A parameter value: quoted, without characters that cannot be quoted."""
    cleaned = str(value).replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f'"{cleaned}"'


def document(events: Iterable[list[str]], *, name: str, timezone: bool = False) -> str:
    """A whole VCALENDAR of the given VEVENT line lists; ``timezone`` adds the
    VTIMEZONE that local-time (recurring) events refer to."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
    ]
    if timezone:
        lines.extend(VTIMEZONE)
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
