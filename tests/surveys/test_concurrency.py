"""Two tabs sending the same answer at the same moment: the second waits for the
recipient's lock, finds the answer submitted and stores nothing; an open link's
form sent twice is stored once by the unique form key."""

import pytest

from surveys.models import Recipient, Response, Survey
from surveys.services.answering import AlreadyAnswered, response_save, response_submit_open
from tests.concurrency import first_holds_then
from tests.organisations.factories import OrganisationFactory

from .factories import open_survey, sent_survey


@pytest.mark.django_db(transaction=True)
def test_two_tabs_submit_at_once_and_the_answer_is_stored_once():
    survey = sent_survey([OrganisationFactory()])
    recipient = Recipient.objects.get(survey=survey)

    def submit():
        return response_save(recipient=recipient, answers=[], submit=True)

    first, second = first_holds_then(submit, submit)
    assert isinstance(first, Response)
    assert isinstance(second, AlreadyAnswered)
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_an_open_link_form_sent_twice_is_stored_once(client):
    survey = open_survey(audience=Survey.Audience.OPEN_LINK)
    first = response_submit_open(survey=survey, answers=[], key="k" * 32)
    assert response_submit_open(survey=survey, answers=[], key="k" * 32) == first
    page = client.get(f"/enkater/oppen/{survey.slug}/")
    assert page.status_code == 200 and 'name="form_key"' in page.content.decode()
    assert Response.objects.count() == 1
