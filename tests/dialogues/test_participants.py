"""The participant list: the meeting's coordinators see who comes, with names and
needs, the waiting list, the invitations and the questions grouped by topic, and
export it as CSV or XLSX (audited); anyone else gets 403, a visitor the login page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dialogues.models import MeetingInvitation, MeetingQuestion
from dialogues.views.participants import group_by_topic
from portal.models import AuditEntry
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def url(meeting, name="participants"):
    return reverse(f"dialogues:{name}", args=[meeting.forum.slug, meeting.pk])


@pytest.fixture
def meeting():
    meeting = MeetingFactory(theme="Lokaler för föreningslivet", capacity=3)
    signer = UserFactory(first_name="Maria", last_name="Lind", email="maria@example.se")
    RegistrationFactory(
        meeting=meeting,
        organisation=OrganisationFactory(name="Segeltorps IF"),
        attendees=3,
        attendee_names="Anna Berg\nBo Ek\nCecilia Holm",
        needs="Rullstolsplats",
        registered_by=signer,
    )
    RegistrationFactory(
        meeting=meeting,
        organisation=OrganisationFactory(name="Vårby BK"),
        status="waiting",
        needs='=HYPERLINK("http://evil")',
    )
    RegistrationFactory(meeting=meeting, status="cancelled", needs="")
    invited = OrganisationFactory(name="Huddinge Schackklubb")
    MeetingInvitation.objects.create(meeting=meeting, organisation=invited)
    for topic, org in (
        ("Lokaler", invited),
        ("lokaler ", OrganisationFactory()),
        ("Bidrag", invited),
    ):
        MeetingQuestion.objects.create(meeting=meeting, organisation=org, topic=topic, text="?")
    return meeting


def test_the_coordinator_sees_everything(client, meeting):
    client.force_login(make_municipal_coordinator())
    response = client.get(url(meeting))
    page = response.content.decode()
    for text in (
        "Segeltorps IF",
        "Anna Berg",
        "Rullstolsplats",
        "Maria Lind",
        "maria@example.se",
        "Vårby BK",
        "Huddinge Schackklubb",
        "3 deltagare anmälda",
        "av 3 platser",
    ):
        assert text in page, text
    topics = response.context["topics"]
    assert [(topic, len(questions)) for topic, questions in topics] == [
        ("Lokaler", 2),
        ("Bidrag", 1),
    ]


@pytest.mark.parametrize("name", ["participants", "participants_csv", "participants_xlsx"])
def test_anyone_else_is_refused(client, meeting, name):
    assert client.get(url(meeting, name)).status_code == 302  # the login page
    registered = meeting.registrations.first().organisation
    for user in (
        UserFactory(),
        MembershipFactory(organisation=registered).user,  # even the association's
        make_department_coordinator(),  # another department's
    ):
        client.force_login(user)
        assert client.get(url(meeting, name)).status_code == 403
    assert not AuditEntry.objects.filter(action="meeting.participants_exported").exists()


def test_the_forums_coordinator_exports_csv_and_xlsx_and_it_is_audited(client, meeting):
    coordinator = UserFactory(is_staff=True)
    meeting.forum.coordinators.add(coordinator)
    client.force_login(coordinator)
    csv = client.get(url(meeting, "participants_csv"))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Förening;Status;Deltagare;Namn;Behov")
    assert "Segeltorps IF;Anmäld;3" in text
    assert "'=HYPERLINK" in text  # the formula guard
    assert "Avanmäld" not in text

    xlsx = client.get(url(meeting, "participants_xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Förening", "Status", "Deltagare")
    assert rows[1][3] == "Anna Berg\nBo Ek\nCecilia Holm"
    assert len(rows) == 3
    entries = AuditEntry.objects.filter(action="meeting.participants_exported")
    assert sorted(e.data["format"] for e in entries) == ["csv", "xlsx"]
    assert all(e.actor == coordinator and e.data["rows"] == 2 for e in entries)


def test_topics_written_alike_are_one():
    class Q:
        def __init__(self, topic):
            self.topic = topic

    groups = group_by_topic([Q("Bidrag"), Q("Lokaler"), Q(" lokaler"), Q("LOKALER  ")])
    assert [(topic, len(q)) for topic, q in groups] == [("Lokaler", 3), ("Bidrag", 1)]


def test_the_meeting_page_links_the_list_for_coordinators_only(client, meeting):
    meeting_url = reverse("dialogues:meeting", args=[meeting.forum.slug, meeting.pk])
    client.force_login(UserFactory())
    assert url(meeting) not in client.get(meeting_url).content.decode()
    client.force_login(make_municipal_coordinator())
    assert url(meeting) in client.get(meeting_url).content.decode()
