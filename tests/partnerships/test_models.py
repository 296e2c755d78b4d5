"""Agreements: validation, database constraints, lifecycle and querysets."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models.deletion import ProtectedError

from partnerships.models import Agreement, AgreementParty
from tests.organisations.factories import OrganisationFactory

from .factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db
Status = Agreement.Status


def _errors(agreement) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        agreement.full_clean()
    return info.value.message_dict


def test_a_valid_agreement():
    agreement = AgreementFactory(title="IOP om läxhjälp")
    agreement.full_clean()
    assert str(agreement) == "IOP om läxhjälp"
    assert agreement.is_public


def test_it_cannot_end_before_it_starts():
    agreement = AgreementFactory.build(starts_on=date(2026, 1, 1), ends_on=date(2025, 12, 31))
    assert _errors(agreement)["ends_on"] == ["Avtalet kan inte sluta innan det börjar."]
    with pytest.raises(IntegrityError):
        agreement.save()


def test_a_term_may_be_open():
    AgreementFactory.build(starts_on=date(2026, 1, 1), ends_on=None).full_clean()
    AgreementFactory.build(
        status=Status.IDEA, starts_on=None, ends_on=date(2026, 1, 1)
    ).full_clean()


def test_the_budget_is_not_negative():
    agreement = AgreementFactory.build(budget=Decimal("-1"))
    assert "budget" in _errors(agreement)
    with pytest.raises(IntegrityError):
        agreement.save()


@pytest.mark.parametrize("status", Agreement.PUBLIC_STATUSES)
def test_a_decided_agreement_needs_its_decision_date(status):
    agreement = AgreementFactory.build(status=status, decision_date=None)
    assert _errors(agreement)["decision_date"] == ["Ett beslutat avtal behöver ett beslutsdatum."]


@pytest.mark.parametrize("status", [Status.IDEA, Status.PREPARATION])
def test_an_undecided_agreement_needs_no_decision(status):
    AgreementFactory.build(status=status, starts_on=None, ends_on=None).full_clean()


def test_an_active_agreement_needs_a_start_date():
    agreement = AgreementFactory.build(status=Status.ACTIVE, starts_on=None)
    assert _errors(agreement)["starts_on"] == ["Ett aktivt avtal behöver ett startdatum."]


@pytest.mark.parametrize(
    ("current", "allowed"),
    [
        (Status.IDEA, {Status.IDEA, Status.PREPARATION}),
        (Status.PREPARATION, {Status.PREPARATION, Status.IDEA, Status.DECIDED}),
        (Status.DECIDED, {Status.DECIDED, Status.ACTIVE, Status.ENDED}),
        (Status.ACTIVE, {Status.ACTIVE, Status.ENDED, Status.RENEWED}),
        (Status.ENDED, {Status.ENDED, Status.RENEWED}),
        (Status.RENEWED, {Status.RENEWED}),
    ],
)
def test_lifecycle(current, allowed):
    agreement = Agreement(status=current)
    assert {status for status in Status if agreement.can_become(status)} == allowed


def test_public_from_the_decision_on():
    public = {AgreementFactory(status=status) for status in Agreement.PUBLIC_STATUSES}
    AgreementFactory(status=Status.IDEA)
    AgreementFactory(status=Status.PREPARATION)
    assert set(Agreement.objects.public()) == public


def test_parties():
    org, other = OrganisationFactory(), OrganisationFactory()
    agreement = AgreementFactory(parties=[org, other])
    AgreementFactory(parties=[other])
    assert set(agreement.parties.all()) == {org, other}
    assert list(Agreement.objects.with_organisation(org)) == [agreement]
    assert list(org.agreements.all()) == [agreement]
    with pytest.raises(IntegrityError):
        AgreementParty.objects.create(agreement=agreement, organisation=org)


def test_an_association_with_agreements_is_not_deleted():
    party = AgreementPartyFactory()
    with pytest.raises(ProtectedError):
        party.organisation.delete()
