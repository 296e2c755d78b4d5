"""'Ladda ner mina uppgifter' for people: the JSON stays for machines (keys and codes
as they are), and a readable, printable page shows the same content in the reader's
language: each registry entry under its label, keys by their labels, codes by their
display labels, times local."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogues.models import CalendarFeed, MeetingQuestion
from organisations import services
from organisations.models import Invitation, JoinRequest
from partnerships.models import AgreementDocument, Collaboration
from portal import personal_data, reminders
from portal.inquiries.services import inquiry_reply
from portal.services import coordinator_assign
from tests.contacts.factories import ContactPathFactory
from tests.dialogues.factories import ForumFactory, RegistrationFactory
from tests.inquiries.factories import submit
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.partnerships.factories import AgreementFactory

pytestmark = pytest.mark.django_db

URL = reverse("account_data")


@pytest.fixture
def anna():
    """Someone with data in every entry of the registry."""
    anna = UserFactory(email="anna@example.se", first_name="Anna", last_name="Andersson")
    org = OrganisationFactory(name="Vivalla IF", contact_name="Anna", contact_email=anna.email)
    MembershipFactory(organisation=org, user=anna, role="admin")
    services.membership_invite(organisation=org, by=anna, email="ny@example.se")
    Invitation.objects.create(organisation=OrganisationFactory(), email=anna.email)
    JoinRequest.objects.create(organisation=OrganisationFactory(), user=anna, message="Hej")
    coordinator_assign(user=anna, department=None, by=anna)
    reminders.reminder_schedule(
        kind="account.verify_email", target=anna, recipient=anna, due=dt.date(2026, 3, 1)
    )
    ForumFactory(name="Pensionärsrådet").coordinators.add(anna)
    ContactPathFactory(title="Föreningsbidrag", person=anna, person_is_public=True, by=anna)
    inquiry, _token = submit(user=anna)
    inquiry_reply(inquiry=inquiry, body="Hej Anna!", by=anna)
    registration = RegistrationFactory(
        organisation=org, registered_by=anna, attendee_names="Anna", needs="Hörslinga"
    )
    MeetingQuestion.objects.create(
        meeting=registration.meeting, organisation=org, submitted_by=anna, topic="Lokaler"
    )
    CalendarFeed.objects.create(user=anna)
    Collaboration.objects.create(title="Läxhjälp", created_by=anna)
    AgreementDocument.objects.create(
        agreement=AgreementFactory(),
        kind="decision",
        file="agreements/beslut.pdf",
        name="beslut.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=anna,
    )
    _follow_up_report(org, anna)
    _survey_answer(anna)
    return anna


def _follow_up_report(org, anna):
    from partnerships.services.reports import report_submit
    from tests.partnerships.factories import AgreementFactory
    from tests.partnerships.report_factories import ReportDueFactory, content

    report = ReportDueFactory(agreement=AgreementFactory(parties=[org]))
    report_submit(report=report, by=anna, **content())


def _survey_answer(user) -> None:
    """A named survey sent to the person's address, answered."""
    from surveys.models import Answer
    from surveys.services.answering import response_save
    from surveys.services.sending import survey_send
    from tests.surveys.factories import open_survey

    survey = open_survey(anonymous=False)
    survey_send(survey=survey, by=survey.coordinator, emails=[user.email])
    answer = Answer(question=survey.q["synpunkter"], text="Bra dialog")
    response_save(recipient=survey.recipients.get(), answers=[answer], submit=True)


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_every_key_of_every_entry_has_a_label(anna):
    data = personal_data.readable_user_data(anna)
    assert data.unlabelled == set()
    exported = personal_data.export_user_data(anna)["data"]
    assert {entry for entry, value in exported.items() if value} == set(
        personal_data.registered()
    )  # the fixture reaches every entry, so every key was looked at


