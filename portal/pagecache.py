"""Anonymous visitors' pages kept whole in the cache, and one version number that
changes whenever the data they show does.

Everyone who is not logged in sees the same directory, calendar and association
pages, so ``cache_anonymous_page`` keeps each rendered page in the cache (Redis in
production) under a key made of the address (scheme, host, path and the query with
its parameters sorted), the language and the day, together with the content version
read before it was rendered: it is served only while that is still the version (one
round trip reads both). Logged-in visitors, a visitor with messages waiting and any
response that is not a plain 200 without cookies bypass it. Each process remembers
the addresses it was asked for lately, and looks a page up or keeps it only when
asked for it again within PAGE_CACHE_SECONDS: a search typed once costs not even a
round trip and leaves nothing in the cache, and a page another process keeps is
served here from the second request.

The version is bumped after every committed write to a table, whichever code wrote
it (a service's ``save()``, a queryset ``update()``, ``bulk_create``, the search
index's raw SQL, another process such as the Celery worker): a database execute
wrapper sees each INSERT, UPDATE, DELETE and TRUNCATE, so no list of signals can
miss one, and no page is served stale after a change. Only tables that no public
page shows (sessions, the logs) leave it alone. ``PAGE_CACHE_SECONDS`` bounds what
changes with time alone (an activity that has just ended).

A cached page holds no visitor's state: the CSRF tokens of its forms (the language
switch) are stored as a placeholder and each visitor gets their own on the way out,
with the CSRF cookie as Django would set it. A cache that cannot be reached is no
error: the page is rendered as without it (and a bump lost then leaves pages at most
PAGE_CACHE_SECONDS old).

``kept`` keeps in process memory what many pages render alike, whatever their
address (the directory's choice lists), under the same version: computed once per
version, so a change shows at once there too.

``versioned_etag`` gives the feeds and the open-data API an ETag made from the same
version, so a client asking again with If-None-Match gets 304 without a query.
"""

import hashlib
import logging
import re
import threading
import time
from contextlib import suppress
from functools import cache as cache_results
from functools import wraps
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition
from redis import RedisError

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
# Page keys each process remembers as asked for (a key and a time: ~150 bytes each).
ASKED_LIMIT = 10_000
# Tables no cached page or feed shows: writing them leaves the version alone, so a
# sign-up or login (the account, its session) or a sweep's delivery log does not
# empty the cache, and a sign-up with a new address does no more work than one with
# a known address (tests/portal/test_signup_enumeration.py).
UNSHOWN_MODELS = (
    settings.AUTH_USER_MODEL,
    "sessions.Session",
    "admin.LogEntry",
    "portal.AuditEntry",
    "portal.ReminderDelivery",
    "account.EmailAddress",
    "account.EmailConfirmation",
)
# The table a statement writes: its first word, or after a WITH's queries. TRUNCATE
# (a test's flush) names several tables: it always counts.
_WRITE = re.compile(
    r'\s*(?:WITH\b.*?\b)?(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|(TRUNCATE))\s+"?([\w.]*)',
    re.I | re.S,
)
_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = b"@@portal-csrf-token@@"


# ---------------------------------------------------------------- the version
def version() -> int:
    """The content version. A missing counter (a flushed or new cache) starts from
    the clock in microseconds, above any version a page still cached was keyed by."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        current = cache.get(VERSION_KEY)
    return current


def bump() -> None:
    """A new version: every cached page and ETag made before is out of date."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet: any fresh one is new
        version()


@cache_results
def _unshown_tables() -> frozenset[str]:
    return frozenset(apps.get_model(label)._meta.db_table for label in UNSHOWN_MODELS)


def _watch_writes(execute, sql, params, many, context):
    """Execute wrapper: after a write to a shown table, bump once the transaction
    commits (at once in autocommit), so a page rendered in between is keyed by the
    old version and never read again. One bump per transaction (savepoint)."""
    result = execute(sql, params, many, context)
    if match := _WRITE.match(sql):
        truncate, table = match.groups()
        connection = context["connection"]
        shown = truncate or table.rsplit(".", 1)[-1] not in _unshown_tables()
        if shown and not _bump_pending(connection):
            # robust: a cache that cannot be reached is logged, the commit stands.
            transaction.on_commit(bump, using=connection.alias, robust=True)
    return result


def _bump_pending(connection) -> bool:
    """Whether this transaction (at its current savepoint) will bump already."""
    savepoints = set(connection.savepoint_ids)
    return any(
        func is bump and sids == savepoints for sids, func, _robust in connection.run_on_commit
    )


def watch_writes(sender, connection, **kwargs) -> None:
    """connection_created receiver: install the wrapper once per connection object."""
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def connect() -> None:
    connection_created.connect(watch_writes, dispatch_uid="portal.pagecache.watch_writes")


# ---------------------------------------------------------------- values kept
_KEPT: dict[str, tuple[int, object]] = {}


