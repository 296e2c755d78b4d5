"""Demo data of the surveys: after the register's, idempotent, with the demo
representative's association among the recipients and its link printed."""

import io
import re

import pytest

from organisations import demo as organisations_demo
from portal import demo as portal_demo
from portal.management.commands.load_demo import demo_loaders
from surveys import demo
from surveys.models import Survey

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
    assert Survey.objects.count() == 1
    survey = Survey.objects.get()
    assert survey.is_open() and survey.recipients.count() == demo.RECIPIENTS
    assert survey.responses.submitted().count() == len(demo.ANSWERS)
    (url,) = set(re.findall(r"http\S+/enkater/svar/\S+/", out.getvalue()))
    page = client.get(url[url.index("/enkater/") :])
    assert page.status_code == 200 and survey.title in page.content.decode()
