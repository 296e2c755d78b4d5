"""What the register's workflows share: the domain error, the editable fields,
locking, permission checks and mail sent after commit."""

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from portal import ratelimit
from portal.models import CoordinatorAssignment

from ..models import Membership, Organisation
from ..validators import normalise_organisation_number


class RegisterError(Exception):
    """A guard of the register refused the change; ``message`` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyRegistered(RegisterError):
    """The registration form was sent again: ``organisation`` is what it made first."""

    def __init__(self, organisation: Organisation):
        super().__init__(
            _("%(name)s was already registered with this form; here it is.")
            % {"name": organisation.name}
        )
        self.organisation = organisation


# Fields a representative may set through the registration and edit forms.
ORGANISATION_FIELDS = (
    "name",
    "legal_form",
    "organisation_number",
    "description",
    "logo",
    "website",
    "email",
    "phone",
    "address",
    "social_media",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_is_public",
    "member_count",
    "has_staff",
    "seeks_collaboration",
    "offers_premises",
    "offers_volunteers",
    "offers_knowledge",
    "offers_needs_text",
    "is_public",
)
RELATION_FIELDS = ("categories", "districts", "areas")
SEARCH_FIELDS = {"name", "description", *RELATION_FIELDS}


# --- helpers -----------------------------------------------------------------


def reindex_one(org: Organisation) -> None:
    from ..search import reindex

    reindex([org.pk])


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(name) or "forening")[:200]
    slug, n = base, 2
    taken = Organisation.objects.exclude(pk=exclude_pk).filter(slug__startswith=base)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        slug = f"{base}-{n}"
        n += 1
    return slug


def municipal_coordinator_ids() -> list[int]:
    return list(
        CoordinatorAssignment.objects.municipal()
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )


def org_admin_ids(org: Organisation) -> list[int]:
    return list(
        org.memberships.filter(role=Membership.Role.ADMIN).values_list("user_id", flat=True)
    )


def mail_after_commit(
    *,
    template: str,
    user_ids: Iterable[int] = (),
    emails: Iterable[str] = (),
    organisation: Organisation | None = None,
    context: Mapping[str, Any] | None = None,
) -> None:
    """Enqueue one mail per recipient once the transaction has committed."""
    from ..tasks import send_register_mail

    user_ids, emails = list(user_ids), list(emails)
    if not user_ids and not emails:
        return
    kwargs = {
        "template": template,
        "user_ids": user_ids,
        "emails": emails,
        "organisation_id": organisation.pk if organisation else None,
        "context": dict(context or {}),
    }
    transaction.on_commit(lambda: send_register_mail.delay(**kwargs))


def mail_org(org: Organisation, template: str, context=None) -> None:
    """To the organisation's administrators, or its own address when it has none."""
    admins = org_admin_ids(org)
    mail_after_commit(
        template=template,
        user_ids=admins,
        emails=[] if admins or not org.email else [org.email],
        organisation=org,
        context=context,
    )


def lock(org: Organisation) -> Organisation:
    """Lock the organisation row: serialises every change of its memberships."""
    return Organisation.objects.select_for_update().get(pk=org.pk)


def archived_message(org: Organisation) -> str:
    return _(
        "%(name)s is archived and cannot be changed. "
        "Contact the municipality if it should be restored."
    ) % {"name": org.name}


def refuse_archived(org: Organisation) -> None:
    """The one guard for archived associations: nothing a representative does
    applies to one until a coordinator restores it (``organisation_approve``)."""
    if org.status == Organisation.Status.ARCHIVED:
        raise RegisterError(archived_message(org))


def lock_for(org: Organisation, *, by, perm: str) -> Organisation:
    """Lock the organisation, then check the rule and the archived guard on the
    locked row: a check made before the lock lets a representative act who was
    demoted or removed while the change waited for it."""
    org = lock(org)
    refuse_archived(org)
    require(by, perm, org)
    return org


def admin_count(org: Organisation) -> int:
    return Membership.objects.filter(organisation=org, role=Membership.Role.ADMIN).count()


def require(user, perm: str, obj, message: str | None = None) -> None:
    """The rule in organisations/rules.py decides, as it does for views and admin.
    Its predicates query the database on every call (nothing is cached on the
    user), so after ``lock()`` the check sees the state the lock holds."""
    if not user.has_perm(perm, obj):
        raise RegisterError(message or _("You do not have permission to do that."))


def rate_limit(action: str, message: str, **keys: object) -> None:
    """Count the action against its limits (``PORTAL_RATE_LIMITS``); over one, a
    RegisterError whose ``message`` says, in ``%(wait)s``, how long to wait."""
    try:
        ratelimit.consume(action, **keys)
    except ratelimit.RateLimited as exc:
        wait = timeuntil(timezone.now() + timedelta(seconds=max(exc.retry_after, 60)))
        raise RegisterError(message % {"wait": wait}) from exc


def apply_fields(org: Organisation, data: Mapping[str, Any]) -> list[str]:
    """Set the editable fields found in ``data``; return the names that changed."""
    changed = []
    for field in ORGANISATION_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "logo":
            if value is None:  # no upload, nothing cleared
                continue
            if value is False:  # "clear" ticked
                value = ""
            elif value == org.logo:
                continue
        elif field == "organisation_number":
            value = normalise_organisation_number(value) if value else None
        if getattr(org, field) != value:
            setattr(org, field, value)
            changed.append(field)
    return changed


def set_relations(org: Organisation, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for field in RELATION_FIELDS:
        if field not in data:
            continue
        manager = getattr(org, field)
        new = {obj.pk for obj in data[field]}
        if set(manager.values_list("pk", flat=True)) != new:
            manager.set(list(new))
            changed.append(field)
    return changed
