"""Demo data of the agreements: after the core's and the register's, idempotent, valid."""

import io

import pytest

from organisations import demo as organisations_demo
from partnerships import demo
from partnerships.models import Agreement, AgreementParty
from portal import demo as portal_demo
from portal.management.commands.load_demo import demo_loaders

pytestmark = pytest.mark.django_db


def test_runs_after_the_register():
    labels = [label for label, _load in demo_loaders()]
    assert labels.index("organisations") < labels.index("partnerships")


def test_load_twice():
    portal_demo.load(io.StringIO())
    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    assert f"Agreements: {len(demo.AGREEMENTS)} ({len(demo.AGREEMENTS)} new)" in out.getvalue()
    assert Agreement.objects.filter(title="IOP om läxhjälp i Flemingsberg").exists()
    assert Agreement.objects.filter(kind=Agreement.Kind.IOP).count() >= 2
    assert {Agreement.Kind.CONTRACT, Agreement.Kind.PROJECT} <= set(
        Agreement.objects.values_list("kind", flat=True)
    )
    for agreement in Agreement.objects.all():
        agreement.full_clean()
        assert agreement.departments.exists(), agreement
        assert agreement.parties.exists(), agreement
    assert Agreement.objects.public().count() >= 3
    # Contributions from both sides, decisions with their paragraph, an IOP near its end.
    iop = Agreement.objects.get(title="IOP om läxhjälp i Flemingsberg")
    assert iop.decision_paragraph and all(met for _label, met in iop.iop_criteria())
    assert iop.contributions.filter(organisation__isnull=True).exists()
    assert iop.contributions.filter(organisation__isnull=False).exists()
    assert Agreement.objects.filter(kind="iop", status="active", ends_on__year=2027).exists()
    assert Agreement.objects.exclude(status__in=Agreement.PUBLIC_STATUSES).exists()
    # The demo representative's association is party to a public agreement and to one
    # still in preparation.
    represented = Agreement.objects.filter(
        agreement_parties__organisation__memberships__user__email=(
            organisations_demo.REPRESENTATIVE_EMAIL
        )
    )
    assert {a.is_public for a in represented} == {True, False}

    rows = list(AgreementParty.objects.order_by("pk").values_list("agreement", "organisation"))
    demo.load(io.StringIO())
    assert Agreement.objects.count() == len(demo.AGREEMENTS)
    assert (
        list(AgreementParty.objects.order_by("pk").values_list("agreement", "organisation")) == rows
    )


def test_without_the_register_it_still_loads():
    demo.load(io.StringIO())
    assert Agreement.objects.count() == len(demo.AGREEMENTS)
    assert not AgreementParty.objects.exists()
