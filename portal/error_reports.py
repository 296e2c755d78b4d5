"""Error reports to Sentry, when ``SENTRY_DSN`` is set, without personal data.

sentry-sdk's Django and Celery integrations report unhandled errors in views and
tasks. ``send_default_pii`` stays off, so no user, cookie, header or request body
is attached; and since an exception's message, a log line or a local variable may
still carry an address someone typed, ``scrub`` replaces every e-mail address,
Swedish personal identity number and phone number in the event before it leaves.
"""

import re
from typing import Any

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# ÅÅÅÅMMDD-NNNN or ÅÅMMDD-NNNN (with - or +), and Swedish phone numbers.
PERSONAL_NUMBER = re.compile(r"\b(?:19|20)?\d{6}[-+]?\d{4}\b")
PHONE = re.compile(r"(?:\+46|\b0)[ -]?\d[\d -]{5,13}\d\b")
REPLACEMENTS = ((EMAIL, "[e-mail]"), (PERSONAL_NUMBER, "[personnummer]"), (PHONE, "[phone]"))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        for pattern, replacement in REPLACEMENTS:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


def scrub(event: dict, hint: dict | None = None) -> dict:
    """``before_send``: the event with personal data replaced, everywhere in it."""
    event = _clean(event)
    event.pop("user", None)
    return event


def init(dsn: str, *, environment: str, release: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        before_send=scrub,
        before_send_transaction=scrub,
        traces_sample_rate=traces_sample_rate,
    )
