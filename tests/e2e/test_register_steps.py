"""A visitor registers their association as a new user would: from the home page to
the login, an account made and its address confirmed with allauth's own mail, back
to the form, its five steps on a phone (an error, whose summary takes the focus;
back, with everything kept), and their association's page awaiting approval."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from organisations.models import ActivityArea, Organisation
from tests.e2e.test_layout import assert_no_serious_violations
from tests.organisations.factories import (
    ActivityAreaFactory,
    CategoryFactory,
    DistrictFactory,
)

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-passphrase-123"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shoot(page, artifacts, name):
    """The page at a phone's size and a desktop's, back at the phone's after."""
    for device, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(artifacts / f"register-{name}-{device}.png"), full_page=True)


def focused(page) -> str:
    return page.evaluate("() => document.activeElement.className")


def next_step(page):
    page.get_by_role("button", name=re.compile(r"^Nästa")).click()
    page.wait_for_load_state()


def test_a_visitor_registers_through_the_steps(page, artifacts):
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    district = DistrictFactory(name="Vårby", slug="varby")
    youth = ActivityAreaFactory(
        name="Barn och unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP
    )
    page.set_viewport_size(PHONE)

    # From the home page's promise to the login, then to a new account.
    page.goto("/")
    page.get_by_role("link", name="registrera din egen förening").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/foreningar/registrera/"))
    page.get_by_role("main").get_by_role("link", name="Skapa ett konto").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/\?next="))
    page.locator("#id_email").fill("ny.ordforande@example.se")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("main").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    # allauth's mail; its link leads on to the form once the address is confirmed.
    (message,) = [m for m in mail.outbox if m.to == ["ny.ordforande@example.se"]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_role("main").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/foreningar/registrera/$"))

    # Step 1.
    expect(page.locator("h2.reg-heading")).to_have_text("Steg 1 av 5: Om föreningen")
    expect(page.locator("[aria-current=step]")).to_contain_text("Om föreningen")
    assert_no_serious_violations(page)
    shoot(page, artifacts, "step-1")
    page.get_by_label("Namn", exact=True).fill("Vårby Gårds Schackklubb")
    page.locator("#id_description").fill("Schack för barn och vuxna varje tisdag.")
    page.locator("#id_member_count").fill("42")
    next_step(page)

    # Step 2, sent without a category: the summary takes the focus.
    expect(page.locator("h2.reg-heading")).to_have_text("Steg 2 av 5: Var och vad")
    page.get_by_label("Vårby").check()
    page.get_by_label("Barn och unga").check()
    shoot(page, artifacts, "step-2")
    next_step(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Kategorier: Välj minst en kategori."])
    assert_no_serious_violations(page)
    shoot(page, artifacts, "step-2-error")

    # Back, from the step with the error: the first step as typed; the second too.
    page.get_by_role("button", name="Tillbaka").click()
    expect(page.locator("h2.reg-heading")).to_have_text("Steg 1 av 5: Om föreningen")
    expect(page.get_by_label("Namn", exact=True)).to_have_value("Vårby Gårds Schackklubb")
    expect(page.locator("#id_member_count")).to_have_value("42")
    next_step(page)
    expect(page.get_by_label("Vårby")).to_be_checked()
    expect(page.get_by_label("Barn och unga")).to_be_checked()
    expect(page.locator(".error-summary")).to_have_count(0)
    summary_link = page.locator(f"input[name=categories][value='{sport.pk}']")
    summary_link.check()
    next_step(page)

    # Step 3 and 4.
    expect(page.locator("h2.reg-heading")).to_have_text("Steg 3 av 5: Kontakt")
    page.locator("#id_email").fill("info@schack.example.se")
    page.locator("#id_contact_name").fill("Anna Andersson")
    page.locator("#id_contact_email").fill("anna@example.se")
    assert_no_serious_violations(page)
    shoot(page, artifacts, "step-3")
    next_step(page)
    expect(page.locator("h2.reg-heading")).to_have_text("Steg 4 av 5: Erbjuder och söker")
    page.locator("#id_offers_premises").check()
    assert_no_serious_violations(page)
    shoot(page, artifacts, "step-4")
    next_step(page)

    # The review: everything, each step with its link to change it.
    expect(page.locator("h2.reg-heading")).to_have_text("Steg 5 av 5: Samtycke och granskning")
    main = page.get_by_role("main")
    for text in ("Vårby Gårds Schackklubb", "Vårby", "Idrottsförening", "Barn och unga"):
        expect(main.get_by_text(text, exact=True).first).to_be_visible()
    expect(main.get_by_text("anna@example.se")).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("^Ändra"))).to_have_count(4)
    page.get_by_label("Visa kontaktpersonen offentligt").check()
    assert_no_serious_violations(page)
    shoot(page, artifacts, "step-5-review")
    page.get_by_role("button", name="Skicka registreringen").click()

    # Their association's page, awaiting approval.
    organisation = Organisation.objects.get()
    expect(page).to_have_url(re.compile(re.escape(organisation.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vårby Gårds Schackklubb")
    banner = page.locator(".org-status")
    expect(banner.get_by_role("heading")).to_have_text("Väntar på godkännande")
    expect(banner).to_contain_text("Du får ett mejl när den är godkänd")
    expect(page.get_by_text("är registrerad och väntar på att en samordnare")).to_be_visible()
    assert_no_serious_violations(page)
    shoot(page, artifacts, "pending-page")
    assert organisation.status == Organisation.Status.PENDING
    assert list(organisation.areas.all()) == [youth]
    assert list(organisation.districts.all()) == [district]
    assert organisation.contact_is_public and organisation.offers_premises
