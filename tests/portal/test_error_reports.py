"""Error reports (portal/error_reports.py): with SENTRY_DSN set, errors from views,
tasks and logs are reported, and no e-mail address, personal identity number or
phone number leaves in them."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from portal.error_reports import scrub

ROOT = Path(settings.BASE_DIR)

# Run with the test settings and SENTRY_DSN: reports an exception, an error logged by
# a task and an error in a view, and prints what the transport would have sent.
REPORTER = r"""
import json, logging
import django
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport

sent = []

class Recording(Transport):
    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                sent.append(item.payload.json)

client = sentry_sdk.get_client()
client.transport = Recording(client.options)
try:
    raise ValueError("Kunde inte skicka till anna.svensson@example.se, 19800101-1234")
except ValueError:
    sentry_sdk.capture_exception()
logging.getLogger("portal.tasks").error("Mail to erik@example.org (070-123 45 67) bounced")
from django.test import Client
Client(raise_request_exception=False).get("/foreningar/", {"q": "x" * 10}, HTTP_HOST="testserver")
client.flush()
print(json.dumps({"options": {"send_default_pii": client.options["send_default_pii"]},
                  "events": sent}))
"""


def test_reports_leave_without_personal_data():
    result = subprocess.run(
        [sys.executable, "-c", REPORTER],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "SENTRY_DSN": "https://public@sentry.invalid/1",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["options"]["send_default_pii"] is False
    events = report["events"]
    assert len(events) >= 2  # the exception and the logged error
    text = json.dumps(events)
    assert "[e-mail]" in text and "[personnummer]" in text and "[phone]" in text
    for personal in ("anna.svensson@example.se", "19800101-1234", "erik@example.org", "070-123"):
        assert personal not in text
    assert all("user" not in event for event in events)


def test_scrub_reaches_every_part_of_an_event():
    event = {
        "message": "från lisa@example.se",
        "exception": {"values": [{"value": "ring 08-535 300 10", "type": "ValueError"}]},
        "breadcrumbs": {"values": [{"message": "login lisa@example.se"}]},
        "extra": {"sender": ("Lisa", "lisa@example.se"), "count": 3},
        "request": {"data": {"email": "lisa@example.se"}, "url": "/en-vag-in/"},
        "user": {"email": "lisa@example.se", "ip_address": "10.0.0.1"},
    }
    cleaned = scrub(event)
    assert "lisa@example.se" not in json.dumps(cleaned)
    assert "535 300 10" not in json.dumps(cleaned)
    assert "user" not in cleaned
    assert cleaned["extra"]["count"] == 3 and cleaned["request"]["url"] == "/en-vag-in/"
