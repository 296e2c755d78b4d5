"""Demo data of the surveys: after the register's, idempotent: a finished
inventory with the nine departments' answers, a finished civil-society survey
with about ninety answers as the previous round of the open one, whose link for
the demo representative's association is printed and works."""

import io
import re

import pytest
from django.urls import reverse

from organisations import demo as organisations_demo
from portal import demo as portal_demo
from portal.management.commands.load_demo import demo_loaders
from surveys import demo, demo_civil_society, demo_inventory
from surveys.models import Question, Survey

pytestmark = pytest.mark.django_db


def test_runs_after_the_register():
    labels = [label for label, _load in demo_loaders()]
    assert labels.index("organisations") < labels.index("surveys")


def test_load_twice_prints_a_working_link(client):
    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert Survey.objects.count() == 3
    survey = Survey.objects.get(slug=demo.SLUG)
    assert survey.is_open() and survey.recipients.count() == demo.RECIPIENTS
    assert survey.responses.submitted().count() == len(demo.ANSWERS)
    previous = survey.previous_round
    assert previous.title == demo_civil_society.TITLE and previous.status == Survey.Status.CLOSED
    assert previous.responses.submitted().count() == demo_civil_society.ANSWERED
    assert previous.responses.filter(answers__question__code="forbattra").distinct().count() > 20
    inventory = Survey.objects.get(title=demo_inventory.TITLE)
    english = {demo.TITLE_EN, demo_civil_society.TITLE_EN, demo_inventory.TITLE_EN}
    assert set(Survey.objects.values_list("title_en", flat=True)) == english
    assert not Question.objects.filter(text_en="").exists()
    assert inventory.status == Survey.Status.CLOSED and inventory.kind == Survey.Kind.INVENTORY
    assert inventory.responses.submitted().count() == 9
    (url,) = set(re.findall(r"http\S+/enkater/svar/\S+/", out.getvalue()))
    page = client.get(url[url.index("/enkater/") :])
    assert page.status_code == 200 and survey.title in page.content.decode()
    client.force_login(inventory.created_by)
    tables = client.get(reverse("surveys:inventory", args=[inventory.slug]))
    assert (
        tables.status_code == 200 and "Kultur- och fritidsförvaltningen" in tables.content.decode()
    )
