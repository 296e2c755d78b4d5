"""Demo collaborations: every category and every demo department, valid, idempotent."""

import io

import pytest

from organisations import demo as organisations_demo
from partnerships import demo, demo_collaborations
from partnerships.models import Collaboration, CollaborationPayment
from portal import demo as portal_demo
from portal.models import Department

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_category_and_department():
    assert {spec.category for spec in demo_collaborations.COLLABORATIONS} == set(
        organisations_demo.CATEGORIES
    )
    named = {name for spec in demo_collaborations.COLLABORATIONS for name in spec.departments}
    assert named == set(portal_demo.DEPARTMENTS)


def test_load_twice():
    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    count = len(demo_collaborations.COLLABORATIONS)
    assert f"Collaborations: {count} ({count} new)" in out.getvalue()
    assert Collaboration.objects.count() == count
    for collaboration in Collaboration.objects.all():
        collaboration.full_clean()
        assert collaboration.associations.exists() and collaboration.forms.exists()
    assert Department.objects.filter(collaborations__isnull=False).distinct().count() == len(
        portal_demo.DEPARTMENTS
    )
    assert Collaboration.objects.filter(is_public=False).exists()
    assert CollaborationPayment.objects.values("year").distinct().count() == 3
    represented = Collaboration.objects.filter(
        associations__memberships__user__email=organisations_demo.REPRESENTATIVE_EMAIL
    )
    assert represented.exists()
    payments = CollaborationPayment.objects.count()
    demo.load(io.StringIO())
    assert Collaboration.objects.count() == count
    assert CollaborationPayment.objects.count() == payments
