"""Two officials renewing the same agreement at the same moment: the second waits
for the first's row lock, then finds the renewal and is refused with a message;
one renewal exists."""

import pytest

from partnerships.models import Agreement
from partnerships.services.agreements import AgreementError, agreement_renew
from tests.concurrency import first_holds_then
from tests.contacts.factories import make_official
from tests.portal.factories import DepartmentFactory

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_renewing_twice_at_once_gives_one_renewal():
    department = DepartmentFactory()
    agreement = AgreementFactory(departments=[department])
    first, second = make_official(department), make_official(department)
    one, other = first_holds_then(
        lambda: agreement_renew(agreement=agreement, by=first),
        lambda: agreement_renew(agreement=agreement, by=second),
    )
    assert isinstance(one, Agreement)
    assert isinstance(other, AgreementError), other
    assert Agreement.objects.filter(renewed_from=agreement).count() == 1
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.RENEWED
