"""The sender's personal data: in the registry (export and erasure with the
account), and erased by the retention sweep a configurable time after the case
closes, the case kept as anonymous statistics."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import personal_data, sweeps
from portal.inquiries import services
from portal.inquiries.models import Inquiry
from tests.organisations.factories import UserFactory, make_municipal_coordinator

from .factories import TopicFactory, assigned, make_official, submit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
PDF = b"%PDF-1.4\n%%EOF\n"


def test_the_registry_exports_the_sent_cases():
    user = UserFactory()
    inquiry, _token = submit(user=user, subject="Lokalfråga")
    exported = personal_data.export_user_data(user)["data"]["inquiries.sent"]
    assert exported[0]["reference"] == inquiry.reference
    assert exported[0]["subject"] == "Lokalfråga"
    readable = personal_data.readable_user_data(user)
    assert not {key for key in readable.unlabelled if key.startswith("inquiries.")}


def test_deleting_the_account_erases_the_sender_but_keeps_the_case():
    user = UserFactory()
    topic = TopicFactory()
    inquiry, _token = submit(user=user, topics=[topic])
    personal_data.erase_user(user)
    inquiry.refresh_from_db()
    assert inquiry.sender_user is None and inquiry.sender_email == "" and inquiry.message == ""
    assert list(inquiry.topics.all()) == [topic] and inquiry.is_erased


def test_the_sweep_erases_a_while_after_closing(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.INQUIRY_RETENTION_DAYS = 30
    official = make_official()
    upload = SimpleUploadedFile("plan.pdf", PDF)
    upload.content_type_checked = "application/pdf"
    closed_on = datetime(2026, 3, 2, 10, tzinfo=TZ)
    with time_machine.travel(closed_on, tick=False):
        inquiry, _token = assigned(official=official, attachment=upload)
        services.inquiry_reply(inquiry=inquiry, body="Hej Amina!", by=official)
        services.inquiry_close(inquiry=inquiry, outcome="answered", text="Svar.", by=official)
        still_open, _t = submit()
    path = tmp_path / inquiry.attachments.get().file.name
    assert path.exists()

    for moment in (closed_on + timedelta(days=29), closed_on + timedelta(days=31)):
        with time_machine.travel(moment, tick=False):
            for _ in range(2):
                with django_capture_on_commit_callbacks(execute=True):
                    sweeps.run_all(moment)
        inquiry.refresh_from_db()
        assert inquiry.is_erased is (moment > closed_on + timedelta(days=30))
    assert inquiry.sender_name == inquiry.sender_email == inquiry.subject == ""
    assert set(inquiry.messages.values_list("body", flat=True)) == {""}
    assert not inquiry.attachments.exists() and not path.exists()
    assert inquiry.kind == "idea" and inquiry.outcome == "answered"  # the statistics stay
    assert not Inquiry.objects.get(pk=still_open.pk).is_erased


def test_an_erased_case_has_no_private_link(client):
    inquiry, token = submit()
    coordinator = make_municipal_coordinator()
    services.inquiry_close(inquiry=inquiry, outcome="answered", text="Svar.", by=coordinator)
    services.erase_sender_data(inquiry)
    assert client.get(f"/en-vag-in/arende/{token}/").status_code == 404
