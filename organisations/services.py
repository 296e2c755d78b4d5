"""Workflows of the association register: registering, approving, keeping the
data current, representatives and activities.

Every function is keyword-only and atomic, re-checks its guard and raises
``RegisterError`` (which views turn into a message), writes an audit row and
sends mail only after the transaction commits.
"""

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.audit import audit_log
from portal.models import CoordinatorAssignment

from .models import Activity, Invitation, JoinRequest, Membership, Organisation
from .validators import normalise_organisation_number


class RegisterError(Exception):
    """A guard of the register refused the change; ``message`` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


def _reindex(org: Organisation) -> None:
    from .search import reindex

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


def _municipal_coordinator_ids() -> list[int]:
    return list(
        CoordinatorAssignment.objects.municipal()
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )


def _org_admin_ids(org: Organisation) -> list[int]:
    return list(
        org.memberships.filter(role=Membership.Role.ADMIN).values_list("user_id", flat=True)
    )


def _mail_after_commit(
    *,
    template: str,
    user_ids: Iterable[int] = (),
    emails: Iterable[str] = (),
    organisation: Organisation | None = None,
    context: Mapping[str, Any] | None = None,
) -> None:
    """Enqueue one mail per recipient once the transaction has committed."""
    from .tasks import send_register_mail

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


def _mail_org(org: Organisation, template: str, context=None) -> None:
    """To the organisation's administrators, or its own address when it has none."""
    admins = _org_admin_ids(org)
    _mail_after_commit(
        template=template,
        user_ids=admins,
        emails=[] if admins or not org.email else [org.email],
        organisation=org,
        context=context,
    )


def _lock(org: Organisation) -> Organisation:
    """Lock the organisation row: serialises every change of its memberships."""
    return Organisation.objects.select_for_update().get(pk=org.pk)


def _admin_count(org: Organisation) -> int:
    return Membership.objects.filter(organisation=org, role=Membership.Role.ADMIN).count()


def _require(user, perm: str, obj, message: str | None = None) -> None:
    """The rule in organisations/rules.py decides, as it does for views and admin."""
    if not user.has_perm(perm, obj):
        raise RegisterError(message or _("You do not have permission to do that."))


def _apply(org: Organisation, data: Mapping[str, Any]) -> list[str]:
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


def _set_relations(org: Organisation, data: Mapping[str, Any]) -> list[str]:
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


# --- duplicates ----------------------------------------------------------------

_NOISE = re.compile(r"\b(ideella|ideell|föreningen|förening|forening|föreningar)\b")
_PUNCT = re.compile(r"[^\w ]+")


def normalise_name(name: str) -> str:
    name = _PUNCT.sub(" ", (name or "").lower())
    name = _NOISE.sub(" ", name)
    return " ".join(name.split())


NAME_SIMILARITY = 0.85
TRIGRAM_SIMILARITY = 0.5


def find_duplicates(
    *,
    name: str,
    organisation_number: str | None,
    district_ids: Iterable[int] = (),
    exclude_pk: int | None = None,
):
    """Organisations that are probably the same as the one described: the same
    organisation number, or a very similar name in one of the same districts.
    Archived ones are included (they may be revived by asking to join)."""
    qs = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects.all()
    match = Q(pk__in=[])
    number = normalise_organisation_number(organisation_number or "")
    if number:
        match |= Q(organisation_number=number)
    district_ids = [int(d) for d in district_ids]
    if name and district_ids:
        in_districts = qs.filter(districts__in=district_ids)
        similar = list(
            in_districts.annotate(similarity=TrigramSimilarity("name", name))
            .filter(similarity__gte=TRIGRAM_SIMILARITY)
            .values_list("pk", flat=True)
        )
        # The normalised comparison also catches what trigrams miss ("X-föreningen" vs "X").
        wanted = normalise_name(name)
        for pk, other in in_districts.values_list("pk", "name").distinct():
            ratio = difflib.SequenceMatcher(None, wanted, normalise_name(other)).ratio()
            if ratio >= NAME_SIMILARITY:
                similar.append(pk)
        match |= Q(pk__in=similar)
    return qs.filter(match).distinct().order_by("name")


# --- registering and the life of an organisation --------------------------------


