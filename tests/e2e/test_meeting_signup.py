"""Sign-up in the browser: an association fills a meeting, the next one's sign-up
goes to the waiting list and the page says so, the first cancels, and the one
waiting is given the place, told by e-mail and sees it on the meeting page and in
My meetings. axe-core clean at each step; screenshots on a phone and a desktop."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.dialogues.factories import ForumFactory, MeetingFactory
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.e2e
SIZES = ((390, 844), (1280, 900))


@pytest.fixture
def meeting(transactional_db):
    return MeetingFactory(
        forum=ForumFactory(name="Dialogforum för civilsamhället"),
        theme="Lokaler för föreningslivet",
        agenda="1. Lokalbehov i kommundelarna\n2. Bokningssystemet\n3. Frågor",
        place="Huddinge kommunhus, Stora sessionssalen",
        capacity=2,
        hearing_loop=True,
        step_free=True,
        interpretation="Teckenspråkstolk på begäran",
    )


def representative(name):
    return MembershipFactory(organisation=OrganisationFactory(name=name)).user


def as_user(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    _log_in(page, user.email)
    return context, page


def shots(page, artifacts, name):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=artifacts / f"meeting-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_waiting_list_and_promotion(browser, live_server, meeting, artifacts):
    first_user = representative("Segeltorps Idrottsförening")
    second_user = representative("Vårby Schackklubb")
    url = meeting.get_absolute_url()

    first, page = as_user(browser, live_server, first_user)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokaler för föreningslivet")
    expect(page.get_by_text("2 av 2 kvar")).to_be_visible()
    assert_no_serious_violations(page)
    shots(page, artifacts, "open")
    # A number the meeting cannot take: the message beside the field, the needs kept.
    page.get_by_label("Antal deltagare").fill("0")
    page.get_by_label("Behov av anpassning eller specialkost").fill("Rullstolsplats")
    page.get_by_role("button", name="Anmäl").click()
    expect(page.locator("#id_attendees_error")).to_have_text("Anmäl minst 1 deltagare.")
    expect(page.get_by_label("Behov av anpassning eller specialkost")).to_have_value(
        "Rullstolsplats"
    )
    assert_no_serious_violations(page)
    page.get_by_label("Antal deltagare").fill("2")
    page.get_by_role("button", name="Anmäl").click()
    expect(
        page.get_by_text("Segeltorps Idrottsförening är anmäld med 2 deltagare.")
    ).to_be_visible()
    expect(page.get_by_text("Fullt (2 platser)")).to_be_visible()

    second, page = as_user(browser, live_server, second_user)
    page.goto(url)
    expect(page.get_by_text("Mötet är fullt. Om du anmäler föreningen")).to_be_visible()
    page.get_by_role("button", name="Ställ dig på väntelistan").click()
    expect(
        page.get_by_text("Mötet är fullt: Vårby Schackklubb står på väntelistan, som nummer 1.")
    ).to_be_visible()
    expect(page.get_by_text("Nummer 1 på väntelistan.")).to_be_visible()
    assert_no_serious_violations(page)
    shots(page, artifacts, "waiting")

    page = first.pages[0]
    page.goto(url)
    page.get_by_role("link", name="Avboka anmälan för Segeltorps Idrottsförening").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avboka anmälan?")
    assert_no_serious_violations(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Ja, avboka anmälan").click()
    expect(page.get_by_text("Anmälan för Segeltorps Idrottsförening är avbokad.")).to_be_visible()
    expect(page.get_by_text("Fullt (2 platser)")).not_to_be_visible()
    first.close()

    assert [m.to for m in mail.outbox] == [[second_user.email]]
    assert mail.outbox[0].subject == "Du har fått en plats: ”Lokaler för föreningslivet”"
    page = second.pages[0]
    page.goto(url)
    expect(page.get_by_role("heading", name="Vårby Schackklubb: anmäld")).to_be_visible()
    expect(page.get_by_text("Fick plats från väntelistan")).to_be_visible()
    assert_no_serious_violations(page)
    shots(page, artifacts, "promoted")
    page.get_by_role("link", name="Mina möten").click()
    expect(page.get_by_role("link", name="Lokaler för föreningslivet")).to_be_visible()
    expect(page.get_by_text("anmäld, 1 deltagare")).to_be_visible()
    assert_no_serious_violations(page)
    shots(page, artifacts, "my-meetings")
    second.close()


def test_the_coordinators_pages(browser, live_server, meeting, artifacts):
    from dialogues.models import MeetingQuestion, Registration
    from tests.e2e.conftest import ARTIFACTS  # noqa: F401  (the folder exists)
    from tests.organisations.factories import CategoryFactory, make_municipal_coordinator

    sport = CategoryFactory(name="Idrottsförening")
    for name, status, needs in (
        ("Segeltorps Idrottsförening", "confirmed", "Rullstolsplats och hörslinga"),
        ("Vårby Schackklubb", "waiting", ""),
    ):
        organisation = OrganisationFactory(name=name, categories=[sport])
        Registration.objects.create(
            meeting=meeting,
            organisation=organisation,
            registered_by=MembershipFactory(organisation=organisation).user,
            attendees=2 if status == "confirmed" else 1,
            needs=needs,
            status=status,
        )
        MeetingQuestion.objects.create(
            meeting=meeting, organisation=organisation, topic="Lokaler", text="Hur bokar vi?"
        )
    coordinator = make_municipal_coordinator(email="samordnare@example.se")
    context, page = as_user(browser, live_server, coordinator)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Deltagare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deltagare")
    expect(page.get_by_text("Rullstolsplats och hörslinga")).to_be_visible()
    assert_no_serious_violations(page)
    shots(page, artifacts, "participants")

    page.goto(f"/admin/dialogues/meeting/{meeting.pk}/invite/")
    page.get_by_label("Idrottsförening").check()
    page.get_by_role("button", name="Visa hur många").click()
    expect(page.get_by_role("heading", name="Valen ger 2 föreningar")).to_be_visible()
    assert_no_serious_violations(page)
    shots(page, artifacts, "invite")
    page.get_by_role("button", name="Skicka inbjudningarna").click()
    expect(page.get_by_text("2 föreningar inbjudna.")).to_be_visible()
    context.close()
