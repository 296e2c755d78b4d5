"""Collaborations as data: the seeded forms and goal areas, and the database's
guards on dates, amounts and one payment per department and year."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import Collaboration, CollaborationForm, CollaborationPayment, GoalArea
from portal.models import Department

pytestmark = pytest.mark.django_db


def test_orebros_forms_and_goal_areas_are_seeded_in_order():
    forms = list(CollaborationForm.objects.values_list("name", flat=True))
    assert len(forms) == 14
    assert forms[0] == "Dialog (enstaka tillfälle)"
    assert GoalArea.objects.count() == 17
    assert GoalArea.objects.first().name_en == "Human rights and democracy"


def test_a_collaboration_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Collaboration.objects.create(
            title="Fel", starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1)
        )


def test_payments_are_not_negative_and_once_per_department_and_year():
    department = Department.objects.create(name="Socialförvaltningen", slug="soc")
    collaboration = Collaboration.objects.create(title="Läxhjälp")
    CollaborationPayment.objects.create(
        collaboration=collaboration, year=2026, amount=1000, department=department
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CollaborationPayment.objects.create(
            collaboration=collaboration, year=2026, amount=5, department=department
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CollaborationPayment.objects.create(
            collaboration=collaboration, year=2027, amount=-1, department=department
        )


@pytest.mark.django_db(transaction=True)
def test_the_forms_and_goal_areas_come_back_after_a_flush():
    """A transactional test (a browser test) empties every table; the reference data
    comes back, as content types do, so the next test still finds Örebro's 14 and 17."""
    from django.core.management import call_command

    call_command("flush", "--no-input", verbosity=0)
    assert CollaborationForm.objects.count() == 14
    assert GoalArea.objects.count() == 17
