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
