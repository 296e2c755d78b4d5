"""Reflow (WCAG 1.4.10): every public and representative page reads at 320 CSS pixels
without scrolling sideways, and passes axe-core there; on a phone the filters of the
directory and the calendar fold away above the results; date-time fields are fields."""

from importlib import import_module

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from playwright.sync_api import expect

from organisations.models import ActivityArea, Invitation, JoinRequest, Membership, Organisation
from portal.inquiries.services import inquiry_reply
from portal.models import SitePage
from tests.contacts.factories import ContactPathFactory, make_official
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.inquiries.factories import submit
from tests.organisations.factories import (
    ActivityAreaFactory,
    ActivityFactory,
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.e2e

NARROW = {"width": 320, "height": 800}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The outermost elements that stick out of the viewport (their descendants would
# only repeat them), and those whose text does (a long word overflows its box, which
# stays inside), as "tag.class#id right-edge".
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const outside = (box) => box.width && (box.right > width + 0.5 || box.left < -0.5);
  const found = [];
  const add = (el, box) => {
    if (found.some(([outer]) => outer.contains(el))) return;
    found.push([el, box]);
  };
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (outside(box)) add(el, box);
  }
  // Text that is clipped to nothing (visually hidden, for screen readers) is not seen.
  const clipped = (el) => {
    for (; el; el = el.parentElement) {
      if (getComputedStyle(el).clipPath !== "none") return true;
    }
    return false;
  };
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (texts.nextNode()) {
    if (clipped(texts.currentNode.parentElement)) continue;
    range.selectNodeContents(texts.currentNode);
    const box = range.getBoundingClientRect();
    if (outside(box)) add(texts.currentNode.parentElement, box);
  }
  return found.map(([el, box]) =>
    `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}#${el.id} ` +
    `${Math.round(box.right)}px "${el.textContent.trim().slice(0, 30)}"`);
}"""

# Pages whose look this work changed: screenshots for a person to look at.
SCREENSHOTS = {
    "home",
    "report-write",
    "report-review",
    "reports-list",
    "association-reports",
    "account",
    "association",
    "association-changes-asked",
    "directory",
    "directory-filtered",
    "calendar",
    "api",
    "members",
    "register",
    "activity-new",
    "one-way-in",
    "inquiry-follow",
    "dialogues",
    "forum",
    "meeting",
    "meeting-signed-up",
    "my-meetings",
    "activity",
    "survey-answer",
    "surveys-manage",
    "survey-manage",
}


@pytest.fixture
def register(transactional_db):
    """An association with the long names and addresses real ones have, its
    representative, and what their pages list: an activity, an invitation, a
    request to join; plus another association to ask to join, and an invitation
    from a third. The site pages as shipped (a transactional test before this one
    emptied the tables the migration filled)."""
    for site_page in import_module("portal.migrations.0004_site_pages").PAGES:
        SitePage.objects.get_or_create(
            slug=site_page["slug"], defaults={k: v for k, v in site_page.items() if k != "slug"}
        )
    district = DistrictFactory(name="Segeltorp")
    category = CategoryFactory(name="Idrottsförening")
    area = ActivityAreaFactory(name="Barn och unga", kind=ActivityArea.Kind.TARGET_GROUP)
    organisation = OrganisationFactory(
        name="Idrottsföreningen Segeltorps Ungdomsverksamhet och Friluftsfrämjande",
        email="ungdomsverksamhetsansvarig@idrottsforeningen-segeltorp.example.se",
        website="https://www.idrottsforeningen-segeltorps-ungdomsverksamhet.example.se/om-oss",
        description="Fotboll, friidrott och friluftsliv för barn och unga i Segeltorp.",
        categories=[category],
        districts=[district],
        areas=[area],
        offers_premises=True,
    )
    representative = UserFactory(
        email="forsamlingsansvarig.ungdomsverksamhet@idrottsforeningen-segeltorp.example.se",
        first_name="Maria-Theresia",
        last_name="Johansson-Lindqvist",
    )
    MembershipFactory(organisation=organisation, user=representative)
    MembershipFactory(
        organisation=organisation,
        user=UserFactory(email="kassaforvaltare.och.medlemsregistrator@example.se"),
        role=Membership.Role.EDITOR,
    )
    Invitation.objects.create(
        organisation=organisation,
        email="valberedningens.sammankallande@idrottsforeningen-segeltorp.example.se",
        invited_by=representative,
    )
    JoinRequest.objects.create(
        organisation=organisation,
        user=UserFactory(email="ledare.for.friidrottssektionen@example.se"),
        message="Jag leder friidrottsgruppen på onsdagar och vill kunna lägga in aktiviteter.",
    )
    activity = ActivityFactory(
        organisation=organisation,
        title="Friidrottsträning för nybörjare",
        recurrence="FREQ=WEEKLY",
        url="https://www.idrottsforeningen-segeltorps-ungdomsverksamhet.example.se/friidrott",
    )
    # Their registrations awaiting approval, one of them asked for more.
    pending = OrganisationFactory(
        name="Segeltorps Ungdomsförening för Friluftsliv, Kanotpaddling och Orientering",
        status=Organisation.Status.PENDING,
        approved_at=None,
        organisation_number=None,
    )
    asked = OrganisationFactory(
        name="Huddinge Föräldranätverk",
        status=Organisation.Status.PENDING,
        status_reason=(
            "Organisationsnumret saknas. Skicka gärna med stadgarna eller protokollet från "
            "årsmötet: https://www.huddinge.se/foreningsstod/registrering-av-nybildade-foreningar"
        ),
        approved_at=None,
    )
    for own in (pending, asked):
        MembershipFactory(organisation=own, user=representative)
    other = OrganisationFactory(name="Segeltorps Schackklubb", districts=[district])
    invitation = Invitation.objects.create(
        organisation=OrganisationFactory(name="Huddinge Brukshundklubb"),
        email=representative.email,
    )
    contact_path = ContactPathFactory(
        title="Föreningsbidrag, aktivitetsstöd och startbidrag för nybildade föreningar",
        department=DepartmentFactory(name="Kultur- och fritidsförvaltningen"),
        role="Föreningskonsulent med ansvar för bidragsgivning",
        email="foreningsbidragsansvarig.kulturochfritid@huddinge-kommun.example.se",
        opening_hours="Måndag–torsdag 9–12 och 13–16, fredag 9–12",
        person_name="Maria-Theresia Johansson-Lindqvist",
        person_email="maria-theresia.johansson-lindqvist@huddinge-kommun.example.se",
        person_is_public=True,
        target_groups=[area],
    )
    inquiry, token = submit(user=representative, subject="Lokal för friidrottsgruppen på onsdagar")
    inquiry_reply(
        inquiry=inquiry,
        body="Hej! Vilken tid på onsdagar gäller det, och hur många är ni?",
        by=make_municipal_coordinator(),
    )
    unconfirmed = EmailAddress.objects.create(
        user=representative, email="maria.johansson-lindqvist@example.se", verified=False
    )
    meeting = _forum_meeting(organisation, other)
    survey, survey_link = _survey_link(organisation)
    return {
        "survey": survey,
        "survey_link": survey_link,
        "meeting": meeting,
        "confirmation_key": EmailConfirmationHMAC(unconfirmed).key,
        "pending": pending,
        "asked": asked,
        "contact_path": contact_path,
        "organisation": organisation,
        "representative": representative,
        "activity": activity,
        "other": other,
        "invitation": invitation,
        "district": district,
        "inquiry": inquiry,
        "inquiry_token": token,
    }


def _survey_link(organisation):
    """An open survey with every kind of question, and the association's link."""
    from tests.surveys.factories import link, sent_survey

    survey = sent_survey([organisation], title="Inventering av samverkan med civilsamhället")
    return survey, link(survey.recipients.get())


