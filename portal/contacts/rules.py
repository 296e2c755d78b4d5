"""Who may do what with a contact path. Read the table at the bottom.

Officials of the path's department and its coordinators publish and edit it, the
municipal coordinators every path; an official of another department may not.
``departments_in_charge`` (models.py) is the one definition, and
``ContactPath.objects.changeable_by / reviewable_by / visible_to`` are the same
rules as queries; tests/contacts/rules/ holds the two to the same grid."""

import rules

from .models import ContactPath, departments_in_charge


def _path(obj):
    return obj if isinstance(obj, ContactPath) else None


@rules.predicate
def publishes_anywhere(user) -> bool:
    """In charge of at least one department's paths (may publish a new one)."""
    departments = departments_in_charge(user)
    return departments is None or bool(departments)


@rules.predicate
def in_charge_of_path(user, obj) -> bool:
    path = _path(obj)
    if path is None:
        return False
    departments = departments_in_charge(user)
    return departments is None or path.department_id in departments


@rules.predicate
def is_named_person(user, obj) -> bool:
    path = _path(obj)
    return path is not None and user.is_authenticated and path.person_id == user.pk


@rules.predicate
def is_public(user, obj) -> bool:
    path = _path(obj)
    return path is not None and path.is_shown()


rules.add_perm("contacts.view_contactpath", is_public | in_charge_of_path)
rules.add_perm("contacts.add_contactpath", publishes_anywhere)
rules.add_perm("contacts.change_contactpath", in_charge_of_path)
rules.add_perm("contacts.review_contactpath", in_charge_of_path | is_named_person)
