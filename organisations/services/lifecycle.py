"""The life of an association: duplicates, registering, approval, changes
asked for, archiving, editing and the yearly confirmation."""

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log, field_changes

from ..models import Membership, Organisation
from ..uploads import delete_replaced_logo
from ..validators import normalise_organisation_number
from .common import (
    ORGANISATION_FIELDS,
    SEARCH_FIELDS,
    AlreadyRegistered,
    RegisterError,
    apply_fields,
    lock,
    lock_for,
    mail_after_commit,
    mail_org,
    municipal_coordinator_ids,
    reindex_one,
    require,
    set_relations,
    unique_slug,
)

_NOISE = re.compile(r"\b(ideella|ideell|föreningen|förening|forening|föreningar)\b")
_PUNCT = re.compile(r"[^\w ]+")


def normalise_name(name: str) -> str:
    name = _PUNCT.sub(" ", (name or "").lower())
    name = _NOISE.sub(" ", name)
    return " ".join(name.split())


NAME_SIMILARITY = 0.85
TRIGRAM_SIMILARITY = 0.5
NAME_CANDIDATES = 50


def _very_similar_names(qs, name: str) -> list[int]:
    """Organisations anywhere in the register whose name is very similar to ``name``
    once normalised ("Föreningen X!" is "x"). The trigram index finds those whose
    name holds most of the name's trigrams (word similarity, pg_trgm's 0.6), the
    normalised comparison decides, so a shared common word ("Schackklubb") is not
    a match."""
    wanted = normalise_name(name)
    if not wanted:
        return []
    candidates = (
        qs.filter(name__trigram_word_similar=wanted)
        .annotate(word_similarity=TrigramWordSimilarity(wanted, "name"))
        .order_by("-word_similarity")
        .values_list("pk", "name")[:NAME_CANDIDATES]
    )
    return [
        pk
        for pk, other in candidates
        if difflib.SequenceMatcher(None, wanted, normalise_name(other)).ratio() >= NAME_SIMILARITY
    ]


def find_duplicates(
    *,
    name: str,
    organisation_number: str | None,
    district_ids: Iterable[int] = (),
    exclude_pk: int | None = None,
):
    """Organisations that are probably the same as the one described: the same
    organisation number; a very similar name, whatever the districts (a second
    registration often leaves them out or picks others); or, in one of the same
    districts, a similar one. Archived ones are included (they may be revived)."""
    qs = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects.all()
    match = Q(pk__in=[])
    number = normalise_organisation_number(organisation_number or "")
    if number:
        match |= Q(organisation_number=number)
    if name:
        match |= Q(pk__in=_very_similar_names(qs, name))
    district_ids = [int(d) for d in district_ids]
    if name and district_ids:
        similar = (
            qs.filter(districts__in=district_ids)
            .annotate(similarity=TrigramSimilarity("name", name))
            .filter(similarity__gte=TRIGRAM_SIMILARITY)
        )
        match |= Q(pk__in=similar.values("pk"))
    return qs.filter(match).distinct().order_by("name")


# --- registering and the life of an organisation --------------------------------


@transaction.atomic
def organisation_register(
    *, data: Mapping[str, Any], user, token: UUID | None = None
) -> Organisation:
    """A logged-in person registers an association: it is pending until approved.

    ``token`` is the registration form's one-time token: one submission, one
    association. A second one with the same token, even sent at the same moment,
    raises AlreadyRegistered with the first's association (the unique column
    decides; the second insert waits for the first to commit)."""
    if not user.is_authenticated:
        raise RegisterError(_("Log in to register an association."))
    org = Organisation(
        status=Organisation.Status.PENDING, created_by=user, registration_token=token
    )
    apply_fields(org, data)
    for attempt in range(5):
        org.slug = unique_slug(org.name)
        if attempt:
            org.slug = f"{org.slug}-{attempt + 1}"
        try:
            with transaction.atomic():
                org.save()
            break
        except IntegrityError as exc:
            first = Organisation.objects.registered_with(token).first()
            if first is not None:
                raise AlreadyRegistered(first) from exc
            number = org.organisation_number
            if number and Organisation.objects.filter(organisation_number=number).exists():
                raise RegisterError(
                    _("An association with this organisation number is already registered.")
                ) from exc
            org.pk = None
    else:  # pragma: no cover - five slug collisions in a row
        raise RegisterError(_("Could not save the association; please try again."))
    set_relations(org, data)
    Membership.objects.create(organisation=org, user=user, role=Membership.Role.ADMIN)
    audit_log(
        actor=user,
        action="organisation.registered",
        target=org,
        data={"name": org.name, "organisation_number": org.organisation_number},
    )
    reindex_one(org)
    mail_after_commit(
        template="organisations/emails/awaiting_approval",
        user_ids=municipal_coordinator_ids(),
        organisation=org,
    )
    mail_after_commit(
        template="organisations/emails/registered", user_ids=[user.pk], organisation=org
    )
    return org


@transaction.atomic
def organisation_approve(*, organisation: Organisation, by, message: str = "") -> Organisation:
    org = lock(organisation)
    require(
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
    reindex_one(org)
    mail_org(org, "organisations/emails/approved", {"message": message})
    return org


@transaction.atomic
def organisation_request_changes(*, organisation: Organisation, by, reason: str) -> Organisation:
    org = lock(organisation)
    require(
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
    mail_org(org, "organisations/emails/changes_requested", {"reason": reason})
    return org


@transaction.atomic
def organisation_archive(*, organisation: Organisation, by, reason: str) -> Organisation:
    org = lock(organisation)
    require(
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
    reindex_one(org)
    mail_org(org, "organisations/emails/archived", {"reason": reason})
    return org


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by, changes: Mapping[str, Any], confirm: bool = True
) -> Organisation:
    """A representative edits the data; saving also confirms it (yearly confirmation)."""
    org = lock_for(organisation, by=by, perm="organisations.change_organisation")
    old_logo = org.logo.name
    before = {name: getattr(org, name) for name in ORGANISATION_FIELDS}
    changed = apply_fields(org, changes)
    if "name" in changed:
        org.slug = unique_slug(org.name, exclude_pk=org.pk)
    fields = [*changed, "updated_at"] + (["slug"] if "name" in changed else [])
    if confirm:
        org.confirmed_at = timezone.now()
        org.unconfirmed_since = None
        fields += ["confirmed_at", "unconfirmed_since"]
    org.save(update_fields=fields)
    delete_replaced_logo(old_logo, org)
    after = {name: getattr(org, name) for name in changed}
    changed += set_relations(org, changes)
    audit_log(
        actor=by,
        action="organisation.updated",
        target=org,
        data={"changes": field_changes(before, after, changed, keep=Organisation.audit_values)},
    )
    if SEARCH_FIELDS.intersection(changed):
        reindex_one(org)
    organisation.refresh_from_db()
    return org


@transaction.atomic
def organisation_confirm(*, organisation: Organisation, by) -> Organisation:
    org = lock_for(organisation, by=by, perm="organisations.change_organisation")
    org.confirmed_at = timezone.now()
    org.unconfirmed_since = None
    org.save(update_fields=["confirmed_at", "unconfirmed_since", "updated_at"])
    audit_log(actor=by, action="organisation.confirmed", target=org)
    organisation.confirmed_at, organisation.unconfirmed_since = org.confirmed_at, None
    return org
