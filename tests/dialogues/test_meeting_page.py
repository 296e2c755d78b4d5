"""The meeting page: what a visitor sees, what a representative does there (sign up,
be told about the waiting list, change, cancel, send a question), a refused form
shown again with what was typed, its calendar file, and a constant number of
queries however many sign-ups."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogues.models import Forum, Meeting, MeetingInvitation, MeetingQuestion, Registration
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import ForumFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def url(meeting, name="meeting", *args):
    return reverse(f"dialogues:{name}", args=[meeting.forum.slug, meeting.pk, *args])


@pytest.fixture
def meeting():
    return MeetingFactory(
        theme="Lokaler för föreningslivet",
        agenda="1. Lokalbehov\n2. Bokningssystemet",
        capacity=10,
        hearing_loop=True,
        interpretation="Teckenspråkstolk",
        accessibility_notes="Ingång från parken.",
        online_url="https://mote.example.se/abc",
    )


@pytest.fixture
def rep(client):
    membership = MembershipFactory(organisation=OrganisationFactory(name="Segeltorps IF"))
    client.force_login(membership.user)
    return membership


def test_a_visitor_sees_the_meeting(client, meeting):
    page = client.get(url(meeting)).content.decode()
    for text in (
        "Lokaler för föreningslivet",
        "Lokalbehov",
        "Hörslinga",
        "Inte fritt från trappsteg",
        "Teckenspråkstolk",
        "Ingång från parken.",
        "10 av 10 kvar",
        "Öppen för anmälan till och med",
        "Lägg till i kalender",
        "Logga in för att anmäla din förening.",
        "https://mote.example.se/abc",
    ):
        assert text in page, text
    assert "Deltagare" not in page  # the participant list is for coordinators


def test_a_meeting_of_a_forum_the_user_may_not_see_is_not_found(client):
    internal = MeetingFactory(forum=ForumFactory(audience=Forum.Audience.INTERNAL))
    assert client.get(url(internal)).status_code == 404
    other = MeetingFactory()
    wrong_forum = reverse("dialogues:meeting", args=[ForumFactory().slug, other.pk])
    assert client.get(wrong_forum).status_code == 404


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Meeting.Status.PLANNED, "Anmälan har inte öppnat än."),
        (Meeting.Status.CLOSED, "Anmälan har stängt."),
        (Meeting.Status.CANCELLED, "Mötet är inställt."),
        (Meeting.Status.HELD, "Mötet har hållits."),
    ],
)
def test_the_state_of_registration_in_words(client, rep, status, words):
    meeting = MeetingFactory(status=status, cancelled_reason="Sjukdom")
    page = client.get(url(meeting)).content.decode()
    assert words in page
    assert f'action="{url(meeting, "sign_up")}"' not in page


def test_a_representative_signs_up_and_sees_it(
    client, rep, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(meeting, "sign_up"),
            {"organisation": rep.organisation.pk, "attendees": "3", "needs": "Rullstolsplats"},
            follow=True,
        )
    page = response.content.decode()
    assert "Segeltorps IF är anmäld med 3 deltagare." in page
    assert "Segeltorps IF:\n      anmäld" in page
    assert "7 av 10 kvar" in page
    registration = Registration.objects.get()
    assert (registration.attendees, registration.needs) == (3, "Rullstolsplats")
    assert registration.registered_by == rep.user
    assert [m.to for m in mailoutbox] == [[rep.user.email]]


def test_a_full_meeting_says_the_sign_up_goes_to_the_waiting_list(client, rep):
    meeting = MeetingFactory(capacity=2)
    RegistrationFactory(meeting=meeting, attendees=2)
    page = client.get(url(meeting)).content.decode()
    assert "Fullt (2 platser)" in page
    assert "Ställ dig på väntelistan" in page
    response = client.post(
        url(meeting, "sign_up"),
        {"organisation": rep.organisation.pk, "attendees": "1"},
        follow=True,
    )
    page = response.content.decode()
    assert "Mötet är fullt: Segeltorps IF står på väntelistan, som nummer 1." in page
    assert "Nummer 1 på väntelistan." in page
    assert Registration.objects.get(organisation=rep.organisation).status == "waiting"


@pytest.mark.parametrize(
    ("attendees", "message"),
    [
        ("0", "Anmäl minst 1 deltagare."),
        ("-3", "Anmäl minst 1 deltagare."),
        ("51", "Högst 50 deltagare per förening."),
        ("99999999999999999999", "Högst 50 deltagare per förening."),
        ("två", "Skriv antalet deltagare som ett heltal"),
        ("", "Skriv hur många som kommer."),
    ],
)
def test_a_bad_number_is_refused_beside_the_field_and_nothing_typed_is_lost(
    client, rep, meeting, attendees, message
):
    response = client.post(
        url(meeting, "sign_up"),
        {"organisation": rep.organisation.pk, "attendees": attendees, "needs": "Glutenfritt"},
    )
    assert response.status_code == 200
    form = response.context["signup_form"]
    assert message in " ".join(form.errors["attendees"])
    page = response.content.decode()
    assert 'id="id_attendees_error"' in page
    assert "Glutenfritt" in page
    assert not Registration.objects.exists()


def test_names_are_asked_for_when_the_meeting_asks(client, rep):
    meeting = MeetingFactory(asks_for_names=True)
    response = client.post(
        url(meeting, "sign_up"),
        {"organisation": rep.organisation.pk, "attendees": "2", "attendee_names": "Anna Berg"},
    )
    assert response.context["signup_form"].errors["attendee_names"] == [
        "Skriv namnen på alla 2 deltagare, ett namn per rad (du skrev 1)."
    ]
    assert "Anna Berg" in response.content.decode()
    assert not Registration.objects.exists()


def test_twice_and_after_the_deadline(client, rep, meeting):
    RegistrationFactory(meeting=meeting, organisation=rep.organisation)
    page = client.get(url(meeting)).content.decode()
    assert f'action="{url(meeting, "sign_up")}"' not in page  # nothing left to sign up
    response = client.post(
        url(meeting, "sign_up"), {"organisation": rep.organisation.pk, "attendees": "1"}
    )
    assert response.context["signup_form"].errors["organisation"]
    assert Registration.objects.count() == 1

    late = MeetingFactory(registration_deadline=timezone.now() - timedelta(hours=1))
    response = client.post(
        url(late, "sign_up"), {"organisation": rep.organisation.pk, "attendees": "1"}
    )
    assert "Anmälan har stängt." in response.content.decode()
    assert not late.registrations.exists()


def test_a_cancelled_meeting_takes_no_sign_up(client, rep):
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED)
    response = client.post(
        url(meeting, "sign_up"), {"organisation": rep.organisation.pk, "attendees": "1"}
    )
    assert "Mötet är inställt." in response.content.decode()
    assert not meeting.registrations.exists()


def test_an_association_the_user_does_not_represent_is_refused(client, rep, meeting):
    other = OrganisationFactory()
    response = client.post(url(meeting, "sign_up"), {"organisation": other.pk, "attendees": "1"})
    assert response.context["signup_form"].errors["organisation"]
    assert not Registration.objects.exists()


def test_change_and_cancel(client, rep, meeting):
    registration = RegistrationFactory(
        meeting=meeting, organisation=rep.organisation, registered_by=rep.user, attendees=2
    )
    prefix = f"r{registration.pk}"
    refused = client.post(
        url(meeting, "change_registration", registration.pk),
        {f"{prefix}-attendees": "0", f"{prefix}-needs": "Hörslinga"},
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Anmäl minst 1 deltagare." in page and "Hörslinga" in page
    assert '<details class="meeting-change" open>' in page
    client.post(
        url(meeting, "change_registration", registration.pk),
        {f"{prefix}-attendees": "4", f"{prefix}-needs": "Hörslinga"},
    )
    registration.refresh_from_db()
    assert (registration.attendees, registration.needs) == (4, "Hörslinga")

    cancel = url(meeting, "cancel_registration", registration.pk)
    assert "Avboka anmälan?" in client.get(cancel).content.decode()
    response = client.post(cancel, follow=True)
    assert "Anmälan för Segeltorps IF är avbokad." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    # Someone else's sign-up is not found.
    other = RegistrationFactory(meeting=meeting)
    assert client.post(url(meeting, "cancel_registration", other.pk)).status_code == 404


def test_sign_up_pages_need_a_login(client, meeting):
    response = client.post(url(meeting, "sign_up"), {"attendees": "1"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_invitation_link_chooses_the_association(client, rep, meeting):
    second = MembershipFactory(user=rep.user, organisation=OrganisationFactory(name="Vårby BK"))
    MeetingInvitation.objects.create(meeting=meeting, organisation=second.organisation)
    response = client.get(url(meeting) + f"?forening={second.organisation.pk}")
    form = response.context["signup_form"]
    assert form.initial["organisation"] == second.organisation.pk
    assert "Vårby BK är inbjuden till mötet." in response.content.decode()


def test_a_forum_by_invitation_says_who_may_sign_up(client, rep):
    meeting = MeetingFactory(forum=ForumFactory(audience=Forum.Audience.INVITED))
    page = client.get(url(meeting)).content.decode()
    assert "Mötet är för forumets föreningar och de som är inbjudna." in page


def test_a_question_before_the_meeting(client, rep, meeting):
    refused = client.post(
        url(meeting, "send_question"),
        {"organisation": rep.organisation.pk, "topic": "  ", "text": "Hur bokar man?"},
    )
    assert "Skriv vad frågan handlar om." in refused.content.decode()
    assert "Hur bokar man?" in refused.content.decode()
    response = client.post(
        url(meeting, "send_question"),
        {"organisation": rep.organisation.pk, "topic": "Bokning", "text": "Hur bokar man?"},
        follow=True,
    )
    assert "Frågan är skickad till samordnarna." in response.content.decode()
    question = MeetingQuestion.objects.get()
    assert (question.organisation, question.submitted_by) == (rep.organisation, rep.user)
    assert "Bokning" in client.get(url(meeting)).content.decode()


def test_add_to_calendar(client, meeting):
    response = client.get(url(meeting, "meeting_ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert f"UID:meeting-{meeting.pk}@testserver" in body
    assert "SUMMARY:Lokaler för föreningslivet" in body
    assert "STATUS:CONFIRMED" in body
    assert body.count("BEGIN:VEVENT") == 1


def test_the_page_costs_the_same_however_many_sign_ups(client, rep, meeting):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(meeting)).status_code == 200
        return len(queries)

    RegistrationFactory(meeting=meeting, organisation=rep.organisation, registered_by=rep.user)
    waiting = MembershipFactory(user=rep.user).organisation
    RegistrationFactory(meeting=meeting, organisation=waiting, status="waiting")
    MeetingQuestion.objects.create(
        meeting=meeting, organisation=rep.organisation, submitted_by=rep.user, topic="Lokaler"
    )
    few = count()
    for _ in range(4):
        org = MembershipFactory(user=rep.user).organisation
        RegistrationFactory(meeting=meeting, organisation=org, status="waiting")
        MeetingQuestion.objects.create(meeting=meeting, organisation=org, topic="Bidrag")
        MembershipFactory(user=rep.user)  # one more to sign up
        RegistrationFactory(meeting=meeting)  # others'
    assert count() == few
    assert few <= 16


def test_other_associations_names_and_needs_are_not_on_the_page(client, rep, meeting):
    RegistrationFactory(meeting=meeting, attendee_names="Greta Garbo", needs="Nötallergi")
    page = client.get(url(meeting)).content.decode()
    assert "Greta Garbo" not in page and "Nötallergi" not in page
    user = UserFactory()
    client.force_login(user)
    page = client.get(url(meeting)).content.decode()
    assert "Greta Garbo" not in page and "Nötallergi" not in page
