"""The grid for "partnerships.view_agreement_documents": the signed agreement and the
decision are for those who handle the agreement and its parties' representatives,
not for the public, whatever the status. (Documents are listed only on the
agreement's page, so there is no queryset twin to compare.)"""

import pytest

from tests.organisations.factories import OrganisationFactory
from tests.partnerships.factories import AgreementFactory
from tests.portal.factories import DepartmentFactory

from .grid import ROLES, agreement_user

PERM = "partnerships.view_agreement_documents"
ALLOWED = {"editor", "admin", "official", "own_department_coordinator", "municipal_coordinator"}


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["preparation", "active"])
@pytest.mark.parametrize("role", ROLES)
def test_grid(status, role):
    organisation, department = OrganisationFactory(), DepartmentFactory()
    agreement = AgreementFactory(status=status, parties=[organisation], departments=[department])
    user = agreement_user(role, organisation, department)
    assert user.has_perm(PERM, agreement) is (role in ALLOWED)
