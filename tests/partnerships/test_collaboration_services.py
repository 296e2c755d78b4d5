"""The collaboration services hold their guards themselves, whatever form calls
them: the rule on the locked row, departments in charge, payments from the
collaboration's departments, once per year, never negative."""

from decimal import Decimal

import pytest

from partnerships.models import Collaboration
from partnerships.services.collaborations import (
    CollaborationError,
    collaboration_create,
    collaboration_update,
)
from tests.contacts.factories import make_official
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.collaboration_factories import CollaborationFactory, PaymentFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def _data(department, **changes):
    return {
        "title": "Läxhjälp",
        "departments": [department],
        "associations": [OrganisationFactory()],
        **changes,
    }


@pytest.mark.parametrize(
    "payments, message",
    [
        ([(2026, "own", "-1")], "negativt"),
        ([(2026, "elsewhere", "1")], "samarbetets förvaltningar"),
        ([(2026, "own", "1"), (2026, "own", "2")], "redan en utbetalning"),
    ],
)
def test_payment_guards(payments, message):
    department, elsewhere = DepartmentFactory(), DepartmentFactory()
    rows = [
        {
            "year": year,
            "department": department if who == "own" else elsewhere,
            "amount": Decimal(amount),
        }
        for year, who, amount in payments
    ]
    with pytest.raises(CollaborationError, match=message):
        collaboration_create(by=make_official(department), data=_data(department), payments=rows)
    assert not Collaboration.objects.exists()


def test_an_official_of_another_department_may_not_update():
    department = DepartmentFactory()
    collaboration = CollaborationFactory(departments=[department], title="Före")
    with pytest.raises(CollaborationError):
        collaboration_update(
            collaboration=collaboration,
            by=make_official(DepartmentFactory()),
            changes={"title": "Efter"},
        )
    collaboration.refresh_from_db()
    assert collaboration.title == "Före"


def test_dropping_a_department_that_still_pays_is_refused():
    department, other = DepartmentFactory(), DepartmentFactory()
    collaboration = CollaborationFactory(departments=[department, other])
    PaymentFactory(collaboration=collaboration, department=other)
    with pytest.raises(CollaborationError, match="samarbetets förvaltningar"):
        collaboration_update(
            collaboration=collaboration,
            by=make_official(department),
            changes={"departments": [department]},
        )
    assert collaboration.departments.count() == 2


def test_dates_out_of_order_are_refused():
    department = DepartmentFactory()
    collaboration = CollaborationFactory(departments=[department])
    with pytest.raises(CollaborationError, match="innan det börjar"):
        collaboration_update(
            collaboration=collaboration,
            by=make_official(department),
            changes={"ends_on": collaboration.starts_on.replace(year=2020)},
        )
