"""Sign-up with a new address and with one that already has an account: how long
the answer takes, which must not tell the two apart (ACCOUNT_PREVENT_ENUMERATION).

Runs the whole request through Django's test client with Django's default password
hasher (the tests' fast one would hide the difference) and a mail server that takes
BENCH_SMTP_SECONDS (default 0.3) per message. Tasks go to an in-memory broker, as
they would go to Redis for the worker: nothing enqueued is run here.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_h1 .venv/bin/python benchmarks/signup.py
"""

import os
import statistics
import time
import uuid

import harness  # sets Django up first
from django.contrib.auth import get_user_model  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.mail.backends import locmem  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from portal.celery import app  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SMTP_SECONDS = float(os.environ.get("BENCH_SMTP_SECONDS", "0.3"))
PASSWORD = "ett-langt-losenord-42"
DEFAULT_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


def slow_smtp(send):
    def send_messages(self, messages):
        time.sleep(SMTP_SECONDS * len(messages))
        return send(self, messages)

    return send_messages


def sign_up(email: str) -> float:
    client = Client()
    started = time.perf_counter()
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed * 1000


def main() -> None:
    harness.migrated()
    locmem.EmailBackend.send_messages = slow_smtp(locmem.EmailBackend.send_messages)
    app.conf.task_always_eager = False
    prefix = f"bench-signup-{uuid.uuid4().hex[:8]}"
    existing = f"{prefix}-existing@example.se"
    with override_settings(
        PASSWORD_HASHERS=DEFAULT_HASHERS, ACCOUNT_RATE_LIMITS=False, ALLOWED_HOSTS=["testserver"]
    ):
        sign_up(existing)  # the account that already exists; also warms up
        new, taken = [], []
        for n in range(RUNS):
            new.append(sign_up(f"{prefix}-{n}@example.se"))
            taken.append(sign_up(existing))
    get_user_model().objects.filter(email__startswith=prefix).delete()
    harness.say(f"Sign-up, {RUNS} runs each, mail server {SMTP_SECONDS * 1000:.0f} ms a message")
    harness.say(f"  mails sent within the requests: {len(getattr(mail, 'outbox', []))}")
    for label, values in (("new address", new), ("existing account", taken)):
        harness.say(
            f"  {label:18} median {statistics.median(values):6.0f} ms"
            f"  p95 {harness.p95(values):6.0f} ms"
        )
    harness.say(harness.load_average())


if __name__ == "__main__":
    main()
