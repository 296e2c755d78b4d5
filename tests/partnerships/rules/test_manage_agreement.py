"""The grid for "partnerships.manage_agreement" (the officials' pages and steps):
municipal coordinators, and officials and coordinators of one of the agreement's
departments, whatever its status. ``Agreement.objects.changeable_by`` answers the
same."""

import pytest

from partnerships.models import Agreement
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.factories import AgreementFactory
from tests.portal.factories import DepartmentFactory

from .grid import ROLES, agreement_user

PERM = "partnerships.manage_agreement"
ALLOWED = {"official", "own_department_coordinator", "municipal_coordinator"}


@pytest.mark.django_db
@pytest.mark.parametrize("status", [status.value for status in Agreement.Status])
@pytest.mark.parametrize("role", ROLES)
def test_grid(status, role):
    organisation, department = OrganisationFactory(), DepartmentFactory()
    agreement = AgreementFactory(status=status, parties=[organisation], departments=[department])
    AgreementFactory(status=status, departments=[DepartmentFactory()])  # another department's
    user = agreement_user(role, organisation, department)
    expected = role in ALLOWED
    assert user.has_perm(PERM, agreement) is expected
    assert (agreement in Agreement.objects.changeable_by(user)) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_recording_a_new_agreement(role):
    user = agreement_user(role, OrganisationFactory(), DepartmentFactory())
    expected = role in ALLOWED | {"other_official", "department_coordinator"}
    assert user.has_perm("partnerships.record_agreement") is expected
