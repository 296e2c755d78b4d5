"""Demo data of the forums: after the core's and the register's, idempotent, valid."""

import io

import pytest

from dialogues import demo
from dialogues.models import Forum, ForumMembership
from organisations import demo as organisations_demo
from portal import demo as portal_demo
from portal.management.commands.load_demo import demo_loaders

pytestmark = pytest.mark.django_db


def test_runs_after_the_register():
    labels = [label for label, _load in demo_loaders()]
    assert labels.index("organisations") < labels.index("dialogues")


def test_load_twice():
    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    assert f"Forums: {len(demo.FORUMS)} ({len(demo.FORUMS)} new)" in out.getvalue()
    names = set(Forum.objects.values_list("name", flat=True))
    assert {
        "Dialogforum för civilsamhället",
        "Pensionärsrådet",
        "Funktionsrättsrådet",
        "Föreningsrådet",
        "Nätverk för föreningssamordnare",
    } <= names
    assert set(Forum.objects.values_list("kind", flat=True)) == set(Forum.Kind)
    network = Forum.objects.get(name="Nätverk för föreningssamordnare")
    assert network.audience == Forum.Audience.INTERNAL
    assert network.coordinators.filter(email="samordnare@demo.se").exists()
    for forum in Forum.objects.all():
        forum.full_clean()
    for name in ("Pensionärsrådet", "Funktionsrättsrådet", "Föreningsrådet"):
        assert Forum.objects.get(name=name).organisations.count() >= 3, name
    # The demo representative's association takes part, in an open and an internal forum.
    represented = ForumMembership.objects.filter(
        organisation__memberships__user__email=organisations_demo.REPRESENTATIVE_EMAIL
    )
    assert {m.forum.audience for m in represented} >= {"open", "internal"}

    rows = list(ForumMembership.objects.order_by("pk").values_list("forum__slug", "organisation"))
    demo.load(io.StringIO())
    assert Forum.objects.count() == len(demo.FORUMS)
    assert (
        list(ForumMembership.objects.order_by("pk").values_list("forum__slug", "organisation"))
        == rows
    )


def test_without_the_register_it_still_loads():
    demo.load(io.StringIO())
    assert Forum.objects.count() == len(demo.FORUMS)
    assert not ForumMembership.objects.exists()


def test_coming_meetings_with_sign_ups_and_a_waiting_list():
    from dialogues.models import Meeting, MeetingInvitation, Registration

    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    assert f"Forum meetings: {len(demo.MEETINGS)}" in out.getvalue()
    meetings = Meeting.objects.upcoming()
    assert meetings.count() >= len(demo.MEETINGS)
    for meeting in meetings:
        meeting.full_clean()
        for registration in meeting.registrations.all():
            registration.full_clean()
    full = [m for m in meetings if m.capacity and m.registrations.waiting().exists()]
    assert full and all(m.places_taken() == m.capacity for m in full)
    email = organisations_demo.REPRESENTATIVE_EMAIL
    own = Registration.objects.filter(organisation__memberships__user__email=email)
    assert set(own.values_list("status", flat=True)) == {"confirmed", "waiting"}
    assert (
        MeetingInvitation.objects.filter(organisation__memberships__user__email=email)
        .exclude(meeting__registrations__organisation__memberships__user__email=email)
        .exists()
    )

    counts = (Meeting.objects.count(), Registration.objects.count())
    demo.load(io.StringIO())
    assert (Meeting.objects.count(), Registration.objects.count()) == counts


def test_past_meetings_with_minutes_and_follow_ups_in_every_status():
    from dialogues import demo_minutes
    from dialogues.models import FollowUpItem, Meeting

    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    assert f"Past forum meetings: {len(demo_minutes.PAST)} ({len(demo_minutes.PAST)} new)" in (
        out.getvalue()
    )
    published = Meeting.objects.past().with_minutes()
    assert published.count() == len([m for m in demo_minutes.PAST if m.minutes])
    assert Meeting.objects.past().filter(status="held").exists()  # minutes still to come
    for meeting in Meeting.objects.past():
        meeting.full_clean()
        if meeting.forum.organisations.exists():  # not the officials' own network
            assert meeting.registrations.confirmed().exists(), meeting
    items = FollowUpItem.objects.all()
    for item in items:
        item.full_clean()
    assert set(items.values_list("status", flat=True)) == set(FollowUpItem.Status)
    assert all(i.reason for i in items.filter(status="wont_do"))
    assert items.overdue().exists() and items.published().exists()
    # The demo representative's association raised an item that has an answer, and
    # took part in the meeting where it was raised.
    email = organisations_demo.REPRESENTATIVE_EMAIL
    own = items.filter(raised_by_organisation__memberships__user__email=email)
    assert own.published().exists()
    assert own.filter(meeting__registrations__organisation__memberships__user__email=email).exists()
    # Every kind the seeds name has a forum: open dialogue, the two councils, the
    # officials' network, an association network and a dialogue before a change.
    kinds = {f.slug: f.kind for f in Forum.objects.all()}
    assert kinds["pensionarsradet"] == kinds["funktionsrattsradet"] == "council"
    assert {"open_dialogue", "officials_network", "association_network"} <= set(kinds.values())
    assert kinds["referensgrupp-for-nya-foreningsbidrag"] == "thematic_dialogue"
    assert all(f.how_to_take_part and f.coordinator_role for f in Forum.objects.all())

    counts = (Meeting.objects.count(), FollowUpItem.objects.count())
    demo.load(io.StringIO())
    assert (Meeting.objects.count(), FollowUpItem.objects.count()) == counts


def test_the_councils_are_listed_on_their_contact_paths():
    from portal.contacts import demo as contacts_demo

    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    contacts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    for name, titles in demo.CONTACT_PATHS.items():
        forum = Forum.objects.get(name=name)
        assert set(forum.contact_paths.values_list("title", flat=True)) == set(titles)
