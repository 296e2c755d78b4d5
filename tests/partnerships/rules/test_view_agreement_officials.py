"""The grid for "partnerships.view_agreement" with officials: an official sees the
drafts of their department's agreements, and every decided one."""

import pytest

from partnerships.models import Agreement
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.factories import AgreementFactory
from tests.portal.factories import DepartmentFactory

from .grid import agreement_user

PERM = "partnerships.view_agreement"


@pytest.mark.django_db
@pytest.mark.parametrize("status", [status.value for status in Agreement.Status])
@pytest.mark.parametrize("role", ["official", "other_official", "own_department_coordinator"])
def test_grid(status, role):
    organisation, department = OrganisationFactory(), DepartmentFactory()
    agreement = AgreementFactory(status=status, parties=[organisation], departments=[department])
    user = agreement_user(role, organisation, department)
    expected = role != "other_official" or status in Agreement.PUBLIC_STATUSES
    assert user.has_perm(PERM, agreement) is expected
    assert (agreement in Agreement.objects.visible_to(user)) is expected
