"""The reports' panel on the coordinators' desk: overdue reports and those waiting
for review, among the reader's departments, linked to the list filtered to them."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from partnerships.desk_reports import report_items
from partnerships.services.reports import report_submit
from portal import desk
from tests.inquiries.factories import make_coordinator_of
from tests.organisations.factories import make_municipal_coordinator
from tests.partnerships.report_factories import content, setting

pytestmark = pytest.mark.django_db


def test_registered_apart_from_the_collaborations_panel():
    assert desk.registered_panels()["partnerships_reports"].permission == (
        "partnerships.view_agreement"
    )


@time_machine.travel("2026-07-15 09:00 +0200", tick=False)
def test_counts_what_is_overdue_and_waiting(client):
    late = setting(due_on=date(2026, 6, 1), title="Delrapport juni")
    waiting = setting(due_on=date(2026, 8, 1))
    report_submit(report=waiting.report, by=waiting.representative, **content())
    setting(due_on=date(2026, 6, 1))  # overdue in another department
    ours = make_coordinator_of(late.department)
    overdue, review = report_items(ours)
    assert (overdue.count, review.count) == (1, 0)
    assert overdue.entries[0].label.startswith("Delrapport juni")
    overdue, review = report_items(make_municipal_coordinator())
    assert (overdue.count, review.count) == (2, 1)
    client.force_login(ours)
    page = client.get(overdue.url)
    assert page.status_code == 200
    assert [r.title for r in page.context["reports"]] == ["Delrapport juni"]
    assert overdue.url.startswith(reverse("partnerships:reports"))
