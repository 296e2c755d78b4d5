"""The grid for "partnerships.view_agreement": every role against every status of an
agreement the association is party to. ``Agreement.objects.visible_to`` answers the
same."""

import pytest

from partnerships.models import Agreement
from tests.organisations.factories import ROLES, OrganisationFactory, UserFactory, user_in_role
from tests.partnerships.factories import AgreementFactory

PERM = "partnerships.view_agreement"
STATUSES = [status.value for status in Agreement.Status]
REPRESENTATIVES_AND_COORDINATORS = {
    "editor",
    "admin",
    "department_coordinator",
    "municipal_coordinator",
}


def allowed(status):
    if status in ("idea", "preparation"):
        return REPRESENTATIVES_AND_COORDINATORS
    return set(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_grid(status, role):
    organisation = OrganisationFactory()
    agreement = AgreementFactory(status=status, parties=[organisation])
    AgreementFactory(status=status)  # another agreement, without the association
    user = user_in_role(role, organisation)
    expected = role in allowed(status)
    assert user.has_perm(PERM, agreement) is expected
    assert (agreement in Agreement.objects.visible_to(user)) is expected


@pytest.mark.django_db
def test_superuser_sees_every_agreement():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    agreement = AgreementFactory(status=Agreement.Status.IDEA)
    assert superuser.has_perm(PERM, agreement)
    assert agreement in Agreement.objects.visible_to(superuser)


@pytest.mark.django_db
def test_without_an_object_the_rule_grants_nothing():
    assert not UserFactory().has_perm(PERM)
