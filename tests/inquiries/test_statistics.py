"""How fast En väg in answers: the median working days to acknowledge and to close,
per month and per department and month, in a table and a server-drawn chart."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from portal.inquiries import services
from tests.organisations.factories import UserFactory, make_municipal_coordinator

from .factories import DepartmentFactory, make_official, submit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def handled(received, acknowledged, closed, department, coordinator):
    with time_machine.travel(received, tick=False):
        inquiry, _token = submit()
    with time_machine.travel(acknowledged, tick=False):
        services.inquiry_assign(
            inquiry=inquiry, to_department=department, to_user=None, reason="Ja.", by=coordinator
        )
    with time_machine.travel(closed, tick=False):
        services.inquiry_close(inquiry=inquiry, outcome="answered", text="Svar.", by=coordinator)


def test_medians_in_working_days(client):
    coordinator = make_municipal_coordinator()
    culture = DepartmentFactory(name="Kulturförvaltningen")
    # Received before Easter: acknowledged after it (1 working day: 2 April), closed
    # 8 April (3 working days: 2, 7 and 8 April).
    handled(
        datetime(2026, 4, 1, 10, tzinfo=TZ),
        datetime(2026, 4, 2, 10, tzinfo=TZ),
        datetime(2026, 4, 8, 10, tzinfo=TZ),
        culture,
        coordinator,
    )
    handled(
        datetime(2026, 4, 13, 10, tzinfo=TZ),
        datetime(2026, 4, 16, 10, tzinfo=TZ),
        datetime(2026, 4, 20, 10, tzinfo=TZ),
        culture,
        coordinator,
    )
    client.force_login(coordinator)
    with time_machine.travel(datetime(2026, 5, 4, 10, tzinfo=TZ), tick=False):
        response = client.get(reverse("inquiries:statistics"))
    (april,) = [row for row in response.context["overall"] if row.count]
    assert april.count == 2
    assert april.acknowledge == 2.0  # the median of 1 and 3 (14, 15 and 16 April)
    assert april.close == 4.0  # the median of 3 and 5 (14-17 and 20 April)
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html and "<title" in html
    assert "april 2026" in html and "Kulturförvaltningen" in html
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert not re.search(r'="\d+,\d', svg)  # coordinates are not localised (12,5)
    assert re.search(r'<rect class="inquiry-chart__close" x="[\d.]+" y="[\d.]+"', svg)


def test_only_for_coordinators(client):
    client.force_login(UserFactory())
    assert client.get(reverse("inquiries:statistics")).status_code == 403
    client.force_login(make_official())
    assert client.get(reverse("inquiries:statistics")).status_code == 403


def test_the_desk_shows_the_medians_and_chart_but_the_admin_front_page_does_not(client):
    """The desk's own page carries the figures (issue 18: "on the desk"); the admin's
    front page, which shows the same panels, keeps to the counts."""
    coordinator = make_municipal_coordinator()
    coordinator.is_staff = True
    coordinator.save(update_fields=["is_staff"])
    culture = DepartmentFactory(name="Kulturförvaltningen")
    handled(
        datetime(2026, 4, 1, 10, tzinfo=TZ),
        datetime(2026, 4, 2, 10, tzinfo=TZ),
        datetime(2026, 4, 8, 10, tzinfo=TZ),
        culture,
        coordinator,
    )
    client.force_login(coordinator)
    with time_machine.travel(datetime(2026, 5, 4, 10, tzinfo=TZ), tick=False):
        desk = client.get("/skrivbord/").content.decode()
        admin = client.get(reverse("admin:index")).content.decode()
    panel = desk.split('id="desk-inquiries"', 1)[1]
    assert "Hur snabbt vi svarar" in panel
    assert '<svg viewBox="0 0 640 260" role="img"' in panel
    # The department's row: one inquiry, 1 working day to acknowledge, 3 to close.
    assert re.search(
        r'<th scope="row">Kulturförvaltningen</th><td>april 2026</td><td>1</td>'
        r"<td>1,0</td><td>3,0</td>",
        panel,
    )
    assert 'id="desk-inquiries"' in admin and "inquiry-chart" not in admin


def test_the_figures_are_kept_ten_minutes_then_computed_again(client):
    """A year of cases is read once per reader and ten minutes, not on every visit."""
    coordinator = make_municipal_coordinator()
    culture = DepartmentFactory(name="Kulturförvaltningen")
    client.force_login(coordinator)
    handled(
        datetime(2026, 4, 1, 10, tzinfo=TZ),
        datetime(2026, 4, 2, 10, tzinfo=TZ),
        datetime(2026, 4, 8, 10, tzinfo=TZ),
        culture,
        coordinator,
    )
    with time_machine.travel(datetime(2026, 5, 4, 10, tzinfo=TZ), tick=False):
        first = client.get(reverse("inquiries:statistics"))
    assert [row.count for row in first.context["overall"] if row.count] == [1]
    assert "Beräknat kl. 10:00" in first.content.decode()
    handled(
        datetime(2026, 4, 13, 10, tzinfo=TZ),
        datetime(2026, 4, 16, 10, tzinfo=TZ),
        datetime(2026, 4, 20, 10, tzinfo=TZ),
        culture,
        coordinator,
    )
    with time_machine.travel(datetime(2026, 5, 4, 10, 9, tzinfo=TZ), tick=False):
        cached = client.get(reverse("inquiries:statistics"))
    assert [row.count for row in cached.context["overall"] if row.count] == [1]
    with time_machine.travel(datetime(2026, 5, 4, 10, 11, tzinfo=TZ), tick=False):
        fresh = client.get(reverse("inquiries:statistics"))
    assert [row.count for row in fresh.context["overall"] if row.count] == [2]
