"""A representative's pages in a real browser: the requests to join shown first on
"Mina föreningar", the members page as lists that fit a phone, a confirmation page
answered without JavaScript, and the readable copy of one's data. axe-core finds no
serious violation, nothing scrolls sideways at 390 px, and each is screenshotted on
a phone and a desktop."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from organisations import services
from organisations.models import Invitation, JoinRequest, Membership
from tests.conftest import make_user
from tests.e2e.test_hidden_matches import SIZES, log_in
from tests.e2e.test_layout import assert_no_serious_violations
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.e2e


def check(page, artifacts, name):
    """axe-core and no sideways scrolling at each size, with a screenshot of each."""
    for label, (width, height) in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        assert_no_serious_violations(page)
        page.screenshot(path=str(artifacts / f"{name}-{label}.png"), full_page=True)


def test_a_representatives_pages(page, artifacts):
    admin = make_user(get_user_model(), "alva@example.se", first_name="Alva", last_name="Andersson")
    org = OrganisationFactory(name="Vivalla Schackklubb")
    MembershipFactory(organisation=org, user=admin, role="admin")
    MembershipFactory(
        organisation=org,
        role="editor",
        user__first_name="Erik",
        user__last_name="Eriksson-Lindqvist",
        user__email="erik.eriksson-lindqvist@foreningen.example.se",
    )
    JoinRequest.objects.create(
        organisation=org,
        user=UserFactory(first_name="Nadia", last_name="Nilsson"),
        message="Jag har varit kassör i tre år och vill hjälpa till med medlemsregistret.",
    )
    JoinRequest.objects.create(
        organisation=org, user=UserFactory(first_name="", last_name="", email="a@b.se")
    )
    invitation = services.membership_invite(
        organisation=org, by=admin, email="ny.representant@example.se"
    )
    log_in(page, "alva@example.se")

    # "Mina föreningar": who asks, before anything else.
    page.goto("/foreningar/mina-foreningar/")
    waiting = page.locator(".rep-waiting")
    expect(waiting).to_contain_text("2 personer vill företräda Vivalla Schackklubb")
    expect(waiting).to_contain_text("Nadia Nilsson")
    check(page, artifacts, "representatives-mine-with-requests")

    # The members page: requests, representatives and invitations as lists.
    waiting.get_by_role("link", name="Svara på förfrågningarna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Representanter för Vivalla Schackklubb"
    )
    expect(page.locator("#requests-title")).to_have_text("Förfrågningar om att gå med (2)")
    expect(page.get_by_text("a@b.se (a@b.se)")).to_have_count(0)
    check(page, artifacts, "representatives-members")

    # Withdrawing asks first, on a page that works without JavaScript.
    page.get_by_role("link", name="Återkalla ny.representant@example.se").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Återkalla inbjudan till ny.representant@example.se?"
    )
    check(page, artifacts, "representatives-confirm-withdraw")
    page.get_by_role("button", name="Ja, återkalla inbjudan").click()
    expect(page.locator(".messages")).to_contain_text("har återkallats")
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None and invitation.email == ""

    # Declining asks first too, and names the person and what they wrote.
    page.get_by_role("link", name="Avböj Nadia Nilsson").click()
    expect(page.locator("main")).to_contain_text("Jag har varit kassör")
    check(page, artifacts, "representatives-confirm-decline")
    page.get_by_role("link", name="Nej, gå tillbaka").click()
    assert JoinRequest.objects.filter(status="open").count() == 2

    # The readable copy of one's data.
    page.goto("/konto/")
    page.get_by_role("link", name="Visa mina uppgifter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina personuppgifter")
    expect(page.locator("main")).to_contain_text("Administratör")
    check(page, artifacts, "representatives-my-data")
    assert Membership.objects.filter(organisation=org).count() == 2
    assert Invitation.objects.count() == 1


def test_confirmation_pages_work_without_javascript(browser, live_server, transactional_db):
    org = OrganisationFactory(name="Hagby IF")
    make_user(get_user_model(), "admin@example.se")
    admin = get_user_model().objects.get(email="admin@example.se")
    MembershipFactory(organisation=org, user=admin, role="admin")
    editor = MembershipFactory(organisation=org, role="editor", user__first_name="Erik")
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, "admin@example.se")
    page.goto(f"/foreningar/{org.slug}/representanter/")
    page.get_by_role("link", name=f"Ta bort {editor.user.display_name}").click()
    page.get_by_role("button", name=f"Ja, ta bort {editor.user.display_name}").click()
    expect(page.locator(".messages")).to_contain_text("togs bort")
    assert not Membership.objects.filter(pk=editor.pk).exists()
    context.close()
