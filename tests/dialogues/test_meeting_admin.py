"""The meeting in the admin, as the sign-up work leaves it: the sign-ups read-only,
their names and needs only for the meeting's coordinators, and more places given in
the admin move the waiting list up."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from dialogues.admin_invitations import RegistrationInline
from dialogues.models import Meeting, Registration
from tests.organisations.factories import (
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def inline_fields(user, meeting):
    request = RequestFactory().get("/")
    request.user = user
    return RegistrationInline(Meeting, admin.site).get_fields(request, meeting)


def test_names_and_needs_only_for_the_meetings_coordinators():
    meeting = MeetingFactory()
    assert {"attendee_names", "needs"} <= set(inline_fields(make_municipal_coordinator(), meeting))
    for user in (make_department_coordinator(), UserFactory(is_staff=True)):
        fields = inline_fields(user, meeting)
        assert "organisation" in fields
        assert not {"attendee_names", "needs"} & set(fields)


def test_the_change_page_shows_the_sign_ups(client):
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, needs="Rullstolsplats")
    page = client.get(reverse("admin:dialogues_meeting_change", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Rullstolsplats" in page.content.decode()


def test_more_places_in_the_admin_move_the_waiting_list_up(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(make_municipal_coordinator())
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status="waiting", registered_by=UserFactory())
    url = reverse("admin:dialogues_meeting_change", args=[meeting.pk])
    data = {
        **{
            field: getattr(meeting, field)
            for field in ("forum", "theme", "agenda", "place", "status", "interpretation")
        },
        "forum": meeting.forum.pk,
        "starts_at_0": meeting.starts_at.strftime("%Y-%m-%d"),
        "starts_at_1": meeting.starts_at.strftime("%H:%M:%S"),
        "ends_at_0": meeting.ends_at.strftime("%Y-%m-%d"),
        "ends_at_1": meeting.ends_at.strftime("%H:%M:%S"),
        "registration_deadline_0": meeting.registration_deadline.strftime("%Y-%m-%d"),
        "registration_deadline_1": meeting.registration_deadline.strftime("%H:%M:%S"),
        "capacity": "2",
        "registrations-TOTAL_FORMS": "2",
        "registrations-INITIAL_FORMS": "2",
        "follow_ups-TOTAL_FORMS": "0",
        "follow_ups-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, follow=True)
    assert "adminform" not in response.context, (
        response.context["adminform"].form.errors,
        [f.errors for f in response.context["inline_admin_formsets"][0].formset],
    )
    assert "1 förening på väntelistan fick en plats." in response.content.decode()
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert [m.to for m in mailoutbox] == [[waiting.registered_by.email]]