def test_the_page_shows_each_entry_with_labels_and_display_values(client, anna):
    page = page_of(client, anna)
    for entry in personal_data.registered().values():
        assert f">{entry.label}</h2>" in page
    # keys by their labels, in Swedish
    assert "<dt>Förening</dt><dd>Vivalla IF</dd>" in page
    assert "<dt>Roll</dt><dd>Administratör</dd>" in page
    assert "<dt>Status</dt><dd>Öppen</dd>" in page  # the request's status by its label
    assert "<dt>Samordnare för</dt><dd>hela kommunen</dd>" in page
    assert "<dt>Språk</dt><dd>Svenska</dd>" in page
    assert "Inbjudningar som du har skickat" in page
    assert "Företrädare inbjuden" in page  # the audit action by its label
    assert "1 mars 2026" in page  # a date as people write it
    # no codes or keys left as they are
    for code in ("organisation.member_invited", "account.verify_email", "first_name", ">admin<"):
        assert code not in page


def test_the_page_follows_the_readers_language(client, anna):
    client.force_login(anna)
    client.cookies["portal_language"] = "en"
    page = client.get(URL).content.decode()
    assert "<dt>Role</dt><dd>Administrator</dd>" in page
    assert "Associations you represent" in page


def test_times_are_local(client):
    person = UserFactory()
    person.date_joined = dt.datetime(2026, 6, 1, 22, 30, tzinfo=dt.UTC)  # 00.30 in Sweden
    person.save(update_fields=["date_joined"])
    assert "2 juni 2026 00:30" in page_of(client, person)


def test_the_json_keeps_keys_and_codes_for_machines(client, anna):
    client.force_login(anna)
    response = client.get(reverse("account_export"))
    data = json.loads(response.content)["data"]
    assert data["organisations.memberships"][0]["role"] == "admin"
    assert data["organisations.join_requests"][0]["status"] == "open"
    assert data["account"]["coordinator_for"] == ["municipality"]
    since = data["organisations.memberships"][0]["since"]
    assert dt.datetime.fromisoformat(since) <= timezone.now()  # ISO 8601, as before


def test_the_account_page_offers_both(client, anna):
    client.force_login(anna)
    page = client.get(reverse("account_profile")).content.decode()
    assert f'href="{URL}"' in page and "Visa mina uppgifter" in page
    assert f'href="{reverse("account_export")}"' in page


def test_each_person_sees_only_their_own(client, anna):
    other = UserFactory(email="other@example.se")
    page = page_of(client, other)
    assert "other@example.se" in page
    assert "anna@example.se" not in page and "Vivalla IF" not in page
    assert "Inget sparat." in page


def test_visitors_are_asked_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_number_of_queries_does_not_grow_with_the_data(client, anna):
    client.force_login(anna)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(3):
        org = OrganisationFactory()
        MembershipFactory(organisation=org, user=anna, role="editor")
        services.membership_invite(organisation=org, by=anna, email=f"x{org.pk}@example.se")
        JoinRequest.objects.create(organisation=OrganisationFactory(), user=anna, message="Hej")
    assert queries() == before
    # A query or two per registered kind of personal data, whatever the data.
    assert before <= 2 * len(personal_data.registered())


@pytest.fixture
def registry():
    before = personal_data.registered()
    yield personal_data
    personal_data._REGISTRY.clear()
    personal_data._REGISTRY.update(before)


def test_an_entry_is_described_by_its_model_unless_it_says_otherwise(registry):
    from organisations.models import Membership

    registry._REGISTRY.clear()
    registry.register(
        "test.roles",
        label="Roller",
        export=lambda user: {"role": "editor", "since": None, "mystery": 1},
        erase=lambda user: None,
        model=Membership,
        fields={"since": "Sedan dess"},
    )
    data = registry.readable_user_data(UserFactory())
    rows = {str(row.label): row.value for row in data.blocks[0].rows}
    assert rows == {"Roll": "Redaktör", "Sedan dess": "–", "mystery": "1"}
    assert data.unlabelled == {"test.roles.mystery"}  # shown as it is, and reported
