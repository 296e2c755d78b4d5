"""The whole life of an IOP: an idea, prepared, decided, in force, reminded six and
three months before its term ends, its joint evaluation reminded before and after
its date, submitted, signed and approved (every sweep run twice each time: each
reminder once), and only then renewed into a new agreement linked to it, which is
decided in turn."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from partnerships.models import Agreement, ReportDue
from partnerships.services import agreements as services
from partnerships.services import reports
from partnerships.services.agreements import AgreementError, Contribution
from partnerships.sweeps_renewal import KIND
from partnerships.sweeps_reports import DUE_SOON, OVERDUE, OVERDUE_WEEKLY
from portal import sweeps
from portal.models import AuditEntry, ReminderDelivery
from tests.contacts.factories import make_department_coordinator, make_official
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def on(day: date, capture, work=None):
    """At nine on ``day``: do ``work`` (if any), then run every sweep twice."""
    moment = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        result = work() if work else None
        first, second = sweeps.run_all(moment), sweeps.run_all(moment)
    assert all(count == 0 for count in second.values()), second
    return result, first


def term_mails(agreement):
    return [m for m in mail.outbox if agreement.title in m.subject]


def test_idea_to_renewal(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    department = DepartmentFactory(name="Socialförvaltningen")
    official = make_official(department)
    coordinator = make_department_coordinator(department)
    association = OrganisationFactory(name="Läxhjälpen")
    representative = MembershipFactory(
        organisation=association, role="admin", user=UserFactory(email="ordforande@laxhjalpen.se")
    ).user

    agreement, _ = on(
        date(2024, 9, 2),
        capture,
        lambda: services.agreement_save(
            agreement=Agreement(
                title="IOP om läxhjälp",
                kind=Agreement.Kind.IOP,
                starts_on=date(2025, 1, 1),
                ends_on=date(2027, 12, 31),
                budget=Decimal("450000"),
                iop_co_financing=True,
                iop_joint_follow_up=True,
            ),
            by=official,
            party_ids=[association.pk],
            department_ids=[department.pk],
            contributions=[
                Contribution(kind="money", amount=Decimal("450000")),
                Contribution(kind="volunteer_hours", organisation_id=association.pk, hours=900),
            ],
        ),
    )
    assert agreement.status == Agreement.Status.IDEA
    on(
        date(2024, 9, 16),
        capture,
        lambda: services.agreement_prepare(agreement=agreement, by=official),
    )
    on(
        date(2024, 11, 20),
        capture,
        lambda: services.agreement_decide(
            agreement=agreement,
            by=coordinator,
            decision_body="Socialnämnden",
            decision_date=date(2024, 11, 20),
            decision_paragraph="§ 112",
            case_number="SN-2024/0312",
        ),
    )
    on(
        date(2025, 1, 1),
        capture,
        lambda: services.agreement_activate(agreement=agreement, by=official),
    )
    assert Agreement.objects.public().filter(pk=agreement.pk, status="active").exists()

    # Nothing before six months ahead; then each step once to both, however often.
    _, swept = on(date(2027, 6, 29), capture)
    assert swept["partnerships.term_ending"] == 0
    _, swept = on(date(2027, 6, 30), capture)
    assert swept["partnerships.term_ending"] == 2
    on(date(2027, 7, 15), capture)
    _, swept = on(date(2027, 9, 30), capture)
    assert swept["partnerships.term_ending"] == 2
    on(date(2027, 10, 20), capture)
    recipients = sorted(m.to[0] for m in term_mails(agreement))
    assert recipients == sorted(
        [official.email, official.email, coordinator.email, coordinator.email]
    )
    assert ReminderDelivery.objects.filter(kind=KIND, object_id=agreement.pk).count() == 4

    # The joint evaluation, in the plan the official keeps in the admin: reminded two
    # weeks before, and when late to the association and weekly to the coordinator;
    # the agreement cannot be renewed until it is approved.
    evaluation = ReportDue.objects.create(
        agreement=agreement,
        title="Gemensam utvärdering",
        kind=ReportDue.Kind.FINAL,
        due_on=date(2027, 11, 15),
        questions="Vad har läxhjälpen gett?\nHur går vi vidare?",
        asks_participants=True,
        asks_volunteer_hours=True,
        is_joint=True,
    )
    _, swept = on(date(2027, 10, 31), capture)
    assert swept[DUE_SOON] == 0
    _, swept = on(date(2027, 11, 1), capture)
    assert swept[DUE_SOON] == 1
    with pytest.raises(AgreementError):
        on(
            date(2027, 11, 2),
            capture,
            lambda: services.agreement_renew(agreement=agreement, by=official),
        )
    _, swept = on(date(2027, 11, 16), capture)
    assert (swept[OVERDUE], swept[OVERDUE_WEEKLY]) == (1, 1)
    on(date(2027, 11, 17), capture)  # the same week: no second weekly reminder

    def report_and_review():
        reports.report_submit(
            report=evaluation,
            by=representative,
            answers=["Bättre betyg och fler som går vidare.", "Vi fortsätter tre år till."],
            participants=120,
            volunteer_hours=950,
        )
        reports.report_sign_off(report=evaluation, by=official)
        reports.report_approve(report=evaluation, by=official)

    on(date(2027, 11, 18), capture, report_and_review)
    _, swept = on(date(2027, 11, 22), capture)  # next week: nothing is overdue now
    assert swept[OVERDUE_WEEKLY] == 0
    kinds = ReminderDelivery.objects.filter(object_id__in=[evaluation.pk, coordinator.pk])
    assert sorted(
        kinds.filter(kind__in=[DUE_SOON, OVERDUE, OVERDUE_WEEKLY]).values_list(
            "kind", "recipient_email"
        )
    ) == sorted(
        [
            (DUE_SOON, representative.email),
            (OVERDUE, representative.email),
            (OVERDUE_WEEKLY, coordinator.email),
        ]
    )

    # Renewal: a new agreement linked to the old, once.
    renewal, _ = on(
        date(2027, 11, 23),
        capture,
        lambda: services.agreement_renew(agreement=agreement, by=official),
    )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.RENEWED
    assert renewal.renewed_from == agreement
    assert (renewal.starts_on, renewal.ends_on) == (date(2028, 1, 1), date(2030, 12, 31))
    assert renewal.contributions.count() == 2 and renewal.iop_co_financing
    with pytest.raises(AgreementError):
        services.agreement_renew(agreement=agreement, by=official)
    on(
        date(2027, 12, 10),
        capture,
        lambda: services.agreement_decide(
            agreement=renewal,
            by=coordinator,
            decision_body="Socialnämnden",
            decision_date=date(2027, 12, 10),
            case_number="SN-2027/0450",
        ),
    )
    # The renewed agreement is not reminded again; the history is kept.
    sent = len(mail.outbox)
    on(date(2027, 12, 20), capture)
    assert len(mail.outbox) == sent
    actions = list(
        AuditEntry.objects.filter(object_id=agreement.pk, content_type__model="agreement")
        .order_by("created_at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "agreement.created",
        "agreement.prepared",
        "agreement.decided",
        "agreement.activated",
        "agreement.renewed",
    ]
