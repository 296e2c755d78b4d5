"""Who may do what with an association. Read the table at the bottom."""

import rules

from portal.rules import is_coordinator, is_municipal_coordinator

from .models import Activity, Membership, Organisation


def _organisation(obj):
    if isinstance(obj, Organisation):
        return obj
    if isinstance(obj, Activity):
        return obj.organisation
    return None


def _role(user, obj):
    """The user's membership role in the object's organisation, or None."""
    org = _organisation(obj)
    if org is None or not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(organisation=org, user=user)
        .values_list("role", flat=True)
        .first()
    )


@rules.predicate
def is_member(user, obj) -> bool:
    return _role(user, obj) is not None


@rules.predicate
def is_org_admin(user, obj) -> bool:
    return _role(user, obj) == Membership.Role.ADMIN


@rules.predicate
def is_org_editor(user, obj) -> bool:
    """Admin or editor: both may edit the association's data."""
    return _role(user, obj) in (Membership.Role.ADMIN, Membership.Role.EDITOR)


@rules.predicate
def is_publicly_visible(user, obj) -> bool:
    org = _organisation(obj)
    return org is not None and org.status == Organisation.Status.ACTIVE and org.is_public


@rules.predicate
def is_published(user, obj) -> bool:
    """An activity no coordinator has hidden (cancelled ones stay published)."""
    return isinstance(obj, Activity) and not obj.is_hidden


@rules.predicate
def has_organisation(user, obj) -> bool:
    return _organisation(obj) is not None


@rules.predicate
def is_archived(user, obj) -> bool:
    """Archived associations are read-only until a coordinator restores one."""
    org = _organisation(obj)
    return org is not None and org.status == Organisation.Status.ARCHIVED


can_view = is_publicly_visible | is_member | (has_organisation & is_coordinator)
can_view_private = is_member | (has_organisation & is_coordinator)
# An activity's own page and its .ics: what the calendar shows, for everyone; a
# hidden one, or one of an association not shown, for its people (with a banner).
can_view_activity = (is_published & is_publicly_visible) | can_view_private
can_change = (is_org_editor | (has_organisation & is_municipal_coordinator)) & ~is_archived
can_manage_members = (is_org_admin | (has_organisation & is_municipal_coordinator)) & ~is_archived
# Cancel or hide with a reason, or show again: without an object, "may moderate
# activities at all" (the admin's actions ask so); an archived association's are
# not public, and not changed, until it is restored.
can_moderate = is_municipal_coordinator & ~is_archived

rules.add_perm("organisations.view_organisation", can_view)
rules.add_perm("organisations.view_private_data", can_view_private)
rules.add_perm("organisations.change_organisation", can_change)
rules.add_perm("organisations.manage_members", can_manage_members)
rules.add_perm("organisations.view_activity", can_view_activity)
rules.add_perm("organisations.add_activity", can_change)
rules.add_perm("organisations.change_activity", can_change)
rules.add_perm("organisations.moderate_activity", can_moderate)
rules.add_perm("organisations.approve_organisation", is_municipal_coordinator)
rules.add_perm("organisations.export_register", is_coordinator)