def _forum_meeting(organisation, other):
    """A full forum meeting with long words: the association on its waiting list,
    the other signed up, one more meeting it is invited to, and a past one with
    minutes where it raised an item that has an answer."""
    from datetime import timedelta

    from django.utils import timezone

    from dialogues.models import FollowUpItem, MeetingInvitation
    from tests.dialogues.factories import ForumFactory, MeetingFactory, RegistrationFactory

    forum = ForumFactory(
        name="Funktionsrättsrådet och tillgänglighetsgruppen",
        kind="council",
        how_to_take_part="Funktionsrättsorganisationerna utser sina ledamöter.",
        coordinator_role="Tillgänglighetssamordnare, Socialförvaltningen",
        organisations=[organisation],
    )
    past = MeetingFactory(
        forum=forum,
        theme="Tillgänglighetsinventeringen av idrottsanläggningarna",
        starts_at=timezone.now() - timedelta(days=40),
        registration_deadline=None,
        status="minutes_published",
        minutes="<p>Rådet gick igenom inventeringen.</p>",
        minutes_published_at=timezone.now() - timedelta(days=30),
    )
    FollowUpItem.objects.create(
        meeting=past,
        title="Hörslingor i samtliga föreningslokaler i Flemingsberg",
        raised_by_organisation=organisation,
        status="in_progress",
        answer="Upphandlingen av hörslingor är klar; installationen börjar i mars.",
        answer_published_at=timezone.now() - timedelta(days=20),
    )
    meeting = MeetingFactory(
        forum=forum,
        theme="Tillgänglighetsanpassning av föreningslokaler i Flemingsberg och Visättra",
        place="Kommunalhuset, Stora sessionssalen (ingång via Sjödalstorget)",
        online_url="https://videomote.huddinge.example.se/funktionsrattsradet-varmote",
        capacity=3,
        hearing_loop=True,
        interpretation="Teckenspråkstolk och skrivtolk",
        accessibility_notes="Parkering för rörelsehindrade vid entrén.",
    )
    RegistrationFactory(meeting=meeting, organisation=other, attendees=3)
    RegistrationFactory(meeting=meeting, organisation=organisation, status="waiting")
    MeetingInvitation.objects.create(
        meeting=MeetingFactory(forum=forum, theme="Uppföljning av handlingsplanen"),
        organisation=organisation,
    )
    return meeting


