"""Hitta rätt in a real browser: from the home page to the contact paths, a search
for "bidrag" that finds the grants path (a compound's last part), a department
filter, a path's page; an official marks a path reviewed and publishes one, with
an error shown beside its field. Every page axe-clean; screenshots at a phone's
and a desktop's size in test-artifacts/."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisations.models import ActivityArea
from portal.contacts.models import ContactPath
from tests.contacts.factories import ContactPathFactory, TopicFactory, make_official
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.organisations.factories import ActivityAreaFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def paths(transactional_db):
    culture = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    social = DepartmentFactory(name="Socialförvaltningen")
    grants = TopicFactory(name="Bidrag och ekonomiskt stöd", slug="bidrag")
    premises = TopicFactory(name="Lokaler och anläggningar", slug="lokaler")
    young = ActivityAreaFactory(name="Unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP)
    official = make_official(culture, email="tove@kommun.example.se", first_name="Tove")
    grants_path = ContactPathFactory(
        title="Föreningsbidrag och aktivitetsstöd",
        description="Vi svarar på frågor om föreningsbidrag, aktivitetsstöd och startbidrag.",
        department=culture,
        role="Föreningskonsulent",
        email="foreningsbidrag@huddinge.example",
        phone="08-535 300 10",
        opening_hours="Måndag–torsdag 9–12 och 13–16",
        person=official,
        person_phone="08-535 300 12",
        person_is_public=True,
        topics=[grants],
        target_groups=[young],
    )
    ContactPathFactory(
        title="Stöd till föreningar som möter utsatta",
        description="Bidrag inom det sociala området.",
        department=social,
        role="Samordnare",
        topics=[grants],
    )
    ContactPathFactory(title="Boka idrottshallar", department=culture, topics=[premises])
    stale = ContactPathFactory(
        title="Idéburet offentligt partnerskap (IOP)", department=culture, topics=[grants]
    )
    ContactPath.objects.filter(pk=stale.pk).update(
        reviewed_at=timezone.now() - timezone.timedelta(days=420)
    )
    return {"culture": culture, "grants": grants_path, "official": official, "stale": stale}


def shoot(page, artifacts, name):
    for device, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(artifacts / f"hitta-ratt-{name}-{device}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_from_the_home_page_to_the_grants_path(page, paths, artifacts):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    page.locator(".main-nav__wide").get_by_role("link", name="Hitta rätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hitta rätt")
    expect(page.locator(".register-count")).to_have_text("4 kontaktvägar hittades")
    assert_no_serious_violations(page)
    shoot(page, artifacts, "list")

    page.get_by_label("Vad behöver du hjälp med?").fill("bidrag")
    page.get_by_role("button", name="Sök", exact=True).click()
    results = page.locator(".register-item__title")
    expect(results.first).to_contain_text("Föreningsbidrag och aktivitetsstöd")
    expect(page.locator(".register-count")).to_have_text("3 kontaktvägar hittades")
    expect(page.get_by_text("Inte granskad")).to_be_visible()  # the IOP path
    assert_no_serious_violations(page)

    page.get_by_label("Förvaltning").select_option(label="Kultur- och fritidsförvaltningen")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.locator(".register-count")).to_have_text("2 kontaktvägar hittades")
    expect(page.get_by_text("Stöd till föreningar som möter utsatta")).to_have_count(0)
    assert_no_serious_violations(page)
    shoot(page, artifacts, "searched")

    page.get_by_role("link", name="Föreningsbidrag och aktivitetsstöd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Föreningsbidrag och aktivitetsstöd")
    facts = page.locator(".register-detail__facts")
    expect(facts).to_contain_text("Föreningskonsulent")
    expect(facts).to_contain_text("Måndag–torsdag 9–12 och 13–16")
    expect(facts.get_by_role("link", name="08-535 300 10")).to_have_attribute(
        "href", "tel:+46853530010"
    )
    expect(facts).to_contain_text("Tove")  # the person agreed to be shown
    assert_no_serious_violations(page)
    shoot(page, artifacts, "path")


def test_an_official_reviews_and_publishes(page, paths, artifacts):
    page.set_viewport_size(DESKTOP)
    _log_in(page, paths["official"].email)
    page.goto("/hitta-ratt/hantera/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Din förvaltnings kontaktvägar")
    expect(page.get_by_text("1 kontaktväg har inte granskats på ett år")).to_be_visible()
    assert_no_serious_violations(page)
    shoot(page, artifacts, "manage")
    item = page.locator(".contacts-manage__item", has_text="Idéburet offentligt partnerskap")
    item.get_by_role("button", name="Markera som granskad").click()
    expect(page.get_by_role("status").first).to_contain_text("är markerad som granskad")
    expect(page.get_by_text("har inte granskats på ett år")).to_have_count(0)

    page.get_by_role("link", name="Publicera en kontaktväg").click()
    page.get_by_label("Vad man kan få hjälp med").fill("Lovaktiviteter för unga")
    page.get_by_label("Beskrivning").fill("Vi hjälper föreningar som vill ordna lovaktiviteter.")
    page.get_by_label("Lokaler och anläggningar").check()
    page.get_by_label("Roll", exact=True).fill("Fritidskonsulent")
    page.get_by_label("E-post", exact=True).fill("lov@huddinge")
    page.get_by_role("button", name="Publicera", exact=True).click()
    error = page.locator("#id_email_error")
    expect(error).to_contain_text("Fyll i en giltig e-postadress.")
    expect(page.get_by_label("Vad man kan få hjälp med")).to_have_value("Lovaktiviteter för unga")
    assert_no_serious_violations(page)
    shoot(page, artifacts, "form-error")
    page.get_by_label("E-post", exact=True).fill("lov@huddinge.example")
    page.get_by_role("button", name="Publicera", exact=True).click()
    published = "”Lovaktiviteter för unga” är publicerad."
    expect(page.get_by_role("status").first).to_contain_text(published)
    page.goto("/hitta-ratt/?q=lovaktivitet")
    expect(page.locator(".register-item__title")).to_have_text("Lovaktiviteter för unga")
