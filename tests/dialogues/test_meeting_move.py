"""Moving one occasion: guarded and audited, the calendar UID kept with SEQUENCE
raised, everyone signed up or waiting told once; in the admin on a page of its own,
with bad times shown beside their fields."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogues.models import Meeting
from dialogues.services.meetings import MeetingError, meeting_move
from portal.models import AuditEntry
from tests.organisations.factories import UserFactory, make_municipal_coordinator

from .factories import ForumFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def signed_up_meeting():
    meeting = MeetingFactory(capacity=1)
    confirmed = RegistrationFactory(meeting=meeting, registered_by=UserFactory())
    waiting = RegistrationFactory(meeting=meeting, status="waiting", registered_by=UserFactory())
    RegistrationFactory(meeting=meeting, status="cancelled", registered_by=UserFactory())
    return meeting, confirmed, waiting


def move(meeting, by, days=7, **times):
    times = {
        "starts_at": meeting.starts_at + timedelta(days=days),
        "ends_at": meeting.ends_at + timedelta(days=days),
        "registration_deadline": meeting.registration_deadline + timedelta(days=days),
        **times,
    }
    return meeting_move(meeting=meeting, by=by, **times)


def test_a_move_tells_those_signed_up_and_waiting_once(
    django_capture_on_commit_callbacks, mailoutbox
):
    meeting, confirmed, waiting = signed_up_meeting()
    coordinator = make_municipal_coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        moved = move(meeting, coordinator)
    assert moved.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.registered_by.email, waiting.registered_by.email]
    )
    assert meeting.theme in mailoutbox[0].subject
    entry = AuditEntry.objects.get(action="meeting.moved")
    assert entry.data["told"] == 2
    # The same move again is refused and mails nobody.
    with pytest.raises(MeetingError) as refused, django_capture_on_commit_callbacks(execute=True):
        meeting_move(
            meeting=moved,
            by=coordinator,
            starts_at=moved.starts_at,
            ends_at=moved.ends_at,
            registration_deadline=moved.registration_deadline,
        )
    assert refused.value.field == "starts_at"
    assert len(mailoutbox) == 2


def test_the_feed_keeps_the_uid_and_raises_the_sequence(client):
    meeting = MeetingFactory()
    url = reverse("dialogues:forum_ics", args=[meeting.forum.slug])
    before = client.get(url).content.decode()
    move(meeting, make_municipal_coordinator(), days=1)
    after = client.get(url).content.decode()
    uid = f"UID:meeting-{meeting.pk}@"
    assert uid in before and uid in after
    assert "SEQUENCE:0" in before and "SEQUENCE:1" in after


@pytest.mark.parametrize(
    ("times", "field"),
    [
        ({"ends_at_offset": -3}, "ends_at"),
        ({"deadline_offset": 3}, "registration_deadline"),
    ],
)
def test_bad_times_are_refused_on_their_field(times, field):
    meeting = MeetingFactory()
    kwargs = {}
    if "ends_at_offset" in times:
        kwargs["ends_at"] = meeting.starts_at + timedelta(hours=times["ends_at_offset"])
    else:
        kwargs["registration_deadline"] = meeting.starts_at + timedelta(days=1)
    with pytest.raises(MeetingError) as refused:
        meeting_move(
            meeting=meeting,
            by=make_municipal_coordinator(),
            starts_at=meeting.starts_at,
            ends_at=kwargs.get("ends_at", meeting.ends_at),
            registration_deadline=kwargs.get("registration_deadline"),
        )
    assert refused.value.field == field
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0


def test_only_a_coordinator_moves_and_not_a_held_meeting():
    meeting = MeetingFactory()
    with pytest.raises(MeetingError):
        move(meeting, UserFactory())
    held = MeetingFactory(status="held", starts_at=timezone.now() - timedelta(days=2))
    with pytest.raises(MeetingError):
        move(held, make_municipal_coordinator())
    assert not AuditEntry.objects.filter(action="meeting.moved").exists()


def split(prefix: str, value) -> dict:
    local = timezone.localtime(value)
    return {f"{prefix}_0": local.strftime("%Y-%m-%d"), f"{prefix}_1": local.strftime("%H:%M")}


def test_the_admin_page_moves_the_meeting_and_shows_bad_times_beside_the_fields(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(make_municipal_coordinator())
    meeting, confirmed, waiting = signed_up_meeting()
    url = reverse("admin:dialogues_meeting_move", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "2 anmälningar" in page.content.decode()
    later = meeting.starts_at + timedelta(days=3)
    bad = {
        **split("starts_at", later),
        **split("ends_at", later - timedelta(hours=1)),
        **split("registration_deadline", later + timedelta(days=1)),
    }
    response = client.post(url, bad)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"ends_at", "registration_deadline"}
    assert f'value="{bad["starts_at_0"]}"' in response.content.decode()  # nothing typed lost
    good = {**bad, **split("ends_at", later + timedelta(hours=2))}
    good.pop("registration_deadline_0"), good.pop("registration_deadline_1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, good, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:dialogues_meeting_change", args=[meeting.pk]
    )
    moved = Meeting.objects.get(pk=meeting.pk)
    assert moved.starts_at == later.replace(second=0, microsecond=0)
    assert moved.registration_deadline is None and moved.sequence == 1
    assert len(mailoutbox) == 2


def test_the_change_form_shows_the_times_read_only_and_the_move_action(client):
    client.force_login(make_municipal_coordinator())
    meeting = MeetingFactory(forum=ForumFactory())
    page = client.get(reverse("admin:dialogues_meeting_change", args=[meeting.pk]))
    html = page.content.decode()
    assert 'name="starts_at_0"' not in html
    assert 'value="move"' in html


def test_someone_without_the_right_gets_no_move_page(client):
    client.force_login(UserFactory(is_staff=True))
    meeting = MeetingFactory()
    response = client.get(reverse("admin:dialogues_meeting_move", args=[meeting.pk]))
    assert response.status_code == 403
