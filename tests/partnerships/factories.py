"""Test data for the agreements."""

from datetime import date
from decimal import Decimal

import factory

from partnerships.models import Agreement, AgreementContribution, AgreementParty
from tests.organisations.factories import OrganisationFactory

PRIVATE_STATUSES = (Agreement.Status.IDEA, Agreement.Status.PREPARATION)


class AgreementFactory(factory.django.DjangoModelFactory):
    """An active IOP with its decision; ideas and preparations get none."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"IOP nummer {n}")
    kind = Agreement.Kind.IOP
    status = Agreement.Status.ACTIVE
    purpose = "Läxhjälp för barn och unga."
    starts_on = date(2025, 1, 1)
    ends_on = date(2027, 12, 31)
    budget = Decimal("450000.00")
    decision_body = factory.LazyAttribute(
        lambda o: "" if o.status in PRIVATE_STATUSES else "Socialnämnden"
    )
    decision_date = factory.LazyAttribute(
        lambda o: None if o.status in PRIVATE_STATUSES else date(2024, 11, 20)
    )
    case_number = factory.LazyAttribute(
        lambda o: "" if o.status in PRIVATE_STATUSES else "SN-2024/0312"
    )

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        """``parties=[org, ...]`` makes them parties."""
        if create and extracted:
            for organisation in extracted:
                AgreementPartyFactory(agreement=self, organisation=organisation)

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class AgreementContributionFactory(factory.django.DjangoModelFactory):
    """Money from the municipality, unless an ``organisation`` (a party) is given."""

    class Meta:
        model = AgreementContribution

    agreement = factory.SubFactory(AgreementFactory)
    organisation = None
    kind = AgreementContribution.Kind.MONEY
    amount = Decimal("100000.00")
