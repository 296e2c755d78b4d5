"""Demo data of En väg in: after the core's and the register's, idempotent, with
inquiries in every status and outcome, one past its deadline, one handed over
twice and one handed around more than twice."""

import io

import pytest

from organisations import demo as organisations_demo
from portal import demo as portal_demo
from portal.inquiries import demo, stats
from portal.inquiries.models import Inquiry, RoutingRule, Topic
from portal.management.commands.load_demo import demo_loaders

pytestmark = pytest.mark.django_db


def test_runs_after_the_register():
    labels = [label for label, _load in demo_loaders()]
    assert labels.index("organisations") < labels.index("inquiries")


def test_load_twice(client):
    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    assert "0 new inquiries" in out.getvalue()
    assert Inquiry.objects.count() == len(demo.INQUIRIES) + len(demo.HISTORY)
    # A year of answered questions: the desk's chart has bars in (nearly) every month.
    months = stats.medians(Inquiry.objects.all(), by_department=False)
    assert sum(1 for row in months if row.close and row.close >= 2) >= 10
    assert all(row.acknowledge is None or row.acknowledge <= (row.close or 0) for row in months)
    assert Topic.objects.count() == len(demo.TOPICS)
    assert RoutingRule.objects.exists()
    assert set(Inquiry.objects.values_list("status", flat=True)) == set(Inquiry.Status.values)
    assert set(Inquiry.objects.exclude(outcome="").values_list("outcome", flat=True)) == set(
        Inquiry.Outcome.values
    )
    assert Inquiry.objects.overdue().exists()
    assert Inquiry.objects.filter(handover_count=2).exists()
    assert Inquiry.objects.handed_around().exists()
    assert Inquiry.objects.filter(paused_since__isnull=False).exists()
    assert Inquiry.objects.exclude(organisation=None).exists()
    for inquiry in Inquiry.objects.all():
        inquiry.full_clean()
    client.login(email="samordnare@demo.se", password=portal_demo.DEMO_PASSWORD)
    assert client.get("/en-vag-in/arenden/").status_code == 200
    for reference in Inquiry.objects.values_list("reference", flat=True):
        assert client.get(f"/en-vag-in/arenden/{reference}/").status_code == 200
