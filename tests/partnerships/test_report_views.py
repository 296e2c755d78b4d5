"""The reports in the portal: the association's page lists them for its
representatives; the report page lets them write, save and submit, with a message
beside each field refused and nothing typed lost; officials return and approve;
files are private; others get 404 (or 403 where they may see but not act)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import ReportDue
from partnerships.services.reports import report_submit
from tests.inquiries.factories import make_official
from tests.organisations.factories import MembershipFactory, UserFactory
from tests.partnerships.report_factories import ReportDueFactory, content, setting

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%fake but signed\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


def url(report):
    return reverse("partnerships:report", args=[report.pk])


def post_report(client, report, *, submit=True, **fields):
    data = {"answer_0": "Läxhjälp varje vecka.", "answer_1": "Bra.", "participants": "40"}
    data["volunteer_hours"] = "300"
    data.update(fields)
    data["submit" if submit else "draft"] = "1"
    return client.post(url(report), data)


def test_the_association_page_lists_its_reports_for_representatives(client):
    s = setting(title="Delrapport år ett")
    page = s.agreement.parties.get().get_absolute_url()
    assert "Delrapport år ett" not in client.get(page).content.decode()
    client.force_login(s.representative)
    body = client.get(page).content.decode()
    assert "Delrapport år ett" in body and url(s.report) in body


def test_others_get_404_and_anonymous_the_login(client):
    s = setting()
    assert client.get(url(s.report)).status_code == 302
    client.force_login(MembershipFactory().user)
    assert client.get(url(s.report)).status_code == 404
    assert post_report(client, s.report).status_code == 404
    client.force_login(make_official())
    assert client.get(url(s.report)).status_code == 404


def test_the_official_may_read_but_not_write(client):
    s = setting()
    client.force_login(s.official)
    assert client.get(url(s.report)).status_code == 200
    assert post_report(client, s.report).status_code == 403


def test_submit_with_empty_answers_keeps_what_was_typed(client):
    s = setting()
    client.force_login(s.representative)
    response = post_report(client, s.report, answer_1="", participants="")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Svara på frågan innan du skickar in." in body or "Answer the question" in body
    assert "Läxhjälp varje vecka." in body
    assert response.context["form"].errors.keys() == {"answer_1", "participants"}
    s.report.refresh_from_db()
    assert s.report.status == ReportDue.Status.DRAFT and not s.report.versions.exists()


def test_negative_figures_are_refused_beside_the_field(client):
    s = setting()
    client.force_login(s.representative)
    response = post_report(client, s.report, submit=False, volunteer_hours="-5")
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["volunteer_hours"]
    assert 'value="-5"' in response.content.decode()


def test_a_draft_is_saved_incomplete(client):
    s = setting()
    client.force_login(s.representative)
    response = post_report(client, s.report, submit=False, answer_1="", participants="")
    assert response.status_code == 302
    s.report.refresh_from_db()
    assert s.report.answers == ["Läxhjälp varje vecka.", ""]
    assert s.report.status == ReportDue.Status.DRAFT


def test_a_wrong_file_type_is_refused_and_a_pdf_is_private(client, private_media):
    s = setting()
    client.force_login(s.representative)
    fake = SimpleUploadedFile("rapport.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = post_report(client, s.report, attachment=fake)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["attachment"]
    pdf = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
    assert post_report(client, s.report, attachment=pdf).status_code == 302
    attachment = s.report.attachments.get()
    assert str(private_media) in attachment.file.path
    link = reverse("partnerships:report_attachment", args=[attachment.pk])
    response = client.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(s.official)
    assert client.get(link).status_code == 200
    client.force_login(UserFactory())
    assert client.get(link).status_code == 404
    assert s.report.versions.get().attachment_names == ["rapport.pdf"]


def test_a_file_too_large_is_refused(client, settings):
    settings.INQUIRY_ATTACHMENT_MAX_BYTES = 10
    s = setting()
    client.force_login(s.representative)
    pdf = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
    response = post_report(client, s.report, attachment=pdf)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["attachment"]


def test_a_double_click_submits_once(client):
    s = setting()
    client.force_login(s.representative)
    assert post_report(client, s.report).status_code == 302
    response = post_report(client, s.report)
    assert response.status_code == 302
    assert s.report.versions.count() == 1
    page = client.get(url(s.report)).content.decode()
    assert "redan skickats in" in page or "already been submitted" in page


def test_return_needs_a_comment_then_approve(client):
    s = setting()
    report_submit(report=s.report, by=s.representative, **content())
    client.force_login(s.official)
    review = reverse("partnerships:report_review", args=[s.report.pk])
    response = client.post(review, {"action": "return", "comment": ""})
    assert response.status_code == 400
    assert list(response.context["review_form"].errors) == ["comment"]
    assert client.post(review, {"action": "return", "comment": "Mer om målen."}).status_code == 302
    s.report.refresh_from_db()
    assert s.report.status == ReportDue.Status.RETURNED
    client.force_login(s.representative)
    body = client.get(url(s.report)).content.decode()
    assert "Mer om målen." in body
    assert client.post(review, {"action": "approve"}).status_code == 403


def test_the_list_of_reports_to_review(client, django_assert_max_num_queries):
    s = setting()
    for _n in range(5):
        ReportDueFactory(agreement=s.agreement)
    ReportDueFactory()  # another department's
    client.force_login(s.official)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("partnerships:reports"))
    assert response.status_code == 200
    assert len(response.context["reports"]) == 6
    client.force_login(s.representative)
    assert client.get(reverse("partnerships:reports")).status_code == 403


@pytest.mark.parametrize("more", [0, 6])
def test_the_association_section_costs_the_same_however_many_reports(
    more, django_assert_num_queries
):
    from django.test import RequestFactory

    from partnerships.views.reports import organisation_reports

    s = setting()
    for _n in range(more):
        ReportDueFactory(agreement=s.agreement)
    request = RequestFactory().get("/")
    request.user = s.representative
    organisation = s.agreement.parties.get()
    with django_assert_num_queries(3):  # the user's roles (two) and the reports
        section = organisation_reports(request, organisation)
    assert len(section["reports"]) == more + 1
