"""Sending an inquiry: a few plain steps without JavaScript, with or without an
account; a readable reference at once, a receipt page and an e-mailed receipt with
the expected answer date and the private link; bad input gives a clear message and
keeps what was typed; a double click gives one case; robots and floods get nothing."""

import re
from datetime import datetime
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.inquiries import services
from portal.inquiries.models import Inquiry, InquiryAttachment, InquirySequence, next_reference
from tests.concurrency import first_holds_then
from tests.organisations.factories import (
    ActivityAreaFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

from .factories import TopicFactory, submit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
URL = "/en-vag-in/"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


def form_data(client, **overrides) -> dict:
    form = client.get(URL).context["form"]
    data = {field.html_name: field.value() for field in form.hidden_fields()}
    data.update(
        {
            "kind": "idea",
            "subject": "Läxhjälp på biblioteket",
            "message": "Vi vill ordna läxhjälp två kvällar i veckan i Flemingsberg.",
            "sender_name": "Amina Berg",
            "sender_email": "amina@example.se",
        }
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@time_machine.travel(datetime(2026, 3, 30, 10, tzinfo=TZ), tick=False)
def test_send_without_an_account_gives_a_reference_receipt_and_link(
    client, django_capture_on_commit_callbacks
):
    topic = TopicFactory(name="Lokaler")
    district = DistrictFactory(name="Flemingsberg")
    group = ActivityAreaFactory(name="Barn och unga", kind="target_group")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            form_data(client, topics=[topic.pk], districts=[district.pk], target_groups=[group.pk]),
        )
    inquiry = Inquiry.objects.get()
    assert inquiry.reference == "EVI-2026-00001"
    assert response.status_code == 302
    assert response.url == reverse("inquiries:receipt", args=[inquiry.reference])
    assert list(inquiry.topics.all()) == [topic]
    assert list(inquiry.districts.all()) == [district]
    assert list(inquiry.target_groups.all()) == [group]
    assert inquiry.status == Inquiry.Status.RECEIVED
    assert inquiry.sender_user is None
    # Received Monday 30 March 2026: acknowledged by Wednesday 1 April, answered
    # within ten working days over Easter (3 and 6 April off): Wednesday 15 April.
    assert inquiry.acknowledge_due_at.astimezone(TZ).date().isoformat() == "2026-04-01"
    assert inquiry.answer_due_at.astimezone(TZ).date().isoformat() == "2026-04-15"

    page = client.get(response.url).content.decode()
    assert "EVI-2026-00001" in page
    assert "15 april 2026" in page
    link = re.search(r'href="(http://testserver/en-vag-in/arende/[^"]+/)"', page).group(1)
    assert client.get(link).status_code == 200

    (receipt,) = mail.outbox
    assert receipt.to == ["amina@example.se"]
    assert "EVI-2026-00001" in receipt.subject
    assert "15 april 2026" in receipt.body
    assert link.removeprefix("http://testserver") in receipt.body
    # Only the hash of the link is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in inquiry.token_hash and len(inquiry.token_hash) == 64


def test_the_receipt_page_is_only_for_the_session_that_sent(client):
    client.post(URL, form_data(client))
    inquiry = Inquiry.objects.get()
    other = client.__class__()
    assert other.get(reverse("inquiries:receipt", args=[inquiry.reference])).status_code == 404


def test_a_double_click_gives_one_case(client, django_capture_on_commit_callbacks):
    data = form_data(client)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, data)
        second = client.post(URL, data)
    assert Inquiry.objects.count() == 1
    assert second.status_code == 302 and second.url == first.url
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_makes_one_case():
    key = uuid4()
    data = {
        "kind": "question",
        "subject": "Hej",
        "message": "En fråga om lokaler för vår förening.",
        "sender_name": "Bo",
        "sender_email": "bo@example.se",
    }

    def send():
        return services.inquiry_submit(
            data=data, user=AnonymousUser(), ip="192.0.2.1", language="sv", submission=key
        )

    first, second = first_holds_then(send, send)
    assert isinstance(first, tuple)
    assert isinstance(second, services.AlreadySent)
    assert second.inquiry.pk == first[0].pk
    assert Inquiry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_references_taken_at_once_are_different():
    first, second = first_holds_then(lambda: next_reference(2026), lambda: next_reference(2026))
    assert {first, second} == {"EVI-2026-00001", "EVI-2026-00002"}


