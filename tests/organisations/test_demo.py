"""Demo data: deterministic, idempotent, valid."""

import io

import pytest

from organisations import demo
from organisations.models import Activity, Category, District, Membership, Organisation
from organisations.validators import validate_organisation_number

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_load_twice():
    representative = UserFactory(email=demo.REPRESENTATIVE_EMAIL)
    out = io.StringIO()
    demo.load(out)
    count = Organisation.objects.count()
    activities = Activity.objects.count()
    assert 180 <= count <= 220
    assert Category.objects.count() == 15
    assert District.objects.filter(name__in=["Flemingsberg", "Skogås", "Vårby"]).count() == 3
    for category in Category.objects.all():
        assert category.organisations.count() >= 10, category
    assert 2 <= Organisation.objects.pending().count() <= 8
    assert Organisation.objects.unconfirmed().count() == 1
    assert Organisation.objects.filter(contact_is_public=True).exists()
    assert Organisation.objects.filter(name="Skogås Trångsunds FF").exists()
    assert activities > 100
    # A weekly training that goes on and a monthly café ten times: one row each.
    weekly = Activity.objects.get(title="Träning för alla åldrar")
    assert weekly.recurrence == "FREQ=WEEKLY" and weekly.repeats_until is None
    cafe = Activity.objects.get(title="Månadscafé")
    assert "FREQ=MONTHLY;BYDAY=" in cafe.recurrence and cafe.repeats_until == cafe.series_end()
    for number in Organisation.objects.exclude(organisation_number=None).values_list(
        "organisation_number", flat=True
    ):
        validate_organisation_number(number)
    memberships = Membership.objects.filter(user=representative, role="admin")
    assert 2 <= memberships.count() <= 3

    names = list(Organisation.objects.order_by("slug").values_list("name", "description"))
    demo.load(io.StringIO())
    assert Organisation.objects.count() == count
    assert Activity.objects.count() == activities
    assert list(Organisation.objects.order_by("slug").values_list("name", "description")) == names