def visitor_pages(register) -> dict[str, str]:
    organisation, district = register["organisation"], register["district"]
    return {
        "home": "/",
        "directory": "/foreningar/",
        "directory-searched": "/foreningar/?q=idrott",
        "directory-filtered": (
            f"/foreningar/?q=idrott&district={district.pk}&offers=offers_premises"
        ),
        "calendar": "/foreningar/kalender/",
        "calendar-filtered": f"/foreningar/kalender/?district={district.pk}",
        "association": organisation.get_absolute_url(),
        "activity": register["activity"].get_absolute_url(),
        "api": "/foreningar/api/",
        "accessibility": "/sida/tillganglighet/",
        "privacy": "/sida/personuppgifter/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
        "password-reset-done": "/accounts/password/reset/done/",
        "password-reset-key": "/accounts/password/reset/key/{}-{}/".format(
            user_pk_to_url_str(register["representative"]),
            default_token_generator.make_token(register["representative"]),
        ),
        "verification-sent": "/accounts/confirm-email/",
        "inactive": "/accounts/inactive/",
        "dialogues": "/forum/",
        "dialogues-filtered": "/forum/?kind=council",
        "forum": register["meeting"].forum.get_absolute_url(),
        "meeting": register["meeting"].get_absolute_url(),
        "partnerships": "/samverkan/",
        "surveys": "/enkater/",
        "survey-answer": register["survey_link"],
        "one-way-in": "/en-vag-in/",
        "inquiry-follow": f"/en-vag-in/arende/{register['inquiry_token']}/",
        "contact-paths": "/hitta-ratt/",
        "contact-paths-searched": "/hitta-ratt/?q=bidrag",
        "contact-path": register["contact_path"].get_absolute_url(),
        "not-found": "/finns-inte/",
    }


