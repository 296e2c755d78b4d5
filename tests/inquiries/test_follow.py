"""Following a case without an account: the private link shows that one case and
its messages (never the internal notes), takes a reply, serves its attachment,
and can be renewed; a wrong, guessed or renewed-away token is a 404."""

import secrets

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.inquiries import services
from portal.inquiries.models import Inquiry, InquiryMessage
from tests.organisations.factories import UserFactory, make_municipal_coordinator

from .factories import assigned, make_official, submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def follow(token):
    return reverse("inquiries:follow", args=[token])


def test_the_link_shows_the_case_and_what_the_sender_may_read(client):
    official = make_official()
    inquiry, token = assigned(official=official)
    services.inquiry_reply(inquiry=inquiry, body="Hej! Vilka kvällar tänker ni er?", by=official)
    services.inquiry_note(inquiry=inquiry, body="HEMLIG intern anteckning", by=official)
    other, _other_token = submit(subject="Någon annans ärende")
    html = client.get(follow(token)).content.decode()
    assert inquiry.reference in html
    assert "Vilka kvällar tänker ni er?" in html
    assert official.get_full_name() in html  # who holds it now
    assert "HEMLIG" not in html
    assert other.reference not in html and "Någon annans ärende" not in html


@pytest.mark.parametrize(
    "token",
    ["", "x", "a" * 43, secrets.token_urlsafe(32), "a" * 500],
    ids=["empty", "short", "guessed", "random", "enormous"],
)
def test_a_wrong_or_guessed_token_is_404(client, token):
    submit()
    path = f"/en-vag-in/arende/{token}/" if token else "/en-vag-in/arende//"
    assert client.get(path).status_code == 404
    assert client.post(path, {"body": "Hej"}).status_code == 404


def test_a_renewed_link_replaces_the_old_one(client, django_capture_on_commit_callbacks):
    inquiry, token = submit()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inquiries:renew", args=[token]))
    assert response.status_code == 302
    new = response.url.rstrip("/").rsplit("/", 1)[1]
    assert new != token
    assert client.get(follow(token)).status_code == 404
    assert client.get(follow(new)).status_code == 200
    (message,) = mail.outbox
    assert follow(new) in message.body and message.to == [inquiry.sender_email]


def test_the_sender_writes_back_and_the_holder_is_told(client, django_capture_on_commit_callbacks):
    official = make_official()
    inquiry, token = assigned(official=official)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(follow(token), {"body": "Tisdagar och torsdagar."})
    assert response.status_code == 302
    message = inquiry.messages.get(kind=InquiryMessage.Kind.FROM_SENDER)
    assert message.body == "Tisdagar och torsdagar."
    (notice,) = mail.outbox
    assert notice.to == [official.email] and inquiry.reference in notice.subject


def test_an_empty_or_enormous_reply_is_refused_and_kept(client):
    _inquiry, token = submit()
    assert client.post(follow(token), {"body": ""}).status_code == 400
    response = client.post(follow(token), {"body": "å" * 5001})
    assert response.status_code == 400
    assert "å" * 100 in response.content.decode()
    assert not InquiryMessage.objects.filter(kind=InquiryMessage.Kind.FROM_SENDER).exists()


def test_a_closed_case_takes_no_reply(client):
    coordinator = make_municipal_coordinator()
    inquiry, token = submit()
    services.inquiry_close(inquiry=inquiry, outcome="answered", text="Svar.", by=coordinator)
    response = client.get(follow(token))
    assert "Svar." in response.content.decode()
    assert client.post(follow(token), {"body": "En sak till"}).status_code == 400


def test_the_attachment_only_through_its_own_case(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("plan.pdf", PDF)
    upload.content_type_checked = "application/pdf"
    inquiry, token = submit(attachment=upload)
    attachment = inquiry.attachments.get()
    _other, other_token = submit()
    url = reverse("inquiries:follow_attachment", args=[token, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    wrong = reverse("inquiries:follow_attachment", args=[other_token, attachment.pk])
    assert client.get(wrong).status_code == 404


def test_a_logged_in_sender_follows_their_cases_and_nobody_elses(client):
    user = UserFactory()
    mine, _token = submit(user=user, subject="Mitt ärende")
    theirs, _other = submit(user=UserFactory(), subject="Deras ärende")
    client.force_login(user)
    html = client.get(reverse("inquiries:mine")).content.decode()
    assert "Mitt ärende" in html and "Deras ärende" not in html
    assert client.get(reverse("inquiries:mine_detail", args=[mine.reference])).status_code == 200
    assert client.get(reverse("inquiries:mine_detail", args=[theirs.reference])).status_code == 404
    client.post(reverse("inquiries:mine_detail", args=[mine.reference]), {"body": "Tillägg."})
    assert mine.messages.get().author == user


def test_the_sender_pages_make_few_queries(client, django_assert_max_num_queries):
    official = make_official()
    inquiry, token = assigned(official=official)
    for n in range(5):
        services.inquiry_reply(inquiry=inquiry, body=f"Svar {n}", by=official)
    with django_assert_max_num_queries(6):
        assert client.get(follow(token)).status_code == 200
    assert Inquiry.objects.count() == 1
