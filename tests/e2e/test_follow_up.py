"""The follow-up loop in the browser: a coordinator writes a held meeting's minutes
and the answer to what an association raised in the admin, then publishes the
minutes; the answer shows on the forum's page and on the raising association's
page, and the participant got one mail. axe-core clean on the public pages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from dialogues.models import FollowUpItem, Meeting
from tests.dialogues.factories import ForumFactory, MeetingFactory, RegistrationFactory
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_meeting_signup import as_user
from tests.organisations.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.e2e
SIZES = ((390, 844), (1280, 900))
ANSWER = "Från januari är Fullersta öppet till kl. 22 på vardagar."


@pytest.fixture
def held(transactional_db):
    organisation = OrganisationFactory(name="Vivalla Schackklubb")
    participant = MembershipFactory(organisation=organisation).user
    meeting = MeetingFactory(
        forum=ForumFactory(name="Dialogforum för civilsamhället"),
        theme="Höstens dialogforum",
        starts_at=timezone.now() - timedelta(days=3),
        registration_deadline=None,
        status=Meeting.Status.HELD,
    )
    RegistrationFactory(meeting=meeting, organisation=organisation, registered_by=participant)
    item = FollowUpItem.objects.create(
        meeting=meeting,
        title="Fler kvällstider i kommunens lokaler",
        raised_by_organisation=organisation,
        due_on=timezone.localdate() + timedelta(days=60),
    )
    return meeting, item, participant


def check(page, artifacts, name):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        assert_no_serious_violations(page)
        page.screenshot(path=artifacts / f"follow-up-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_published_answer_reaches_the_forum_the_association_and_the_participant(
    browser, live_server, held, coordinator, artifacts
):
    meeting, item, participant = held
    context, page = as_user(browser, live_server, coordinator)
    page.goto(reverse("admin:dialogues_meeting_change", args=[meeting.pk]))
    page.locator('textarea[name="minutes"]').fill("<p>Lokalfrågan var den stora frågan.</p>")
    page.locator('select[name="follow_ups-0-status"]').select_option("done")
    page.locator('textarea[name="follow_ups-0-answer"]').fill(ANSWER)
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert not mail.outbox  # told with the minutes, not before

    page.goto(reverse("admin:dialogues_meeting_changelist"))
    page.locator(f'input[name="_selected_action"][value="{meeting.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish_minutes_action")
    page.locator('button[name="index"]').first.click()
    expect(page.get_by_text("Höstens dialogforum").first).to_be_visible()
    context.close()

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert [m.to for m in mail.outbox] == [[participant.email]]
    assert "Höstens dialogforum" in mail.outbox[0].subject

    visitor = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = visitor.new_page()
    page.goto(meeting.forum.get_absolute_url())
    followups = page.locator("section", has=page.locator("#followups-heading"))
    expect(followups.get_by_text(item.title)).to_be_visible()
    expect(followups.get_by_text(ANSWER)).to_be_visible()
    expect(followups.get_by_text("Klar")).to_be_visible()
    check(page, artifacts, "forum")

    page.goto(item.raised_by_organisation.get_absolute_url())
    raised = page.locator("section", has=page.locator("#raised-heading"))
    expect(raised.get_by_text(item.title)).to_be_visible()
    expect(raised.get_by_text(ANSWER)).to_be_visible()
    raised.get_by_role("link", name="Dialogforum för civilsamhället: Höstens dialogforum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Höstens dialogforum")
    expect(page.get_by_text(ANSWER)).to_be_visible()
    check(page, artifacts, "association")
    visitor.close()
