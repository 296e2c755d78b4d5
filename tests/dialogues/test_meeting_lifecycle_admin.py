"""The meeting lifecycle in the admin: status actions through the services (audited),
cancelling with a reason on its own page, a series made from a rule with a preview,
the forum's meetings inline, the filters, and times checked beside their fields."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogues.models import Meeting
from portal.models import AuditEntry
from tests.organisations.factories import UserFactory, make_municipal_coordinator

from .factories import ForumFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:dialogues_meeting_changelist")


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


def act(client, action, *meetings):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [m.pk for m in meetings]},
        follow=True,
    )


def test_open_and_close_registration_from_the_list(client, coordinator):
    meetings = [MeetingFactory(status="planned") for _ in range(2)]
    act(client, "open_registration", *meetings)
    assert set(Meeting.objects.values_list("status", flat=True)) == {"open"}
    act(client, "close_registration", meetings[0])
    assert Meeting.objects.get(pk=meetings[0].pk).status == "closed"
    assert AuditEntry.objects.filter(action="meeting.registration_opened").count() == 2
    assert AuditEntry.objects.filter(action="meeting.registration_closed").count() == 1


def test_a_refused_transition_says_why_and_changes_nothing(client, coordinator):
    meeting = MeetingFactory(status="open")  # in two weeks: not yet held
    response = act(client, "mark_held", meeting)
    assert response.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == "open"
    assert "messagelist" in response.content.decode()
    assert not AuditEntry.objects.filter(action="meeting.held").exists()


def test_mark_held_after_the_meeting(client, coordinator):
    now = timezone.now()
    meeting = MeetingFactory(
        status="closed", starts_at=now - timedelta(hours=3), registration_deadline=None
    )
    act(client, "mark_held", meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == "held"


def test_cancel_asks_for_a_reason_then_tells_the_registrants(
    client, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, registered_by=UserFactory())
    response = act(client, "cancel", meeting)
    url = reverse("admin:dialogues_meeting_cancel", args=[meeting.pk])
    assert response.redirect_chain[-1][0] == url
    page = client.post(url, {"reason": ""})
    assert page.status_code == 200
    assert 'id="id_reason_error"' in page.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == "open"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Lokalen är vattenskadad."})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.cancelled_reason == "Lokalen är vattenskadad."
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(action="meeting.cancelled").count() == 1


def test_someone_without_the_permission_cannot_cancel(client):
    client.force_login(UserFactory(is_staff=True))
    meeting = MeetingFactory()
    url = reverse("admin:dialogues_meeting_cancel", args=[meeting.pk])
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == "open"


def test_status_is_not_edited_on_the_change_page(client, coordinator):
    meeting = MeetingFactory()
    page = client.get(reverse("admin:dialogues_meeting_change", args=[meeting.pk]))
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()


def test_an_end_before_the_start_is_shown_beside_the_field(client, coordinator):
    forum = ForumFactory()
    response = client.post(
        reverse("admin:dialogues_meeting_add"),
        {
            "forum": forum.pk,
            "theme": "Nytt möte",
            "starts_at_0": "2027-03-02",
            "starts_at_1": "18:00:00",
            "ends_at_0": "2027-03-02",
            "ends_at_1": "17:00:00",
            "registration_deadline_0": "2027-03-03",
            "registration_deadline_1": "12:00:00",
            "registrations-TOTAL_FORMS": "0",
            "registrations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "ends_at" in form.errors and "registration_deadline" in form.errors
    assert not form.non_field_errors()
    assert 'value="Nytt möte"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_filters_and_search(client, coordinator):
    MeetingFactory(theme="Lokalfrågor", status="planned")
    MeetingFactory(theme="Bidrag", status="open")
    page = client.get(CHANGELIST, {"status__exact": "planned"})
    assert page.context["cl"].result_count == 1
    assert client.get(CHANGELIST, {"q": "Bidrag"}).context["cl"].result_count == 1
    forum = Meeting.objects.get(theme="Bidrag").forum
    department = forum.department
    assert (
        client.get(CHANGELIST, {"forum__department__id__exact": department.pk}).status_code == 200
    )


def test_the_forum_shows_its_meetings_and_links_to_a_series(client, coordinator):
    meeting = MeetingFactory(theme="Vårens möte")
    page = client.get(reverse("admin:dialogues_forum_change", args=[meeting.forum.pk]))
    html = page.content.decode()
    assert "Vårens möte" in html
    assert reverse("admin:dialogues_forum_series", args=[meeting.forum.pk]) in html


def series_data(**changes):
    return {
        "theme": "Dialogforum",
        "first_starts_at_0": "2027-03-02",
        "first_starts_at_1": "18:00",
        "duration_minutes": "120",
        "rule": "FREQ=MONTHLY;INTERVAL=6;COUNT=4",
        "place": "Stadshuset",
        "capacity": "40",
        "deadline_days_before": "3",
        **changes,
    }


def test_a_series_is_previewed_then_created(client, coordinator):
    forum = ForumFactory()
    url = reverse("admin:dialogues_forum_series", args=[forum.pk])
    preview = client.post(url, {**series_data(), "preview": "1"})
    assert preview.status_code == 200
    assert len(preview.context["dates"]) == 4
    assert not Meeting.objects.exists()
    response = client.post(url, {**series_data(), "create": "1"})
    assert response.status_code == 302
    assert forum.meetings.count() == 4
    assert set(forum.meetings.values_list("status", flat=True)) == {"planned"}


@pytest.mark.parametrize(
    "rule", ["FREQ=DAILY;COUNT=500", "FREQ=WEEKLY;UNTIL=20260101T000000Z", "NONSENS"]
)
def test_a_bad_rule_is_shown_beside_the_field_and_nothing_is_lost(client, coordinator, rule):
    forum = ForumFactory()
    url = reverse("admin:dialogues_forum_series", args=[forum.pk])
    response = client.post(url, {**series_data(rule=rule), "create": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_rule_error"' in html
    assert 'value="Stadshuset"' in html
    assert not Meeting.objects.exists()


def test_only_coordinators_may_create_a_series(client):
    client.force_login(UserFactory(is_staff=True))
    forum = ForumFactory()
    url = reverse("admin:dialogues_forum_series", args=[forum.pk])
    assert client.post(url, {**series_data(), "create": "1"}).status_code == 403