@transaction.atomic
def organisation_register(*, data: Mapping[str, Any], user) -> Organisation:
    """A logged-in person registers an association: it is pending until approved."""
    if not user.is_authenticated:
        raise RegisterError(_("Log in to register an association."))
    org = Organisation(status=Organisation.Status.PENDING, created_by=user)
    _apply(org, data)
    for attempt in range(5):
        org.slug = unique_slug(org.name)
        if attempt:
            org.slug = f"{org.slug}-{attempt + 1}"
        try:
            with transaction.atomic():
                org.save()
            break
        except IntegrityError as exc:
            number = org.organisation_number
            if number and Organisation.objects.filter(organisation_number=number).exists():
                raise RegisterError(
                    _("An association with this organisation number is already registered.")
                ) from exc
            org.pk = None
    else:  # pragma: no cover - five slug collisions in a row
        raise RegisterError(_("Could not save the association; please try again."))
    _set_relations(org, data)
    Membership.objects.create(organisation=org, user=user, role=Membership.Role.ADMIN)
    audit_log(
        actor=user,
        action="organisation.registered",
        target=org,
        data={"name": org.name, "organisation_number": org.organisation_number},
    )
    _reindex(org)
    _mail_after_commit(
        template="organisations/emails/awaiting_approval",
        user_ids=_municipal_coordinator_ids(),
        organisation=org,
    )
    _mail_after_commit(
        template="organisations/emails/registered", user_ids=[user.pk], organisation=org
    )
    return org


@transaction.atomic
def organisation_approve(*, organisation: Organisation, by, message: str = "") -> Organisation:
    org = _lock(organisation)
    _require(
        by,
        "organisations.approve_organisation",
        org,
        _("Only a municipal coordinator can approve associations."),
    )
    if org.status == Organisation.Status.ACTIVE:
        raise RegisterError(_("%(name)s is already approved.") % {"name": org.name})
    now = timezone.now()
    previous = org.status
    org.status = Organisation.Status.ACTIVE
    org.status_reason = ""
    org.approved_at = now
    org.confirmed_at = now
    org.unconfirmed_since = None
    org.archived_at = None
    org.save(
        update_fields=[
            "status",
            "status_reason",
            "approved_at",
            "confirmed_at",
            "unconfirmed_since",
            "archived_at",
            "updated_at",
        ]
    )
    audit_log(
        actor=by,
        action="organisation.approved",
        target=org,
        data={"from": previous, "message": message},
    )
    _reindex(org)
    _mail_org(org, "organisations/emails/approved", {"message": message})
    return org


@transaction.atomic
def organisation_request_changes(*, organisation: Organisation, by, reason: str) -> Organisation:
    org = _lock(organisation)
    _require(
        by,
        "organisations.approve_organisation",
        org,
        _("Only a municipal coordinator can ask for changes."),
    )
    if org.status != Organisation.Status.PENDING:
        raise RegisterError(_("%(name)s is not awaiting approval.") % {"name": org.name})
    reason = (reason or "").strip()
    if not reason:
        raise RegisterError(_("Say what is missing."))
    org.status_reason = reason
    org.save(update_fields=["status_reason", "updated_at"])
    audit_log(
        actor=by, action="organisation.changes_requested", target=org, data={"reason": reason}
    )
    _mail_org(org, "organisations/emails/changes_requested", {"reason": reason})
    return org


@transaction.atomic
def organisation_archive(*, organisation: Organisation, by, reason: str) -> Organisation:
    org = _lock(organisation)
    _require(
        by,
        "organisations.approve_organisation",
        org,
        _("Only a municipal coordinator can archive associations."),
    )
    if org.status == Organisation.Status.ARCHIVED:
        raise RegisterError(_("%(name)s is already archived.") % {"name": org.name})
    reason = (reason or "").strip()
    if not reason:
        raise RegisterError(_("Give a reason for archiving."))
    previous = org.status
    org.status = Organisation.Status.ARCHIVED
    org.status_reason = reason
    org.archived_at = timezone.now()
    org.save(update_fields=["status", "status_reason", "archived_at", "updated_at"])
    audit_log(
        actor=by,
        action="organisation.archived",
        target=org,
        data={"from": previous, "reason": reason},
    )
    _reindex(org)
    _mail_org(org, "organisations/emails/archived", {"reason": reason})
    return org


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by, changes: Mapping[str, Any], confirm: bool = True
) -> Organisation:
    """A representative edits the data; saving also confirms it (yearly confirmation)."""
    _require(by, "organisations.change_organisation", organisation)
    org = _lock(organisation)
    changed = _apply(org, changes)
    if "name" in changed:
        org.slug = unique_slug(org.name, exclude_pk=org.pk)
    fields = [*changed, "updated_at"] + (["slug"] if "name" in changed else [])
    if confirm:
        org.confirmed_at = timezone.now()
        org.unconfirmed_since = None
        fields += ["confirmed_at", "unconfirmed_since"]
    org.save(update_fields=fields)
    changed += _set_relations(org, changes)
    audit_log(actor=by, action="organisation.updated", target=org, data={"fields": changed})
    if SEARCH_FIELDS.intersection(changed):
        _reindex(org)
    organisation.refresh_from_db()
    return org


