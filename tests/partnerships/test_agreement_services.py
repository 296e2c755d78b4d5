"""The agreement's steps as services: each guarded on the locked row, audited, and
refused with a message naming the field."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from organisations.models import Organisation
from partnerships.models import Agreement, AgreementContribution, ReportDue
from partnerships.services import agreements as services
from partnerships.services.agreements import AgreementError, Contribution
from portal.models import AuditEntry
from tests.contacts.factories import make_official
from tests.organisations.factories import OrganisationFactory, UserFactory
from tests.portal.factories import DepartmentFactory

from .factories import AgreementContributionFactory, AgreementFactory
from .report_factories import ReportDueFactory

pytestmark = pytest.mark.django_db
Status = Agreement.Status


@pytest.fixture
def department():
    return DepartmentFactory()


@pytest.fixture
def official(department):
    return make_official(department)


def agreement_of(department, **kwargs):
    organisation = kwargs.pop("organisation", None) or OrganisationFactory()
    return AgreementFactory(departments=[department], parties=[organisation], **kwargs)


def test_save_creates_an_idea_with_parties_and_contributions(department, official):
    organisation = OrganisationFactory()
    agreement = services.agreement_save(
        agreement=Agreement(
            title="Läxhjälp", starts_on=date(2027, 1, 1), ends_on=date(2029, 12, 31)
        ),
        by=official,
        party_ids=[organisation.pk],
        department_ids=[department.pk],
        contributions=[
            Contribution(kind="money", amount=Decimal("300000")),
            Contribution(kind="volunteer_hours", organisation_id=organisation.pk, hours=800),
        ],
    )
    assert agreement.status == Status.IDEA
    assert list(agreement.parties.all()) == [organisation]
    assert agreement.contributions.count() == 2
    assert AuditEntry.objects.filter(action="agreement.created", object_id=agreement.pk).exists()


def test_a_contribution_from_a_non_party_is_refused(department, official):
    agreement = agreement_of(department, status=Status.IDEA)
    stranger = OrganisationFactory()
    with pytest.raises(AgreementError) as refused:
        services.agreement_save(
            agreement=agreement,
            by=official,
            party_ids=list(agreement.parties.values_list("pk", flat=True)),
            department_ids=[department.pk],
            contributions=[Contribution(kind="money", organisation_id=stranger.pk, amount=1)],
        )
    assert refused.value.field == "contributions"


def test_the_database_refuses_a_contribution_from_a_non_party_and_negative_amounts():
    agreement = AgreementFactory(parties=[OrganisationFactory()])
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementContributionFactory(agreement=agreement, organisation=OrganisationFactory())
        # the composite key is deferred: it is checked at commit, forced here
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementContributionFactory(agreement=agreement, amount=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementContributionFactory(agreement=agreement, kind="volunteer_hours", hours=None)
    party = agreement.parties.get()
    AgreementContributionFactory(agreement=agreement, organisation=party)  # a party: fine


def test_the_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(starts_on=date(2027, 1, 1), ended_on=date(2026, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(starts_on=date(2027, 1, 1), ends_on=date(2026, 12, 31))


def test_the_steps_in_order(department, official):
    agreement = agreement_of(department, status=Status.IDEA)
    agreement = services.agreement_prepare(agreement=agreement, by=official)
    assert agreement.status == Status.PREPARATION
    with pytest.raises(AgreementError) as refused:
        services.agreement_activate(agreement=agreement, by=official)
    assert "cannot go" in refused.value.message or "kan inte" in refused.value.message
    agreement = services.agreement_decide(
        agreement=agreement,
        by=official,
        decision_body="Socialnämnden",
        decision_date=date(2024, 12, 1),
        decision_paragraph="§ 112",
        case_number="SN-2024/1",
    )
    assert agreement.status == Status.DECIDED and agreement.is_public
    agreement = services.agreement_activate(agreement=agreement, by=official)
    assert agreement.status == Status.ACTIVE
    actions = set(
        AuditEntry.objects.filter(object_id=agreement.pk).values_list("action", flat=True)
    )
    assert {"agreement.prepared", "agreement.decided", "agreement.activated"} <= actions


def test_a_decision_needs_who_decided(department, official):
    agreement = agreement_of(department, status=Status.PREPARATION)
    with pytest.raises(AgreementError) as refused:
        services.agreement_decide(
            agreement=agreement, by=official, decision_body=" ", decision_date=date(2024, 1, 1)
        )
    assert refused.value.field == "decision_body"


def test_an_active_agreement_cannot_end_before_it_starts(department, official):
    agreement = agreement_of(department, starts_on=date(2025, 1, 1))
    with pytest.raises(AgreementError) as refused:
        services.agreement_end(
            agreement=agreement, by=official, ended_on=date(2024, 6, 1), reason="Fel"
        )
    assert refused.value.field == "ended_on"


def test_ending_early_needs_a_reason(department, official):
    agreement = agreement_of(department)
    with pytest.raises(AgreementError) as refused:
        services.agreement_end(agreement=agreement, by=official, ended_on=date(2026, 6, 1))
    assert refused.value.field == "end_reason"
    agreement = services.agreement_end(
        agreement=agreement, by=official, ended_on=date(2026, 6, 1), reason="Föreningen upphörde."
    )
    assert (agreement.status, agreement.end_reason) == (Status.ENDED, "Föreningen upphörde.")
    # at the end of the term no reason is asked
    other = agreement_of(department)
    assert services.agreement_end(agreement=other, by=official, ended_on=other.ends_on).ended_on


def test_renewal_links_a_new_agreement_and_is_refused_twice(department, official):
    agreement = agreement_of(department, iop_co_financing=True)
    party = agreement.parties.get()
    AgreementContributionFactory(agreement=agreement, organisation=party, amount=Decimal("5000"))
    renewal = services.agreement_renew(agreement=agreement, by=official)
    agreement.refresh_from_db()
    assert agreement.status == Status.RENEWED
    assert renewal.renewed_from == agreement and renewal.status == Status.PREPARATION
    assert (renewal.starts_on, renewal.ends_on) == (date(2028, 1, 1), date(2030, 12, 31))
    assert list(renewal.parties.all()) == [party]
    assert list(renewal.departments.all()) == [department]
    assert renewal.iop_co_financing
    assert renewal.contributions.get().amount == Decimal("5000")
    with pytest.raises(AgreementError, match="already|redan"):
        services.agreement_renew(agreement=agreement, by=official)
    assert Agreement.objects.filter(renewed_from=agreement).count() == 1


def test_renewal_waits_for_the_joint_evaluation(department, official):
    """The last report of the plan (the joint evaluation) must be approved first."""
    agreement = agreement_of(department)
    interim = ReportDueFactory(agreement=agreement, due_on=date(2026, 6, 30))
    final = ReportDueFactory(
        agreement=agreement, kind=ReportDue.Kind.FINAL, due_on=date(2026, 12, 31)
    )
    ReportDue.objects.filter(pk=interim.pk).update(status=ReportDue.Status.APPROVED)
    with pytest.raises(AgreementError):
        services.agreement_renew(agreement=agreement, by=official)
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE
    ReportDue.objects.filter(pk=final.pk).update(status=ReportDue.Status.APPROVED)
    renewal = services.agreement_renew(agreement=agreement, by=official)
    assert renewal.renewed_from == agreement


def test_someone_without_the_right_is_refused_on_the_locked_row(department):
    agreement = agreement_of(department, status=Status.IDEA)
    for user in (UserFactory(), make_official(DepartmentFactory())):
        with pytest.raises(AgreementError):
            services.agreement_prepare(agreement=agreement, by=user)
    assert Agreement.objects.get(pk=agreement.pk).status == Status.IDEA
    assert not Organisation.objects.filter(agreement_contributions__isnull=False).exists()
    assert not AgreementContribution.objects.exists()


def test_an_official_records_only_agreements_of_their_own_department(department, official):
    with pytest.raises(AgreementError) as refused:
        services.agreement_save(
            agreement=Agreement(title="Fel förvaltning"),
            by=official,
            party_ids=[],
            department_ids=[DepartmentFactory().pk],
            contributions=[],
        )
    assert refused.value.field == "departments"
