"""Publishing, editing and reviewing contact paths: each checks the rule on the
locked row, saves, keeps the search vector in step and writes the audit log."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.audit import audit_log, field_changes

from . import search
from .models import ContactPath

# What the officials' form and the admin set; topics and target groups are relations.
PATH_FIELDS = (
    "title",
    "description",
    "department",
    "role",
    "email",
    "phone",
    "person",
    "person_name",
    "person_email",
    "person_phone",
    "person_is_public",
    "opening_hours",
    "related_page",
    "related_page_title",
    "valid_until",
    "is_published",
)
RELATION_FIELDS = ("topics", "target_groups")


class ContactPathError(Exception):
    """A guard refused the change; ``message`` is for the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(title) or "kontaktvag")[:200]
    taken = set(
        ContactPath.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check(user, perm: str, path: ContactPath | None = None) -> None:
    """``user`` (None: the system, as the demo loader) holds ``perm``."""
    if user is not None and not user.has_perm(perm, path):
        raise ContactPathError(_("You may not change the contact paths of this department."))


def _check_department(user, department) -> None:
    """A new or moved path goes to a department the user is in charge of."""
    if user is None:
        return
    probe = ContactPath(department=department)
    if not user.has_perm("contacts.change_contactpath", probe):
        raise ContactPathError(
            _("You may publish contact paths only for the departments you work in or coordinate.")
        )


def _relations(path: ContactPath, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in RELATION_FIELDS:
        if name not in data:
            continue
        new = {obj.pk for obj in data[name]}
        manager = getattr(path, name)
        if set(manager.values_list("pk", flat=True)) != new:
            manager.set(new)
            changed.append(name)
    return changed


@transaction.atomic
def contact_path_create(*, by, data: Mapping[str, Any]) -> ContactPath:
    """Publish a path. Publishing counts as its first review."""
    _check(by, "contacts.add_contactpath")
    _check_department(by, data["department"])
    now = timezone.now()
    path = ContactPath(
        **{name: data[name] for name in PATH_FIELDS if name in data},
        slug=unique_slug(data["title"]),
        created_by=by,
        created_at=now,
        reviewed_at=now,
        reviewed_by=by,
    )
    path.full_clean(exclude=["slug"])
    path.save()
    _relations(path, data)
    search.reindex([path.pk])
    audit_log(
        actor=by,
        action="contact_path.created",
        target=path,
        data={"department": path.department.name, "title": path.title},
    )
    return path


def _locked(path: ContactPath) -> ContactPath:
    return ContactPath.objects.select_for_update().select_related("department").get(pk=path.pk)


@transaction.atomic
def contact_path_update(*, path: ContactPath, by, changes: Mapping[str, Any]) -> ContactPath:
    """Save an editor's changes. Whoever saves the path has read it through, so
    saving is a review as well."""
    locked = _locked(path)
    _check(by, "contacts.change_contactpath", locked)
    if "department" in changes and changes["department"].pk != locked.department_id:
        _check_department(by, changes["department"])
    before = {name: getattr(locked, name) for name in PATH_FIELDS}
    for name in PATH_FIELDS:
        if name in changes:
            setattr(locked, name, changes[name])
    changed = [name for name in PATH_FIELDS if getattr(locked, name) != before[name]]
    if "title" in changed:
        locked.slug = unique_slug(locked.title, exclude_pk=locked.pk)
    locked.reviewed_at, locked.reviewed_by = timezone.now(), by
    locked.full_clean()
    locked.save()
    changed += _relations(locked, changes)
    search.reindex([locked.pk])
    after = {name: getattr(locked, name) for name in PATH_FIELDS}
    audit_log(
        actor=by,
        action="contact_path.updated",
        target=locked,
        data={"changes": field_changes(before, after, changed, keep=ContactPath.audit_values)},
    )
    return locked


@transaction.atomic
def contact_path_mark_reviewed(*, path: ContactPath, by) -> ContactPath:
    """One click: the owner has checked that the path is still right."""
    locked = _locked(path)
    _check(by, "contacts.review_contactpath", locked)
    previous = locked.reviewed_at
    locked.reviewed_at, locked.reviewed_by = timezone.now(), by
    locked.save(update_fields=["reviewed_at", "reviewed_by", "updated_at"])
    audit_log(
        actor=by,
        action="contact_path.reviewed",
        target=locked,
        data={"previous": previous.isoformat()},
    )
    return locked
