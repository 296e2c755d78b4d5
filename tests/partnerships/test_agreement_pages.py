"""The officials' agreement pages: the list (filters, constant queries), the page
with its steps, the form with contributions, and the documents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from partnerships.models import Agreement, AgreementDocument
from tests.contacts.factories import make_official
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.portal.factories import DepartmentFactory

from .factories import AgreementContributionFactory, AgreementFactory

pytestmark = pytest.mark.django_db
Status = Agreement.Status
LIST = reverse("partnerships:agreement_list")
PDF = b"%PDF-1.4\n%test\n"


def detail(agreement):
    return reverse("partnerships:agreement_detail", args=[agreement.pk])


def step(agreement, name):
    return reverse("partnerships:agreement_step", args=[agreement.pk, name])


@pytest.fixture
def department():
    return DepartmentFactory(name="Socialförvaltningen")


@pytest.fixture
def official(client, department):
    user = make_official(department)
    client.force_login(user)
    return user


def test_the_public_list_shows_decided_agreements_only(client):
    AgreementFactory(title="Beslutat avtal", status=Status.DECIDED)
    AgreementFactory(title="En idé", status=Status.IDEA)
    page = client.get(LIST).content.decode()
    assert "Beslutat avtal" in page and "En idé" not in page


def test_the_list_filters(client):
    organisation = OrganisationFactory(name="Läxhjälpen")
    AgreementFactory(title="Med läxhjälpen", parties=[organisation], kind="iop")
    AgreementFactory(title="Ett kontrakt", kind="contract")
    page = client.get(LIST, {"organisation": organisation.pk}).content.decode()
    assert "Med läxhjälpen" in page and "Ett kontrakt" not in page
    page = client.get(LIST, {"kind": "contract", "year": "2026"}).content.decode()
    assert "Ett kontrakt" in page and "Med läxhjälpen" not in page
    assert client.get(LIST, {"year": "nonsense"}).status_code == 200


def test_the_list_makes_the_same_queries_whatever_it_shows(
    client, official, department, django_assert_max_num_queries
):
    AgreementFactory(parties=[OrganisationFactory()], departments=[department])
    with django_assert_max_num_queries(30) as few:
        assert client.get(LIST).status_code == 200
    for _n in range(6):
        AgreementFactory(
            parties=[OrganisationFactory(), OrganisationFactory()],
            departments=[DepartmentFactory()],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_the_page_shows_parties_contributions_and_the_iop_checklist(client, department):
    organisation = OrganisationFactory(name="Läxhjälpen")
    agreement = AgreementFactory(
        parties=[organisation], departments=[department], iop_long_term=True,
        decision_paragraph="§ 112",
    )  # fmt: skip
    AgreementContributionFactory(agreement=agreement, organisation=organisation, amount=25000)
    page = client.get(detail(agreement)).content.decode()
    assert "Läxhjälpen" in page and "25" in page and "§ 112" in page
    assert 'id="iop-heading"' in page
    assert 'id="documents-heading"' not in page  # not for the public
    contract = AgreementFactory(kind="contract")
    assert 'id="iop-heading"' not in client.get(detail(contract)).content.decode()


def test_drafts_are_a_404_to_others(client, department):
    idea = AgreementFactory(status=Status.IDEA, departments=[department])
    assert client.get(detail(idea)).status_code == 404
    client.force_login(make_official(DepartmentFactory()))
    assert client.get(detail(idea)).status_code == 404
    client.force_login(make_official(department))
    assert client.get(detail(idea)).status_code == 200


def test_an_official_records_an_agreement_with_contributions(client, official, department):
    organisation = OrganisationFactory(name="Läxhjälpen")
    data = {
        "title": "Läxhjälp i Vivalla",
        "kind": "iop",
        "purpose": "Läxhjälp.",
        "starts_on": "2027-01-01",
        "ends_on": "2029-12-31",
        "budget": "300000",
        "parties": [organisation.pk],
        "departments": [department.pk],
        "iop_co_financing": "on",
        "contributions-TOTAL_FORMS": "2",
        "contributions-INITIAL_FORMS": "0",
        "contributions-0-organisation": organisation.pk,
        "contributions-0-kind": "volunteer_hours",
        "contributions-0-hours": "600",
        "contributions-1-kind": "money",
        "contributions-1-amount": "300000",
    }
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    agreement = Agreement.objects.get()
    assert agreement.status == Status.IDEA and agreement.iop_co_financing
    assert agreement.contributions.count() == 2
    # the edit form shows them again and saving keeps them
    edit = reverse("partnerships:agreement_edit", args=[agreement.pk])
    assert client.get(edit).status_code == 200


def test_bad_input_is_shown_beside_the_field_and_kept(client, official, department):
    organisation, stranger = OrganisationFactory(), OrganisationFactory()
    data = {
        "title": "Felaktigt",
        "kind": "iop",
        "starts_on": "2027-01-01",
        "ends_on": "2026-12-31",
        "budget": "-5",
        "parties": [organisation.pk],
        "departments": [department.pk],
        "contributions-TOTAL_FORMS": "2",
        "contributions-INITIAL_FORMS": "0",
        "contributions-0-organisation": stranger.pk,
        "contributions-0-kind": "money",
        "contributions-0-amount": "100",
        "contributions-1-kind": "money",
        "contributions-1-amount": "-100",
    }
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "ends_on" in form.errors and "budget" in form.errors
    assert 'value="Felaktigt"' in response.content.decode()
    formset = response.context["formset"]
    assert "amount" in formset.forms[1].errors
    # with the form's own errors fixed, the non-party contributor is refused beside it
    data.update({"ends_on": "2029-12-31", "budget": "5", "contributions-1-amount": "100"})
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 400
    assert "organisation" in response.context["formset"].forms[0].errors
    assert not Agreement.objects.exists()


def test_the_steps_through_the_page(client, official, department):
    agreement = AgreementFactory(
        status=Status.IDEA, departments=[department], parties=[OrganisationFactory()]
    )
    assert client.post(step(agreement, "prepare")).status_code == 302
    response = client.post(step(agreement, "decide"), {"decision_body": "", "decision_date": "x"})
    assert response.status_code == 400
    assert "decision_body" in response.context["steps"]["decide"].errors
    response = client.post(
        step(agreement, "decide"),
        {"decision_body": "Socialnämnden", "decision_date": "2024-12-01", "case_number": "SN-1"},
    )
    assert response.status_code == 302
    assert client.post(step(agreement, "activate")).status_code == 302
    response = client.post(step(agreement, "end"), {"ended_on": "2026-03-01", "end_reason": ""})
    assert response.status_code == 400
    assert "end_reason" in response.context["steps"]["end"].errors
    response = client.post(step(agreement, "renew"), {})
    assert response.status_code == 302
    renewal = Agreement.objects.get(renewed_from=agreement)
    assert response["Location"] == detail(renewal)
    page = client.get(detail(renewal)).content.decode()
    assert 'id="history-heading"' in page
    # renewing twice: refused with a message, not a 500
    response = client.post(step(agreement, "renew"), {})
    assert response.status_code == 400
    assert Agreement.objects.filter(renewed_from=agreement).count() == 1
    assert client.post(step(agreement, "nonsense")).status_code == 404


def test_others_may_not_take_steps(client, department):
    agreement = AgreementFactory(status=Status.IDEA, departments=[department])
    response = client.post(step(agreement, "prepare"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(MembershipFactory().user)
    public = AgreementFactory(status=Status.DECIDED, departments=[department])
    assert client.post(step(public, "activate")).status_code == 403
    assert client.get(reverse("partnerships:agreement_edit", args=[public.pk])).status_code == 403
    assert Agreement.objects.get(pk=public.pk).status == Status.DECIDED


@override_settings(AGREEMENT_DOCUMENT_MAX_BYTES=1024)
def test_documents_are_checked_stored_privately_and_served_to_those_allowed(
    client, official, department, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    representative = MembershipFactory().user
    agreement = AgreementFactory(
        departments=[department], parties=[representative.memberships.get().organisation]
    )
    upload = reverse("partnerships:agreement_upload", args=[agreement.pk])
    wrong = SimpleUploadedFile("avtal.exe", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(upload, {"kind": "signed_agreement", "file": wrong})
    assert response.status_code == 400
    assert "file" in response.context["document_form"].errors
    large = SimpleUploadedFile("avtal.pdf", PDF + b"x" * 2048, content_type="application/pdf")
    response = client.post(upload, {"kind": "signed_agreement", "file": large})
    assert response.status_code == 400
    good = SimpleUploadedFile("avtal.pdf", PDF, content_type="text/plain")
    assert client.post(upload, {"kind": "signed_agreement", "file": good}).status_code == 302
    document = AgreementDocument.objects.get()
    assert document.content_type == "application/pdf"
    assert str(tmp_path) in document.file.path
    url = reverse("partnerships:agreement_document", args=[agreement.pk, document.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(representative)
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(official)
    delete = reverse("partnerships:agreement_document_delete", args=[agreement.pk, document.pk])
    assert client.post(delete).status_code == 302
    assert not AgreementDocument.objects.exists()


def test_an_agreement_of_another_department_is_refused_beside_the_field(client, official):
    data = {
        "title": "Fel förvaltning",
        "kind": "iop",
        "departments": [DepartmentFactory().pk],
        "contributions-TOTAL_FORMS": "0",
        "contributions-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 400
    assert "departments" in response.context["form"].errors
    assert response.context["agreement"] is None
    assert not Agreement.objects.exists()


def test_the_page_makes_the_same_queries_whatever_the_parties_and_contributions(
    client, official, department, django_assert_max_num_queries
):
    agreement = AgreementFactory(departments=[department], parties=[OrganisationFactory()])
    with django_assert_max_num_queries(40) as few:
        assert client.get(detail(agreement)).status_code == 200
    for _n in range(5):
        organisation = OrganisationFactory()
        agreement.agreement_parties.create(organisation=organisation)
        AgreementContributionFactory(agreement=agreement, organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(detail(agreement)).status_code == 200