def _unversioned_writes() -> bool:
    """Whether the open transaction wrote a shown table: its own reads see data the
    version does not count until it commits (a test's transaction never does)."""
    pending = transaction.get_connection().run_on_commit
    return any(func is bump for _sids, func, _robust in pending)


def kept(key: str, compute):
    """``compute()``'s value at the current content version, kept in this process
    under ``key`` (which names everything else it depends on, e.g. the language).
    Computed afresh while the transaction holds uncounted writes, or when the cache
    cannot be reached. The version is read before the data, as for pages."""
    if _unversioned_writes():
        return compute()
    try:
        current = version()
    except RedisError:
        return compute()
    found = _KEPT.get(key)
    if found is not None and found[0] == current:
        return found[1]
    value = compute()
    _KEPT[key] = (current, value)
    return value


# ---------------------------------------------------------------- anonymous pages
def _address(request) -> str:
    """Scheme, host, path and the parameters sorted: the same page whatever their
    order. The search words stay as typed, since the page shows them back."""
    pairs = sorted((key, value) for key, values in request.GET.lists() for value in values)
    return f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(pairs)}"


def page_key(request, kind: str) -> str:
    # The day: a calendar's period and "still running" start from today.
    parts = (kind, translation.get_language(), str(timezone.localdate()), _address(request))
    return "pagecache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _lookup(key: str) -> tuple[int, dict | None]:
    """The current version and the page kept under ``key`` if it was rendered at
    that version, in one round trip to the cache."""
    found = cache.get_many([VERSION_KEY, key])
    current = found.get(VERSION_KEY) or version()
    entry = found.get(key)
    return current, entry if entry is not None and entry["version"] == current else None


class _Asked:
    """The page keys this process was asked for lately, each with when it was last,
    least recent first and at most ASKED_LIMIT of them: remembering costs no round
    trip, where a marker in the cache would cost one on every first request."""

    def __init__(self):
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()  # a threaded server (runserver, live_server)

    def again(self, key: str, *, within: int) -> bool:
        """Note that ``key`` is asked for now; whether it was within ``within`` seconds."""
        now = time.time()
        with self._lock:
            last = self._last.pop(key, None)
            self._last[key] = now
            if len(self._last) > ASKED_LIMIT:
                del self._last[next(iter(self._last))]
        return last is not None and now - last < within

    def clear(self) -> None:
        with self._lock:
            self._last.clear()


_asked = _Asked()


def _bypass(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS <= 0
        or request.method != "GET"
        or request.user.is_authenticated
        or len(get_messages(request)) > 0
    )


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not request.user.is_authenticated  # the view logged nobody in
    )


def _from_cache(request, entry: dict) -> HttpResponse:
    content = entry["content"]
    if _CSRF_PLACEHOLDER in content:
        parts = content.split(_CSRF_PLACEHOLDER)
        content = parts[0] + b"".join(get_token(request).encode() + part for part in parts[1:])
    return HttpResponse(content, content_type=entry["content_type"])


def cache_anonymous_page(kind: str):
    """Keep the view's page for anonymous visitors (see the module's docstring).
    ``kind`` names the page in its key ("directory", "calendar" …)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if _bypass(request):
                return view(request, *args, **kwargs)
            key = page_key(request, kind)
            if not _asked.again(key, within=settings.PAGE_CACHE_SECONDS):
                return view(request, *args, **kwargs)  # perhaps never asked for again
            try:
                current, entry = _lookup(key)  # the version is read before the data
            except RedisError:
                logger.warning("page cache unreachable: rendering %s", request.path)
                return view(request, *args, **kwargs)
            if entry is not None:
                return _from_cache(request, entry)
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                content = _CSRF_VALUE.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
                entry = {
                    "version": current,
                    "content": content,
                    "content_type": response["Content-Type"],
                }
                with suppress(RedisError):  # kept next time, if the cache is back
                    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            return response

        return wrapped

    return decorator


# ---------------------------------------------------------------- feeds and the API
def _etag(request, *args, **kwargs) -> str | None:
    """The content version, the day (feeds and lists start from today), the language
    (the API follows Accept-Language), who asks (an activity's file may be one only
    its people see: a 304 goes only to whom the 200 went, and a change of their
    rights is a write that moves the version) and the address."""
    try:
        current = version()
    except RedisError:  # no ETag: the answer is made in full
        return None
    parts = (
        str(current),
        str(timezone.localdate()),
        translation.get_language(),
        str(request.user.pk),
        _address(request),
    )
    return '"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"'


def versioned_etag(*, public: bool = True):
    """ETag from the content version (If-None-Match → 304 without reading the data)
    and Cache-Control: public or private, max-age FEED_MAX_AGE_SECONDS."""

    def decorator(view):
        conditional = condition(etag_func=_etag)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = conditional(request, *args, **kwargs)
            visibility = {"public": True} if public else {"private": True}
            patch_cache_control(response, max_age=settings.FEED_MAX_AGE_SECONDS, **visibility)
            return response

        return wrapped

    return decorator
