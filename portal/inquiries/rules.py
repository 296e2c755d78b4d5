"""Who may do what with an inquiry. Read the table at the bottom; the queryset twin
of "inquiries.view_inquiry" is ``Inquiry.objects.visible_to(user)``.

The sender follows the case through the private link (the token is the right, see
views.py) or, logged in, as its sender; they never see internal notes."""

import rules

from portal.models import CoordinatorAssignment
from portal.rules import is_coordinator, is_municipal_coordinator, is_official

from .models import Inquiry


def _inquiry(obj) -> Inquiry | None:
    return obj if isinstance(obj, Inquiry) else None


@rules.predicate
def is_assignee(user, obj) -> bool:
    inquiry = _inquiry(obj)
    return inquiry is not None and user.is_authenticated and inquiry.assignee_id == user.pk


@rules.predicate
def coordinates_its_department(user, obj) -> bool:
    inquiry = _inquiry(obj)
    if inquiry is None or inquiry.department_id is None or not user.is_authenticated:
        return False
    return CoordinatorAssignment.objects.filter(
        user=user, department_id=inquiry.department_id
    ).exists()


@rules.predicate
def is_its_sender(user, obj) -> bool:
    inquiry = _inquiry(obj)
    return inquiry is not None and user.is_authenticated and inquiry.sender_user_id == user.pk


@rules.predicate
def has_inquiry(user, obj) -> bool:
    return _inquiry(obj) is not None


# The case's handlers: the municipal coordinators, the coordinators of the department
# that holds it, and its assignee. They alone see the sender's name, address and words.
handles = (
    rules.is_superuser
    | (has_inquiry & is_municipal_coordinator)
    | is_assignee
    | (coordinates_its_department)
)

rules.add_perm("inquiries.view_inquiry", handles)
rules.add_perm("inquiries.view_sender", handles)
rules.add_perm("inquiries.handle_inquiry", handles)
rules.add_perm("inquiries.assign_inquiry", handles)
rules.add_perm("inquiries.follow_inquiry", is_its_sender)
# The list of cases (each row from visible_to) and the desk's panel.
rules.add_perm("inquiries.list_inquiries", rules.is_superuser | is_coordinator | is_official)
rules.add_perm("inquiries.view_desk_panel", rules.is_superuser | is_coordinator)