@transaction.atomic
def organisation_confirm(*, organisation: Organisation, by) -> Organisation:
    _require(by, "organisations.change_organisation", organisation)
    org = _lock(organisation)
    org.confirmed_at = timezone.now()
    org.unconfirmed_since = None
    org.save(update_fields=["confirmed_at", "unconfirmed_since", "updated_at"])
    audit_log(actor=by, action="organisation.confirmed", target=org)
    organisation.confirmed_at, organisation.unconfirmed_since = org.confirmed_at, None
    return org


# --- representatives ---------------------------------------------------------------


@transaction.atomic
def membership_invite(
    *, organisation: Organisation, by, email: str, role: str = Membership.Role.EDITOR
) -> Invitation:
    _require(by, "organisations.manage_members", organisation)
    org = _lock(organisation)
    email = email.strip().lower()
    if Membership.objects.filter(organisation=org, user__email__iexact=email).exists():
        raise RegisterError(_("%(email)s already represents the association.") % {"email": email})
    if role not in Membership.Role.values:
        raise RegisterError(_("Choose a role."))
    invitation = Invitation.objects.create(organisation=org, email=email, role=role, invited_by=by)
    audit_log(
        actor=by,
        action="organisation.member_invited",
        target=org,
        data={"email": email, "role": role},
    )
    _mail_after_commit(
        template="organisations/emails/invitation",
        emails=[email],
        organisation=org,
        context={"token": invitation.token, "inviter": str(by), "role": role},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Any logged-in account may accept (people have several addresses), but only once."""
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").filter(token=token)
    ).first()
    if invitation is None or invitation.accepted_at is not None:
        raise RegisterError(_("This invitation has already been used or does not exist."))
    if invitation.is_expired:
        raise RegisterError(
            _("This invitation has expired. Ask the association to send a new one.")
        )
    org = _lock(invitation.organisation)
    if org.status == Organisation.Status.ARCHIVED:
        raise RegisterError(_("The association has been archived."))
    membership, created = Membership.objects.get_or_create(
        organisation=org, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.email = ""  # the address is no longer needed once accepted
    invitation.save(update_fields=["accepted_at", "email"])
    if membership.role == Membership.Role.ADMIN and org.needs_administrator:
        org.needs_administrator = False
        org.save(update_fields=["needs_administrator", "updated_at"])
    audit_log(
        actor=user,
        action="organisation.invitation_accepted",
        target=org,
        data={"invitation": invitation.pk, "role": membership.role},
    )
    return membership


def _guard_last_admin(org: Organisation, membership: Membership) -> None:
    if membership.role == Membership.Role.ADMIN and _admin_count(org) <= 1:
        raise RegisterError(
            _(
                "An association must always have at least one administrator. "
                "Make someone else administrator first."
            )
        )


@transaction.atomic
def membership_change_role(*, membership: Membership, by, role: str) -> Membership:
    _require(by, "organisations.manage_members", membership.organisation)
    org = _lock(membership.organisation)
    membership = Membership.objects.get(pk=membership.pk)
    if role not in Membership.Role.values:
        raise RegisterError(_("Choose a role."))
    if membership.role == role:
        return membership
    if role != Membership.Role.ADMIN:
        _guard_last_admin(org, membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    if role == Membership.Role.ADMIN and org.needs_administrator:
        org.needs_administrator = False
        org.save(update_fields=["needs_administrator", "updated_at"])
    audit_log(
        actor=by,
        action="organisation.member_role_changed",
        target=org,
        data={"user": membership.user_id, "from": previous, "to": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    _require(by, "organisations.manage_members", membership.organisation)
    org = _lock(membership.organisation)
    membership = Membership.objects.filter(pk=membership.pk).first()
    if membership is None:
        return
    _guard_last_admin(org, membership)
    membership.delete()
    audit_log(
        actor=by,
        action="organisation.member_removed",
        target=org,
        data={"user": membership.user_id, "role": membership.role},
    )


@transaction.atomic
def membership_leave(*, organisation: Organisation, user) -> None:
    org = _lock(organisation)
    membership = Membership.objects.filter(organisation=org, user=user).first()
    if membership is None:
        raise RegisterError(_("You do not represent this association."))
    _guard_last_admin(org, membership)
    membership.delete()
    audit_log(actor=user, action="organisation.member_left", target=org, data={"user": user.pk})


# --- asking to join an existing organisation ---------------------------------------


@transaction.atomic
def join_request_create(*, organisation: Organisation, user, message: str = "") -> JoinRequest:
    if organisation.memberships.filter(user=user).exists():
        raise RegisterError(_("You already represent this association."))
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(
                organisation=organisation, user=user, message=message.strip()
            )
    except IntegrityError as exc:
        raise RegisterError(
            _("You have already asked to join; the association will answer.")
        ) from exc
    audit_log(actor=user, action="organisation.join_requested", target=organisation)
    admins = _org_admin_ids(organisation)
    _mail_after_commit(
        template="organisations/emails/join_request",
        user_ids=admins or _municipal_coordinator_ids(),
        organisation=organisation,
        context={"requester": str(user), "message": request.message},
    )
    return request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, by, accept: bool) -> JoinRequest:
    _require(by, "organisations.manage_members", join_request.organisation)
    request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if request.status != JoinRequest.Status.OPEN:
        raise RegisterError(_("This request has already been answered."))
    org = _lock(request.organisation)
    request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    if accept:
        # An organisation without administrators (flagged for the coordinators) gets one.
        role = Membership.Role.ADMIN if not _admin_count(org) else Membership.Role.EDITOR
        Membership.objects.get_or_create(
            organisation=org, user_id=request.user_id, defaults={"role": role}
        )
        if role == Membership.Role.ADMIN and org.needs_administrator:
            org.needs_administrator = False
            org.save(update_fields=["needs_administrator", "updated_at"])
    audit_log(
        actor=by,
        action="organisation.join_request_decided",
        target=org,
        data={"user": request.user_id, "accepted": accept},
    )
    _mail_after_commit(
        template="organisations/emails/join_request_decided",
        user_ids=[request.user_id],
        organisation=org,
        context={"accepted": accept},
    )
    return request


# --- activities --------------------------------------------------------------------

ACTIVITY_FIELDS = ("title", "starts_at", "ends_at", "place", "district", "description", "url")


@transaction.atomic
def activity_create(*, organisation: Organisation, by, data: Mapping[str, Any]) -> Activity:
    _require(by, "organisations.add_activity", organisation)
    if organisation.status == Organisation.Status.ARCHIVED:
        raise RegisterError(_("An archived association cannot publish activities."))
    activity = Activity(organisation=organisation, created_by=by)
    for field in ACTIVITY_FIELDS:
        if field in data:
            setattr(activity, field, data[field])
    activity.save()
    audit_log(actor=by, action="activity.created", target=activity, data={"title": activity.title})
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by, data: Mapping[str, Any]) -> Activity:
    _require(by, "organisations.change_activity", activity)
    changed = []
    for field in ACTIVITY_FIELDS:
        if field in data and getattr(activity, field) != data[field]:
            setattr(activity, field, data[field])
            changed.append(field)
    activity.save()
    audit_log(actor=by, action="activity.updated", target=activity, data={"fields": changed})
    return activity


@transaction.atomic
def activity_cancel(*, activity: Activity, by) -> Activity:
    _require(by, "organisations.change_activity", activity)
    if activity.is_cancelled:
        raise RegisterError(_("The activity is already cancelled."))
    activity.is_cancelled = True
    activity.save(update_fields=["is_cancelled", "updated_at"])
    audit_log(actor=by, action="activity.cancelled", target=activity)
    return activity


# --- used by personal data erasure -------------------------------------------------


def handle_departing_admin(*, organisation: Organisation) -> None:
    """After a membership was removed: if no administrator is left, promote the
    longest-standing editor, else flag the organisation for the coordinators."""
    org = _lock(organisation)
    if _admin_count(org):
        return
    editor = (
        Membership.objects.filter(organisation=org, role=Membership.Role.EDITOR)
        .order_by("created_at", "pk")
        .first()
    )
    if editor is not None:
        editor.role = Membership.Role.ADMIN
        editor.save(update_fields=["role"])
        audit_log(
            actor=None,
            action="organisation.admin_promoted",
            target=org,
            data={"user": editor.user_id, "reason": "last administrator left"},
        )
        return
    org.needs_administrator = True
    org.save(update_fields=["needs_administrator", "updated_at"])
    audit_log(actor=None, action="organisation.needs_administrator", target=org)
    _mail_after_commit(
        template="organisations/emails/needs_administrator",
        user_ids=_municipal_coordinator_ids(),
        organisation=org,
    )


def site_url(path: str) -> str:
    return settings.SITE_URL + path
