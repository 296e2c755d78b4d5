"""A follow-up report in the browser: the representative finds it on the
association's page, writes and submits it (an empty answer is refused beside the
field, nothing typed lost); the official returns it with a comment; the
representative revises and resubmits; the official approves. axe-core clean at a
phone's and a desktop's width at each step, with screenshots."""

from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from organisations.models import Membership
from partnerships.models import ReportDue
from tests.e2e.test_layout import assert_no_serious_violations
from tests.e2e.test_register_flow import _log_in
from tests.inquiries.factories import make_official
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from tests.partnerships.factories import AgreementFactory
from tests.partnerships.report_factories import ReportDueFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.e2e
SIZES = ((390, 844), (1280, 900))


def as_user(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    _log_in(page, user.email)
    return context, page


def check(page, artifacts, name):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        assert_no_serious_violations(page)
        page.screenshot(path=artifacts / f"report-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_submit_return_resubmit_approve(browser, live_server, transactional_db, artifacts):
    department = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    organisation = OrganisationFactory(name="Fittja Idrottsallians")
    agreement = AgreementFactory(
        title="IOP om idrott och läxhjälp i Fittja",
        parties=[organisation],
        departments=[department],
    )
    representative = MembershipFactory(
        organisation=organisation, role=Membership.Role.ADMIN, user__email="rep@example.se"
    ).user
    official = make_official(department, email="tove@example.se")
    report = ReportDueFactory(
        agreement=agreement,
        title="Delrapport hösten 2026",
        due_on=date(2026, 12, 31),
        questions="Vilka aktiviteter har ni genomfört?\nHur har ni nått målgruppen?",
    )

    rep_context, rep = as_user(browser, live_server, representative)
    rep.goto(organisation.get_absolute_url())
    rep.get_by_role("link", name="Delrapport hösten 2026").click()
    expect(rep.get_by_role("heading", level=1)).to_have_text("Delrapport hösten 2026")
    rep.get_by_label("Vilka aktiviteter har ni genomfört?").fill("Spontanidrott två kvällar.")
    rep.get_by_label("Antal deltagare").fill("64")
    rep.get_by_label("Ideella timmar").fill("410")
    rep.get_by_role("button", name="Skicka in rapporten").click()
    # The empty answer is refused beside its field; what was typed is still there.
    expect(rep.get_by_text("Svara på frågan innan du skickar in.", exact=True)).to_be_visible()
    expect(rep.get_by_label("Vilka aktiviteter har ni genomfört?")).to_have_value(
        "Spontanidrott två kvällar."
    )
    check(rep, artifacts, "refused")
    rep.get_by_label("Hur har ni nått målgruppen?").fill("Genom skolorna.")
    rep.get_by_role("button", name="Skicka in rapporten").click()
    expect(rep.get_by_text("Rapporten är inskickad.", exact=False)).to_be_visible()
    check(rep, artifacts, "submitted")
    assert [m.to for m in mail.outbox] == [[official.email]]

    off_context, off = as_user(browser, live_server, official)
    off.goto("/samverkan/rapporter/")
    check(off, artifacts, "list")
    off.get_by_role("link", name="Delrapport hösten 2026").click()
    check(off, artifacts, "review")
    off.get_by_label("Synpunkter till föreningen").fill("Beskriv hur ni når flickor 13–15 år.")
    off.get_by_role("button", name="Skicka tillbaka med synpunkter").click()
    expect(off.get_by_text("Rapporten är skickad tillbaka", exact=False)).to_be_visible()
    assert mail.outbox[-1].to == [representative.email]

    rep.reload()
    expect(rep.get_by_text("Beskriv hur ni når flickor 13–15 år.").first).to_be_visible()
    check(rep, artifacts, "returned")
    rep.get_by_label("Hur har ni nått målgruppen?").fill("Genom skolorna och en tjejkväll.")
    rep.get_by_role("button", name="Skicka in rapporten").click()
    expect(rep.get_by_text("Rapporten är inskickad.", exact=False)).to_be_visible()

    off.reload()
    off.get_by_role("button", name="Godkänn").click()
    expect(off.get_by_text("Rapporten är godkänd.")).to_be_visible()
    off.get_by_text("Version 1", exact=False).click()
    check(off, artifacts, "approved")
    report.refresh_from_db()
    assert report.status == ReportDue.Status.APPROVED
    assert list(report.versions.values_list("number", flat=True)) == [1, 2]
    rep_context.close()
    off_context.close()
