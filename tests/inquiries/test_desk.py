"""En väg in's desk panel: new cases with their age in working days, cases past a
deadline and cases handed around, counted among those the reader may handle."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from portal.inquiries.models import Inquiry
from tests.organisations.factories import make_municipal_coordinator

from .factories import DepartmentFactory, assigned, make_coordinator_of, make_official, submit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def items(html):
    pairs = re.findall(
        r'desk-item__count">(\d+)</span>\s*<span class="desk-item__label">([^<]+)<', html
    )
    return {label: int(count) for count, label in pairs}


def test_the_panel_counts_in_working_days(client):
    with time_machine.travel(datetime(2026, 4, 1, 10, tzinfo=TZ), tick=False):
        submit(subject="Före påsk")
    with time_machine.travel(datetime(2026, 4, 7, 10, tzinfo=TZ), tick=False):
        handed, _t = assigned()
        Inquiry.objects.filter(pk=handed.pk).update(handover_count=3)
        client.force_login(make_municipal_coordinator())
        html = client.get("/skrivbord/").content.decode()
    found = items(html)
    assert found["Nya ärenden att fördela"] == 1
    assert found["Överlämnade mer än två gånger"] == 1
    assert found["Försenade"] == 0  # due by the end of 7 April
    # 1 April to 7 April is two working days (2 and 7 April): Easter is not counted.
    assert "Äldsta: 2 arbetsdagar" in html
    assert "Före påsk" in html and "(2 arbetsdagar)" in html


def test_a_department_coordinator_counts_only_the_departments_cases(client):
    department = DepartmentFactory()
    assigned(department=department)
    assigned(official=make_official())
    submit()
    client.force_login(make_coordinator_of(department))
    found = items(client.get("/skrivbord/").content.decode())
    assert found["Nya ärenden att fördela"] == 0  # triage is the municipal coordinators'


def test_the_desk_makes_the_same_queries_for_few_and_many(client, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_municipal_coordinator())

    def cost():
        cache.clear()  # the medians computed each time (stats.speed_for keeps them)
        with CaptureQueriesContext(connection) as queries:
            client.get("/skrivbord/")
        return len(queries)

    submit()
    few = cost()
    for _ in range(8):
        submit()
    assert cost() == few
