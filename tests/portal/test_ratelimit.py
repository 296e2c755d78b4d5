"""portal/ratelimit.py: counts in Django's cache (Redis when REDIS_URL is set, as in
CI and production), exact under concurrent requests, per key and per window."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache

from portal.ratelimit import Rate, RateLimited, consume

LIMITS = {"test.action": {"user": "3/h,5/d", "organisation": "4/d"}}


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PORTAL_RATE_LIMITS = LIMITS


def allowed(**keys) -> bool:
    try:
        consume("test.action", **keys)
    except RateLimited:
        return False
    return True


def test_rates_parse():
    assert Rate.parse("10/h") == Rate(10, 3600)
    assert Rate.parse("5/15m") == Rate(5, 900)
    assert Rate.parse(" 30 / d ") == Rate(30, 86400)
    for bad in ("10", "ten/h", "10/w", "10/h/ip"):
        with pytest.raises(ValueError):
            Rate.parse(bad)


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False)
def test_at_most_the_limit_per_key_and_window():
    assert [allowed(user=1) for _ in range(4)] == [True, True, True, False]
    assert allowed(user=2)  # another person counts on their own
    with pytest.raises(RateLimited) as refused:
        consume("test.action", user=1)
    assert refused.value.key == "user"
    assert refused.value.retry_after == 3600 + 1  # the hour starts again at 11:00

    with time_machine.travel(datetime(2026, 3, 2, 11, 0, 1, tzinfo=UTC), tick=False):
        # A new hour, but the day's five are used up by the refused attempts too.
        assert [allowed(user=1) for _ in range(2)] == [False, False]
    with time_machine.travel(datetime(2026, 3, 3, 0, 0, 1, tzinfo=UTC), tick=False):
        assert allowed(user=1)


def test_every_named_key_is_counted():
    assert all(allowed(user=n, organisation=7) for n in range(4))
    assert not allowed(user=99, organisation=7)  # the association's four are used
    assert allowed(user=99, organisation=8)
    assert allowed(something_unlimited=1)


def test_no_limit_configured(settings):
    settings.PORTAL_RATE_LIMITS = {}
    assert all(allowed(user=1) for _ in range(50))


def test_concurrent_requests_get_exactly_the_limit():
    def attempt(_n):
        return allowed(organisation=42)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(40)))
    assert results.count(True) == 4


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (set REDIS_URL)")
@time_machine.travel(datetime(2026, 3, 2, 10, 30, tzinfo=UTC), tick=False)
def test_counts_live_in_redis_and_expire():
    """What every web process shares: the count is a Redis integer with an expiry."""
    import redis
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    for _ in range(2):
        consume("test.action", user=5)
    window = int(datetime(2026, 3, 2, 10, 30, tzinfo=UTC).timestamp() // 3600)
    key = cache.make_key(f"ratelimit:test.action:user:5:3600:{window}")
    other_process = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    try:
        assert int(other_process.get(key)) == 2
        assert 3600 < other_process.ttl(key) <= 3660
    finally:
        other_process.close()