def representative_pages(register) -> dict[str, str]:
    slug = register["organisation"].slug
    activity = register["activity"].pk
    return {
        "account": "/konto/",
        "account-delete": "/konto/radera/",
        "account-email": "/accounts/email/",
        "password-change": "/accounts/password/change/",
        "reauthenticate": "/accounts/reauthenticate/",
        "confirm-email": f"/accounts/confirm-email/{register['confirmation_key']}/",
        "logout": "/accounts/logout/",
        "mine": "/foreningar/mina-foreningar/",
        "register": "/foreningar/registrera/",
        "association-own": register["organisation"].get_absolute_url(),
        "association-pending": register["pending"].get_absolute_url(),
        "association-changes-asked": register["asked"].get_absolute_url(),
        "edit": f"/foreningar/{slug}/redigera/",
        "confirm": f"/foreningar/{slug}/bekrafta/",
        "members": f"/foreningar/{slug}/representanter/",
        "activity-new": f"/foreningar/{slug}/aktiviteter/ny/",
        "activity-edit": f"/foreningar/aktiviteter/{activity}/redigera/",
        "activity-copy": f"/foreningar/{slug}/aktiviteter/ny/?kopiera={activity}",
        "activity-own": register["activity"].get_absolute_url(),
        "activity-cancel": f"/foreningar/aktiviteter/{activity}/stall-in/",
        "join-request": f"/foreningar/{register['other'].slug}/ga-med/",
        "invitation": f"/foreningar/inbjudan/{register['invitation'].token}/",
        "directory-as-representative": "/foreningar/?q=idrott",
        "forbidden": f"/foreningar/{register['other'].slug}/redigera/",
        "my-inquiries": "/en-vag-in/mina/",
        "my-inquiry": f"/en-vag-in/mina/{register['inquiry'].reference}/",
        "meeting-signed-up": register["meeting"].get_absolute_url(),
        "my-meetings": "/forum/mina-moten/",
    }


def problems_here(page) -> list[str]:
    """What is wrong with the page as it is shown, at 320 px."""
    wrong = []
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > NARROW["width"]:
        wrong.append(f"scrollWidth {scroll_width}")
    wrong += page.evaluate(OVERFLOWING)
    try:
        assert_no_serious_violations(page)
    except AssertionError as error:
        wrong.append(str(error))
    return wrong


def check_pages(page, pages: dict[str, str], artifacts) -> dict[str, list[str]]:
    """{page name: what is wrong} for each page at 320 px; screenshots at a phone's
    width (and a desktop's) of the pages in SCREENSHOTS."""
    problems = {}
    for name, path in pages.items():
        page.set_viewport_size(NARROW)
        response = page.goto(path)
        expected = {"not-found": 404, "forbidden": 403}.get(name, 200)
        if response.status != expected:
            problems[name] = [f"status {response.status}"]
            continue
        wrong = problems_here(page)
        if wrong:
            problems[name] = wrong
        if name in SCREENSHOTS:
            for device, size in (("phone", PHONE), ("desktop", DESKTOP)):
                page.set_viewport_size(size)
                page.screenshot(path=str(artifacts / f"reflow-{name}-{device}.png"), full_page=True)
    return problems


def test_every_page_reflows_at_320_pixels(page, register, artifacts):
    problems = check_pages(page, visitor_pages(register), artifacts)
    _log_in(page, register["representative"].email)
    problems |= check_pages(page, representative_pages(register), artifacts)
    assert not problems, "\n".join(f"{name}: {wrong}" for name, wrong in problems.items())


def test_the_officials_contact_pages_reflow(page, register, artifacts):
    path = register["contact_path"]
    official = make_official(path.department, email="tove.tjansteperson@huddinge-kommun.example.se")
    _log_in(page, official.email)
    pages = {
        "contact-paths-manage": "/hitta-ratt/hantera/",
        "contact-path-new": "/hitta-ratt/hantera/ny/",
        "contact-path-edit": f"/hitta-ratt/hantera/{path.pk}/redigera/",
        "contact-path-review": f"/hitta-ratt/hantera/{path.pk}/granskad/",
        "contact-path-own": path.get_absolute_url(),
    }
    problems = check_pages(page, pages, artifacts)
    assert not problems, "\n".join(f"{name}: {wrong}" for name, wrong in problems.items())


