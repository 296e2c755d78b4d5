"""How often a person may do something that reaches other people (an invitation,
a request to join): counted in Django's cache, which is Redis in production and CI,
so every web process shares the counts (local memory without REDIS_URL).

The limits are settings, ``PORTAL_RATE_LIMITS = {action: {key: "10/h,30/d"}}``: for
each key a service names (``user``, ``organisation``), at most that many in each
window. Windows are fixed (a day is a UTC day), the cheapest count that a single
atomic ``incr`` keeps exact under concurrent requests.
"""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """``"30/d"``, ``"10/h"``, ``"5/15m"``: a count per (a number of) units."""
        match = RATE.match(text)
        if not match:
            raise ValueError(f"Not a rate: {text!r} (for example 10/h or 5/15m)")
        count, number, unit = match.groups()
        return cls(int(count), int(number or 1) * UNITS[unit])


class RateLimited(Exception):
    """Over a limit; ``retry_after`` is how many seconds until the window ends."""

    def __init__(self, action: str, key: str, retry_after: int):
        super().__init__(f"{action} rate-limited by {key}, retry after {retry_after} s")
        self.action, self.key, self.retry_after = action, key, retry_after


def rates(action: str) -> dict[str, list[Rate]]:
    configured = getattr(settings, "PORTAL_RATE_LIMITS", {}).get(action) or {}
    return {key: [Rate.parse(part) for part in spec.split(",")] for key, spec in configured.items()}


def _incr(key: str, timeout: int) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # first in its window
        if cache.add(key, 1, timeout):
            return 1
        return cache.incr(key)


def consume(action: str, **keys: object) -> None:
    """Count one ``action`` for each named key (``user=7, organisation=3``) and raise
    ``RateLimited`` if any of the configured limits is now exceeded. Refused attempts
    count too, so hammering does not shorten the wait. Keys without a configured
    limit are not counted."""
    now = time.time()
    exceeded: RateLimited | None = None
    for name, limits in rates(action).items():
        if name not in keys:
            continue
        for rate in limits:
            window = int(now // rate.seconds)
            counter = f"ratelimit:{action}:{name}:{keys[name]}:{rate.seconds}:{window}"
            # Kept a little past its window, so it never expires while still counted.
            if _incr(counter, rate.seconds + 60) > rate.count:
                retry_after = int((window + 1) * rate.seconds - now) + 1
                if exceeded is None or retry_after > exceeded.retry_after:
                    exceeded = RateLimited(action, name, retry_after)
    if exceeded is not None:
        raise exceeded