def test_each_year_starts_its_own_sequence():
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=TZ), tick=False):
        assert submit()[0].reference == "EVI-2026-00001"
        assert submit()[0].reference == "EVI-2026-00002"
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=TZ), tick=False):
        assert submit()[0].reference == "EVI-2027-00001"
    assert dict(InquirySequence.objects.values_list("year", "last")) == {2026: 2, 2027: 1}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"message": ""}, "message", "Skriv ditt meddelande."),
        ({"message": "x" * 5001}, "message", "högst 5000 tecken"),
        ({"message": "Hej"}, "message", "Skriv lite mer"),
        ({"sender_email": "inte-en-adress"}, "sender_email", "giltig e-postadress"),
        ({"kind": ""}, "kind", "Välj vad du vill skicka."),
        ({"kind": "offer"}, "offer", "Välj vad du erbjuder."),
    ],
)
def test_bad_input_is_explained_and_nothing_typed_is_lost(client, overrides, field, message):
    response = client.post(URL, form_data(client, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "Läxhjälp på biblioteket" in html  # the subject typed is still there
    assert Inquiry.objects.count() == 0


def test_an_attachment_of_the_wrong_type_is_refused(client):
    fake = SimpleUploadedFile("program.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(URL, {**form_data(client), "attachment": fake})
    assert response.status_code == 400
    assert "pdf" in " ".join(response.context["form"].errors["attachment"])
    assert Inquiry.objects.count() == 0


def test_an_attachment_too_large_is_refused(client, settings):
    settings.INQUIRY_ATTACHMENT_MAX_BYTES = 100
    big = SimpleUploadedFile("plan.pdf", PDF + b"0" * 200, "application/pdf")
    response = client.post(URL, {**form_data(client), "attachment": big})
    assert response.status_code == 400
    assert "för stor" in " ".join(response.context["form"].errors["attachment"])


def test_an_attachment_is_stored_privately(client, private_media):
    upload = SimpleUploadedFile("plan.pdf", PDF, "text/html")
    client.post(URL, {**form_data(client), "attachment": upload})
    attachment = InquiryAttachment.objects.get()
    assert attachment.content_type == "application/pdf"  # what it is, not what was said
    assert attachment.name == "plan.pdf" and attachment.size == len(PDF)
    assert (private_media / attachment.file.name).read_bytes() == PDF
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_the_honeypot_stores_and_sends_nothing(client):
    response = client.post(URL, form_data(client, website="http://spam.example"))
    assert response.status_code == 302
    assert Inquiry.objects.count() == 0
    assert mail.outbox == []


def test_rate_limits_per_address_and_per_ip(client, settings):
    settings.PORTAL_RATE_LIMITS = {"inquiries.submit": {"ip": "4/h", "email": "2/h"}}
    for _ in range(2):
        assert client.post(URL, form_data(client)).status_code == 302
    refused = client.post(URL, form_data(client))
    assert refused.status_code == 429
    assert "Du kan skicka fler om" in refused.content.decode()
    assert client.post(URL, form_data(client, sender_email="ny@example.se")).status_code == 302
    assert client.post(URL, form_data(client, sender_email="tre@example.se")).status_code == 429
    assert Inquiry.objects.count() == 3


def test_logged_in_the_form_is_prefilled_and_offers_ones_associations(client):
    user = UserFactory(first_name="Felix", last_name="Ek", email="felix@example.se")
    own = MembershipFactory(user=user).organisation
    OrganisationFactory(name="Någon annans förening")
    client.force_login(user)
    form = client.get(URL).context["form"]
    assert form["sender_name"].value() == "Felix Ek"
    assert form["sender_email"].value() == "felix@example.se"
    assert list(form.fields["organisation"].queryset) == [own]
    client.post(URL, form_data(client, organisation=own.pk))
    inquiry = Inquiry.objects.get()
    assert inquiry.sender_user == user and inquiry.organisation == own


def test_an_association_one_does_not_represent_is_refused(client):
    user = UserFactory()
    MembershipFactory(user=user)
    client.force_login(user)
    stranger = OrganisationFactory()
    response = client.post(URL, form_data(client, organisation=stranger.pk))
    assert response.status_code == 400
    assert Inquiry.objects.count() == 0


def test_without_associations_the_question_is_not_asked(client):
    assert "organisation" not in client.get(URL).context["form"].fields


def test_the_form_page_makes_few_queries(client, django_assert_max_num_queries):
    TopicFactory.create_batch(5)
    DistrictFactory.create_batch(5)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200
