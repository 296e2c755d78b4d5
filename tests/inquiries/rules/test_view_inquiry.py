"""The grid for "inquiries.view_inquiry" (and the sender's data, and handling),
every role against every state of a case; ``Inquiry.objects.visible_to`` answers
the same. The case's sender follows it (``follow_inquiry``), never as a handler."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.inquiries import services
from portal.inquiries.models import Inquiry
from tests.organisations.factories import UserFactory, make_municipal_coordinator

from ..factories import DepartmentFactory, make_coordinator_of, make_official, submit

PERMS = ("inquiries.view_inquiry", "inquiries.view_sender", "inquiries.handle_inquiry")
ROLES = (
    "anonymous",
    "sender",
    "other_user",
    "official_of_the_department",
    "official_of_another_department",
    "assignee",
    "coordinator_of_the_department",
    "coordinator_of_another_department",
    "municipal_coordinator",
    "superuser",
)
STATES = ("received", "in_department", "assigned", "closed")


def case_in_state(state):
    sender = UserFactory()
    department = DepartmentFactory()
    assignee = make_official(department)
    inquiry, _token = submit(user=sender)
    coordinator = make_municipal_coordinator()
    if state != "received":
        services.inquiry_assign(
            inquiry=inquiry,
            to_department=department,
            to_user=assignee if state in ("assigned", "closed") else None,
            reason="Skäl.",
            by=coordinator,
        )
    if state == "closed":
        services.inquiry_close(inquiry=inquiry, outcome="answered", text="Svar.", by=coordinator)
    return Inquiry.objects.get(pk=inquiry.pk), {
        "sender": sender,
        "department": department,
        "assignee": assignee,
    }


def user_in_role(role, parts):
    if role == "anonymous":
        return AnonymousUser()
    if role in ("sender", "assignee"):
        return parts[role]
    if role == "other_user":
        return UserFactory()
    if role == "official_of_the_department":
        return make_official(parts["department"])
    if role == "official_of_another_department":
        return make_official()
    if role == "coordinator_of_the_department":
        return make_coordinator_of(parts["department"])
    if role == "coordinator_of_another_department":
        return make_coordinator_of(DepartmentFactory())
    if role == "municipal_coordinator":
        return make_municipal_coordinator()
    return UserFactory(is_superuser=True, is_staff=True)


def allowed(state):
    roles = {"municipal_coordinator", "superuser"}
    if state != "received":
        roles.add("coordinator_of_the_department")
    if state in ("assigned", "closed"):
        roles.add("assignee")
    return roles


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_grid(state, role):
    inquiry, parts = case_in_state(state)
    user = user_in_role(role, parts)
    expected = role in allowed(state)
    for perm in PERMS:
        assert user.has_perm(perm, inquiry) is expected, perm
    assert (inquiry in Inquiry.objects.visible_to(user)) is expected
    # Django grants a superuser every permission; sent_by is the sender's alone.
    follows = role in ("sender", "superuser")
    assert user.has_perm("inquiries.follow_inquiry", inquiry) is follows
    assert (inquiry in Inquiry.objects.sent_by(user)) is (role == "sender")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_case_page_answers_as_the_rule(client, role):
    inquiry, parts = case_in_state("assigned")
    user = user_in_role(role, parts)
    if role != "anonymous":
        client.force_login(user)
    response = client.get(f"/en-vag-in/arenden/{inquiry.reference}/")
    if role == "anonymous":
        assert response.status_code == 302
    elif role in allowed("assigned"):
        assert response.status_code == 200
        assert inquiry.sender_email in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.django_db
def test_without_an_object_the_rule_grants_nothing():
    assert not make_official().has_perm("inquiries.view_inquiry")
