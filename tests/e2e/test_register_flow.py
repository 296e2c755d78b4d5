"""The register end to end: a representative registers an association, a municipal
coordinator approves it in the admin, and a visitor finds it through the directory."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from organisations.models import ActivityArea, Category, District, Organisation
from tests.conftest import make_user
from tests.organisations.factories import make_municipal_coordinator

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-passphrase-123"


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_register_approve_and_find(browser, live_server, transactional_db):
    sport = Category.objects.create(name="Idrottsförening", slug="idrottsforening")
    District.objects.create(name="Segeltorp", slug="segeltorp")
    ActivityArea.objects.create(name="Unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP)
    make_user(get_user_model(), "representant@example.se")
    coordinator = make_municipal_coordinator(email="samordnare@example.se")
    coordinator.set_password(PASSWORD)
    coordinator.save()

    # 1. A representative registers the association through the guided form's steps.
    representative = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = representative.new_page()
    page.set_default_timeout(15_000)
    _log_in(page, "representant@example.se")
    page.goto("/foreningar/registrera/")
    page.locator("#id_name").fill("Segeltorps Schackklubb")
    page.locator("#id_description").fill("Schack för barn och vuxna i Segeltorp, varje tisdag.")
    page.locator("main form button[value=next]").click()
    page.locator(f"input[name=categories][value='{sport.pk}']").check()
    page.locator("input[name=districts]").first.check()
    page.locator("main form button[value=next]").click()
    page.locator("#id_email").fill("info@schack.example.se")
    page.locator("main form button[value=next]").click()
    page.locator("main form button[value=next]").click()
    page.locator("main form button[value=send]").click()
    expect(page.locator(".org-status")).to_contain_text("Väntar på godkännande")
    organisation = Organisation.objects.get(name="Segeltorps Schackklubb")
    assert organisation.status == Organisation.Status.PENDING
    representative.close()

    # 2. Not in the directory while it awaits approval.
    visitor = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = visitor.new_page()
    page.goto("/foreningar/?q=schackklubb")
    expect(page.locator(".register-list")).to_have_count(0)

    # 3. A municipal coordinator approves it with the admin action.
    desk = browser.new_context(base_url=live_server.url, locale="sv-SE")
    admin_page = desk.new_page()
    admin_page.set_default_timeout(15_000)
    admin_page.goto("/admin/login/?next=/admin/organisations/organisation/")
    admin_page.locator("#id_username").fill("samordnare@example.se")
    admin_page.locator("#id_password").fill(PASSWORD)
    admin_page.locator("input[type=submit]").click()
    admin_page.wait_for_url(re.compile(r"/admin/organisations/organisation/"))
    admin_page.locator(f"input[name=_selected_action][value='{organisation.pk}']").check()
    admin_page.locator("select[name=action]").select_option("approve")
    admin_page.locator("button[name=index]").click()
    admin_page.locator("input[type=submit].default").click()  # the confirmation step
    admin_page.wait_for_load_state()
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.ACTIVE
    desk.close()

    # 4. A visitor finds it through the directory's search (works on SQLite too).
    page.goto("/foreningar/")
    page.locator("#id_q").fill("schackklubb segeltorp")
    page.locator("form[role=search] button[type=submit]").first.click()
    result = page.locator(".register-item__title a", has_text="Segeltorps Schackklubb")
    expect(result).to_be_visible()
    expect(page.locator("[role=status]").first).to_contain_text("1")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Segeltorps Schackklubb")
    expect(page.get_by_text("Schack för barn och vuxna")).to_be_visible()
    visitor.close()


@pytest.mark.parametrize("who", ["visitor", "representative"])
def test_register_pages_have_no_serious_accessibility_violations(page, who):
    from dialogues.models import Forum
    from partnerships.models import Agreement
    from tests.dialogues.factories import ForumFactory, ForumMembershipFactory
    from tests.e2e.test_layout import assert_no_serious_violations
    from tests.organisations.factories import (
        ActivityFactory,
        MembershipFactory,
        OrganisationFactory,
    )
    from tests.partnerships.factories import AgreementFactory

    activity = ActivityFactory()
    organisation = activity.organisation
    # The page's forum and agreement sections, public and (for representatives) not.
    for audience in (Forum.Audience.OPEN, Forum.Audience.INTERNAL):
        ForumMembershipFactory(forum=ForumFactory(audience=audience), organisation=organisation)
    for status in (Agreement.Status.ACTIVE, Agreement.Status.PREPARATION):
        AgreementFactory(status=status, parties=[organisation])
    paths = [
        "/foreningar/",
        f"/foreningar/?q={organisation.name.split()[0]}",
        "/foreningar/kalender/",
        "/foreningar/api/",
        organisation.get_absolute_url(),
    ]
    if who == "representative":
        member = MembershipFactory(organisation=organisation, role="admin")
        member.user.set_password(PASSWORD)
        member.user.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=member.user, email=member.user.email, defaults={"verified": True, "primary": True}
        )
        # An archived association of theirs: its card offers nothing to change.
        archived = OrganisationFactory(
            name="Nedlagda Klubben", status="archived", status_reason="Nedlagd"
        )
        MembershipFactory(organisation=archived, user=member.user, role="admin")
        _log_in(page, member.user.email)
        paths = [
            "/foreningar/registrera/",
            "/foreningar/mina-foreningar/",
            f"/foreningar/{organisation.slug}/redigera/",
            f"/foreningar/{organisation.slug}/representanter/",
            f"/foreningar/{organisation.slug}/aktiviteter/ny/",
            organisation.get_absolute_url(),
        ]
    for path in paths:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_no_serious_violations(page)
    # The association's page (last): a visitor sees the public forum and agreement,
    # its representative the internal ones too, marked "Inte publik".
    expect(page.get_by_role("heading", name="Dialogforum och råd")).to_be_visible()
    expect(page.get_by_role("heading", name="Avtal och partnerskap")).to_be_visible()
    expect(page.locator("main h3 .badge")).to_have_count(2 if who == "representative" else 0)
    if who == "representative":
        page.goto("/foreningar/mina-foreningar/")
        card = page.locator(".org-card", has_text="Nedlagda Klubben")
        expect(card.locator(".notice")).to_contain_text("Föreningen är arkiverad")
        # Nothing to change, only its page to read; leaving concerns the person, so
        # it stays open.
        expect(card.get_by_role("link")).to_have_text(
            ["Nedlagda Klubben", "Lämna Nedlagda Klubben"]
        )
        # With errors too: the guided form's first step sent empty.
        page.goto("/foreningar/registrera/")
        page.locator("main form button[value=next]").click()
        expect(page.locator(".error-summary")).to_be_focused()
        assert_no_serious_violations(page)