def test_on_a_phone_the_filters_fold_away_once_results_are_shown(page, register):
    district = register["district"]
    page.set_viewport_size(PHONE)
    page.goto("/foreningar/")
    expect(page.locator("#id_q")).to_be_visible()  # nothing searched yet: the panel is open

    page.goto(f"/foreningar/?q=idrott&district={district.pk}")
    summary = page.locator(".register-panel__summary")
    expect(summary).to_contain_text("Ändra filter")
    expect(summary).to_contain_text("Sökord: idrott · 1 filter")
    expect(page.locator("#id_q")).to_be_hidden()
    count = page.locator(".register-count")
    expect(count).to_have_text("1 förening hittades")
    # The count just below "Ändra filter", the first result on the first screen.
    assert count.bounding_box()["y"] - summary.bounding_box()["y"] < 120
    first = page.locator(".register-item").first.bounding_box()
    assert first["y"] + first["height"] < PHONE["height"]
    assert_no_serious_violations(page)

    # By keyboard: Tab reaches "Ändra filter", Enter opens the panel.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.register-panel > summary')"):
            break
    else:
        pytest.fail("Tab never reached “Ändra filter”")
    page.keyboard.press("Enter")
    expect(page.locator("#id_district")).to_be_visible()
    expect(page.locator("#id_district")).to_have_value(str(district.pk))

    # The calendar's activities come first too, filtered or not.
    page.goto("/foreningar/kalender/")
    expect(page.locator("#id_district")).to_be_hidden()
    first = page.locator(".calendar-item").first.bounding_box()
    assert first["y"] + first["height"] < PHONE["height"]

    # A filter that cannot be used is explained in the open panel.
    page.goto("/foreningar/?district=abc")
    expect(page.locator(".register-filters .error-summary")).to_be_visible()

    # On a wide screen the (folded) panel stays beside the results.
    page.goto(f"/foreningar/?q=idrott&district={district.pk}")
    page.set_viewport_size(DESKTOP)
    expect(summary).to_be_hidden()
    expect(page.locator("#id_district")).to_be_visible()
    filters = page.locator(".register-filters").bounding_box()
    results = page.locator(".register-results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert abs(filters["y"] - results["y"]) < 5
    page.locator("#id_q").focus()  # its fields reachable
    assert page.evaluate("() => document.activeElement.id") == "id_q"
    assert_no_serious_violations(page)


def test_date_and_time_fields_look_like_the_other_fields_on_a_phone(page, register):
    _log_in(page, register["representative"].email)
    page.set_viewport_size(PHONE)
    page.goto(f"/foreningar/{register['organisation'].slug}/aktiviteter/ny/")
    style = """(el) => {
      const s = getComputedStyle(el), box = el.getBoundingClientRect();
      return [s.fontSize, s.borderTopWidth, s.borderRadius, Math.round(box.width),
              box.height >= 44];
    }"""
    title = page.locator("#id_title").evaluate(style)
    assert title[-1], "a field must be a 44-pixel touch target"
    for field in ("#id_starts_at", "#id_ends_at"):
        assert page.locator(field).evaluate(style) == title, field


def test_the_registration_steps_reflow(page, register, artifacts):
    """Each step of the registration, with the box of likely duplicates and with an
    error, and the review with the long addresses real associations have."""
    _log_in(page, register["representative"].email)
    page.set_viewport_size(NARROW)
    problems = {}

    def send(name=None):
        page.locator("main form button[value=next]").click()
        page.wait_for_load_state()
        if name:
            if wrong := problems_here(page):
                problems[name] = wrong

    page.goto("/foreningar/registrera/")
    page.locator("#id_name").fill(register["organisation"].name)
    send("register-duplicates")
    page.locator("#id_not_duplicate").check()
    send()
    send("register-error")  # no category yet
    page.locator("input[name=categories]").first.check()
    page.locator("input[name=districts]").first.check()
    send()
    page.locator("#id_email").fill(register["organisation"].email)
    page.locator("#id_website").fill(register["organisation"].website)
    page.locator("#id_contact_email").fill(register["representative"].email)
    send()
    send()
    steps = {
        "register-about": "/foreningar/registrera/",
        "register-where": "/foreningar/registrera/verksamhet/",
        "register-contact": "/foreningar/registrera/kontakt/",
        "register-offers": "/foreningar/registrera/erbjudanden/",
        "register-review": "/foreningar/registrera/granska/",
    }
    problems |= check_pages(page, steps, artifacts)
    assert page.url.endswith(steps["register-review"]), "the steps were not all passed"
    assert not problems, "\n".join(f"{name}: {wrong}" for name, wrong in problems.items())
