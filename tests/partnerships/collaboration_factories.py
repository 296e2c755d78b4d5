"""Test data for collaborations, and the roles of their permission grids."""

from datetime import date

import factory

from partnerships.models import Collaboration, CollaborationPayment
from tests.contacts.factories import (
    make_department_coordinator,
    make_municipal_coordinator,
    make_official,
)
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.portal.factories import DepartmentFactory


class CollaborationFactory(factory.django.DjangoModelFactory):
    """A running collaboration; ``departments=[...]``, ``associations=[...]``,
    ``forms=[...]``, ``goal_areas=[...]`` set the relations."""

    class Meta:
        model = Collaboration
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Samarbete {n}")
    description = "Läxhjälp på biblioteket."
    starts_on = date(2026, 1, 1)
    ends_on = date(2026, 12, 31)
    contact_role = "Fritidssamordnare"
    is_public = True

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)

    @factory.post_generation
    def associations(self, create, extracted, **kwargs):
        if create and extracted:
            self.associations.set(extracted)

    @factory.post_generation
    def forms(self, create, extracted, **kwargs):
        if create and extracted:
            self.forms.set(extracted)

    @factory.post_generation
    def goal_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.goal_areas.set(extracted)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborationPayment

    collaboration = factory.SubFactory(CollaborationFactory)
    year = 2026
    amount = 10000
    department = factory.SubFactory(DepartmentFactory)


ROLES = (
    "anonymous",
    "other_user",
    "representative",
    "other_representative",
    "official",
    "official_elsewhere",
    "department_coordinator",
    "coordinator_elsewhere",
    "municipal_coordinator",
)
STAFF = {
    "official",
    "official_elsewhere",
    "department_coordinator",
    "coordinator_elsewhere",
    "municipal_coordinator",
}
IN_CHARGE = {"official", "department_coordinator", "municipal_coordinator"}


def user_in_role(role: str, *, department, organisation):
    """A user in ``role`` towards a collaboration of ``department`` and
    ``organisation``."""
    from django.contrib.auth.models import AnonymousUser

    if role == "anonymous":
        return AnonymousUser()
    if role == "other_user":
        return UserFactory()
    if role == "representative":
        return MembershipFactory(organisation=organisation, role="editor").user
    if role == "other_representative":
        return MembershipFactory(organisation=OrganisationFactory(), role="admin").user
    if role == "official":
        return make_official(department)
    if role == "official_elsewhere":
        return make_official(DepartmentFactory())
    if role == "department_coordinator":
        return make_department_coordinator(department)
    if role == "coordinator_elsewhere":
        return make_department_coordinator(DepartmentFactory())
    return make_municipal_coordinator()
