"""Triage and hand-overs: a municipal coordinator sees new inquiries, assigns one
(the routing rule suggests where), every hand-over has a reason the sender reads,
keeps the clock and tells the sender who holds the case; the third hand-over flags
it to the municipal coordinators. The list filters, and its queries do not grow."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.inquiries import services
from portal.inquiries.models import Inquiry, InquiryHandover, InquiryMessage
from portal.models import AuditEntry
from tests.organisations.factories import make_municipal_coordinator

from .factories import (
    DepartmentFactory,
    TopicFactory,
    assigned,
    make_coordinator_of,
    make_official,
    routing_rule,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


def test_assigning_tells_the_sender_and_the_new_holder(
    client, coordinator, django_capture_on_commit_callbacks
):
    official = make_official(first_name="Tove", last_name="Tjänsteperson")
    inquiry, _token = submit()
    due = inquiry.answer_due_at
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("inquiries:assign", args=[inquiry.reference]),
            {"assignee": official.pk, "reason": "Tove har hand om lokalfrågor."},
        )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.assignee == official and inquiry.department == official.department
    assert inquiry.status == Inquiry.Status.ASSIGNED
    assert inquiry.acknowledged_at is not None
    assert inquiry.answer_due_at == due  # the clock keeps running
    assert inquiry.handover_count == 0  # the first assignment is no hand-over
    to_sender, to_official = sorted(mail.outbox, key=lambda m: m.to != [inquiry.sender_email])
    assert "Tove Tjänsteperson" in to_sender.body
    assert "Tove har hand om lokalfrågor." in to_sender.body
    assert to_official.to == [official.email]
    assert AuditEntry.objects.filter(action="inquiry.assigned").count() == 1


def test_a_hand_over_needs_a_reason(client, coordinator):
    inquiry, _token = submit()
    response = client.post(
        reverse("inquiries:assign", args=[inquiry.reference]),
        {"department": DepartmentFactory().pk, "reason": ""},
    )
    assert response.status_code == 400
    assert "Skriv varför ärendet går dit." in response.content.decode()
    assert not InquiryHandover.objects.exists()


def test_the_third_hand_over_flags_the_case(django_capture_on_commit_callbacks):
    coordinator = make_municipal_coordinator()
    departments = DepartmentFactory.create_batch(4)
    inquiry, _token = submit()
    for n, department in enumerate(departments):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.inquiry_assign(
                inquiry=inquiry,
                to_department=department,
                to_user=None,
                reason=f"Skäl {n}",
                by=coordinator,
            )
        flagged = [m for m in mail.outbox if "mer än två gånger" in m.subject]
        assert len(flagged) == (1 if n == 3 else 0), n
    inquiry.refresh_from_db()
    assert inquiry.handover_count == 3 and inquiry.is_handed_around
    assert inquiry.messages.filter(event=InquiryMessage.Event.HANDED_OVER).count() == 4
    assert list(Inquiry.objects.handed_around()) == [inquiry]


def test_the_routing_rule_suggests_a_department(client, coordinator):
    topic = TopicFactory(name="Lokaler")
    department = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    routing_rule(topic, department)
    inquiry, _token = submit(topics=[topic])
    response = client.get(reverse("inquiries:case", args=[inquiry.reference]))
    assert response.context["suggestion"].department == department
    assert response.context["assign_form"].initial["department"] == department


def test_a_coordinator_answers_directly(client, coordinator, django_capture_on_commit_callbacks):
    inquiry, _token = submit()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("inquiries:reply", args=[inquiry.reference]),
            {"body": "Välkommen att höra av dig till biblioteket."},
        )
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.DIALOGUE and inquiry.acknowledged_at


def test_the_list_filters(client, coordinator):
    topic = TopicFactory()
    new, _t = submit(kind="question", topics=[topic])
    handled, _t = assigned()
    around, _t = assigned()
    around.handover_count = 3
    around.save(update_fields=["handover_count"])
    url = reverse("inquiries:list")

    def listed(**query):
        return {row[0].reference for row in client.get(url, query).context["rows"]}

    assert listed() == {new.reference, handled.reference, around.reference}
    assert listed(status="received") == {new.reference}
    assert listed(kind="question") == {new.reference}
    assert listed(topic=topic.pk) == {new.reference}
    assert listed(department=handled.department_id) == {handled.reference}
    assert listed(overdue="handed_around") == {around.reference}
    assert listed(overdue="yes") == set()
    assert client.get(url, {"department": "x"}).status_code == 200  # an invalid filter


def test_the_list_makes_the_same_queries_for_2_and_20_cases(
    client, coordinator, django_assert_num_queries
):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("inquiries:list")).status_code == 200
        return len(queries)

    for _ in range(2):
        assigned(official=make_official())
    few = count()
    for _ in range(18):
        assigned(official=make_official())
    assert count() == few
    assert few <= 12


def test_a_department_coordinator_assigns_within_the_department(client):
    department = DepartmentFactory()
    coordinator = make_coordinator_of(department)
    official = make_official(department)
    inquiry, _token = assigned(department=department)
    client.force_login(coordinator)
    response = client.post(
        reverse("inquiries:assign", args=[inquiry.reference]),
        {"assignee": official.pk, "reason": "Hon kan föreningsbidrag."},
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.assignee == official and inquiry.handover_count == 1


def test_an_official_who_hands_the_case_away_is_sent_to_the_list(client):
    official = make_official()
    inquiry, _token = assigned(official=official)
    client.force_login(official)
    response = client.post(
        reverse("inquiries:assign", args=[inquiry.reference]),
        {"department": DepartmentFactory().pk, "reason": "Fel förvaltning."},
    )
    assert response.url == reverse("inquiries:list")
    assert client.get(reverse("inquiries:case", args=[inquiry.reference])).status_code == 404
