"""The forum map in the browser: from the home page through the "Dialogforum" menu
item to the map, filtered by kind, on to a forum's page and its iCalendar feed.
axe-core clean on a phone and a desktop; screenshots of both pages at both sizes."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialogues.models import FollowUpItem, Forum
from tests.dialogues.factories import ForumFactory, MeetingFactory
from tests.e2e.test_layout import assert_no_serious_violations
from tests.organisations.factories import OrganisationFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.e2e
SIZES = ((390, 844), (1280, 900))


@pytest.fixture
def forums(transactional_db):
    culture = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    council = ForumFactory(
        name="Pensionärsrådet",
        slug="pensionarsradet",
        kind=Forum.Kind.COUNCIL,
        audience=Forum.Audience.INVITED,
        cadence_months=Forum.Cadence.FOUR_A_YEAR,
        department=DepartmentFactory(name="Äldreomsorgsförvaltningen"),
        description="Kommunala pensionärsrådet är ett organ för samråd.",
        how_to_take_part="Pensionärsorganisationerna utser sina ledamöter.",
        coordinator_role="Rådets sekreterare, Äldreomsorgsförvaltningen",
        organisations=[OrganisationFactory(name="PRO Huddinge")],
    )
    ForumFactory(name="Funktionsrättsrådet", slug="funktionsrattsradet", kind=Forum.Kind.COUNCIL)
    ForumFactory(
        name="Dialogforum för civilsamhället",
        kind=Forum.Kind.OPEN_DIALOGUE,
        department=culture,
        how_to_take_part="Öppet för alla föreningar: anmäl er till varje möte.",
    )
    ForumFactory(name="Integrationsnätverket", kind=Forum.Kind.ASSOCIATION_NETWORK)
    MeetingFactory(forum=council, theme="Pensionärsrådets vårmöte")
    past = MeetingFactory(
        forum=council,
        theme="Pensionärsrådets höstmöte",
        starts_at=timezone.now() - timedelta(days=60),
        registration_deadline=None,
        status="minutes_published",
        minutes="<p>Rådet gick igenom budgeten.</p>",
        minutes_published_at=timezone.now() - timedelta(days=50),
    )
    FollowUpItem.objects.create(
        meeting=past,
        title="Bättre belysning vid Träffpunkt Vista",
        status="done",
        answer="Sex nya lyktstolpar sattes upp i november.",
        answer_published_at=timezone.now() - timedelta(days=20),
    )
    return council


def check(page, artifacts, name):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        assert_no_serious_violations(page)
        page.screenshot(path=artifacts / f"forums-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_from_the_home_page_to_a_forums_calendar(page, forums, artifacts):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    page.locator(".main-nav__wide").get_by_role("link", name="Dialogforum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forum och råd")
    expect(page.get_by_text("4 forum", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Råd", level=2)).to_be_visible()
    check(page, artifacts, "map")

    page.get_by_label("Slag", exact=True).select_option(label="Råd")
    page.get_by_role("button", name="Visa forum").click()
    expect(page.get_by_text("2 forum", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Integrationsnätverket")).to_have_count(0)
    check(page, artifacts, "map-filtered")

    page.get_by_role("link", name="Pensionärsrådet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pensionärsrådet")
    expect(page.get_by_role("link", name="Pensionärsrådets vårmöte")).to_be_visible()
    expect(page.get_by_text("Sex nya lyktstolpar sattes upp i november.")).to_be_visible()
    expect(page.get_by_role("link", name="PRO Huddinge")).to_be_visible()
    check(page, artifacts, "forum")

    feed = page.get_by_role("link", name="Prenumerera på forumets möten (iCalendar)")
    response = page.request.get(feed.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    body = response.text()
    assert body.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Pensionärsrådets vårmöte" in body
