"""Representatives: invitations, roles, leaving, asking to join, and what
happens when the last administrator goes."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import (
    JOIN_MESSAGE_MAX_LENGTH,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
)
from .common import (
    RegisterError,
    admin_count,
    lock,
    lock_for,
    mail_after_commit,
    municipal_coordinator_ids,
    org_admin_ids,
    rate_limit,
    refuse_archived,
)


@transaction.atomic
def membership_invite(
    *, organisation: Organisation, by, email: str, role: str = Membership.Role.EDITOR
) -> Invitation:
    """Mail an invitation to represent the association. The mail reaches any address,
    so only an approved association invites, and only within PORTAL_RATE_LIMITS: a
    new account must not make the portal send its words to a list of strangers."""
    org = lock_for(organisation, by=by, perm="organisations.manage_members")
    if org.status == Organisation.Status.PENDING:
        raise RegisterError(
            _("The association can invite representatives once a coordinator has approved it.")
        )
    email = email.strip().lower()
    if Membership.objects.filter(organisation=org, user__email__iexact=email).exists():
        raise RegisterError(_("%(email)s already represents the association.") % {"email": email})
    if role not in Membership.Role.values:
        raise RegisterError(_("Choose a role."))
    rate_limit(
        "organisations.invitation",
        _("Many invitations have been sent in a short time. You can send more in %(wait)s."),
        user=by.pk,
        organisation=org.pk,
    )
    invitation = Invitation.objects.create(organisation=org, email=email, role=role, invited_by=by)
    audit_log(
        actor=by,
        action="organisation.member_invited",
        target=org,
        data={"email": email, "role": role},
    )
    mail_after_commit(
        template="organisations/emails/invitation",
        emails=[email],
        organisation=org,
        context={
            "token": invitation.token,
            "inviter_name": by.get_full_name(),
            "inviter_email": by.email,
        },
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Accept once, with an account that has verified the address the invitation was
    sent to (people with several addresses add it to their account first)."""
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").filter(token=token)
    ).first()
    if invitation is None or invitation.accepted_at is not None:
        raise RegisterError(_("This invitation has already been used or does not exist."))
    if invitation.is_expired:
        raise RegisterError(
            _("This invitation has expired. Ask the association to send a new one.")
        )
    org = lock(invitation.organisation)
    refuse_archived(org)
    if not invitation.is_addressed_to(user):
        raise RegisterError(
            _(
                "This invitation was sent to another e-mail address. Add that address to "
                "your account and confirm it, or log in with the account that has it."
            )
        )
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
    if membership.role == Membership.Role.ADMIN and admin_count(org) <= 1:
        raise RegisterError(
            _(
                "An association must always have at least one administrator. "
                "Make someone else administrator first."
            )
        )


def _current(org: Organisation, membership: Membership) -> Membership:
    """The membership as it is under the organisation's lock: it may have gone
    (the person left or was removed) while this change waited."""
    current = Membership.objects.filter(pk=membership.pk, organisation=org).first()
    if current is None:
        raise RegisterError(
            _("%(user)s no longer represents the association.") % {"user": membership.user}
        )
    return current


@transaction.atomic
def membership_change_role(*, membership: Membership, by, role: str) -> Membership:
    org = lock_for(membership.organisation, by=by, perm="organisations.manage_members")
    membership = _current(org, membership)
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
    org = lock_for(membership.organisation, by=by, perm="organisations.manage_members")
    membership = _current(org, membership)
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
    """Open on an archived association too: leaving concerns the person."""
    org = lock(organisation)
    membership = Membership.objects.filter(organisation=org, user=user).first()
    if membership is None:
        raise RegisterError(_("You do not represent this association."))
    _guard_last_admin(org, membership)
    membership.delete()
    audit_log(actor=user, action="organisation.member_left", target=org, data={"user": user.pk})


# --- asking to join an existing organisation ---------------------------------------


@transaction.atomic
def join_request_create(*, organisation: Organisation, user, message: str = "") -> JoinRequest:
    """Ask to represent an association. Its administrators (or, when it has none, the
    municipal coordinators) get a mail quoting the message, so the message is
    length-limited and asking is within PORTAL_RATE_LIMITS."""
    refuse_archived(organisation)
    message = message.strip()
    if len(message) > JOIN_MESSAGE_MAX_LENGTH:
        raise RegisterError(
            _("The message may be at most %(limit)s characters long.")
            % {"limit": JOIN_MESSAGE_MAX_LENGTH}
        )
    if organisation.memberships.filter(user=user).exists():
        raise RegisterError(_("You already represent this association."))
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(
                organisation=organisation, user=user, message=message
            )
    except IntegrityError as exc:
        raise RegisterError(
            _("You have already asked to join; the association will answer.")
        ) from exc
    rate_limit(
        "organisations.join_request",
        _("Many requests to join have been sent in a short time. You can ask again in %(wait)s."),
        user=user.pk,
        organisation=organisation.pk,
    )
    audit_log(actor=user, action="organisation.join_requested", target=organisation)
    admins = org_admin_ids(organisation)
    mail_after_commit(
        template="organisations/emails/join_request",
        user_ids=admins or municipal_coordinator_ids(),
        organisation=organisation,
        context={
            "requester_name": user.get_full_name(),
            "requester_email": user.email,
            "message": request.message,
        },
    )
    return request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, by, accept: bool) -> JoinRequest:
    org = lock_for(join_request.organisation, by=by, perm="organisations.manage_members")
    request = JoinRequest.objects.select_for_update().filter(pk=join_request.pk).first()
    if request is None or request.status != JoinRequest.Status.OPEN:
        raise RegisterError(_("This request has already been answered."))
    request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    if accept:
        # An organisation without administrators (flagged for the coordinators) gets one.
        role = Membership.Role.ADMIN if not admin_count(org) else Membership.Role.EDITOR
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
    # A declined asker who may not see the association (it awaits approval, or is
    # not public) learns the answer, not its name.
    named = request.user.has_perm("organisations.view_organisation", org)
    mail_after_commit(
        template="organisations/emails/join_request_decided",
        user_ids=[request.user_id],
        organisation=org,
        context={"accepted": accept, "named": named},
    )
    return request


# --- used by personal data erasure -------------------------------------------------


def handle_departing_admin(*, organisation: Organisation) -> None:
    """After a membership was removed: if no administrator is left, promote the
    longest-standing editor, else flag the organisation for the coordinators."""
    org = lock(organisation)
    if admin_count(org):
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
    mail_after_commit(
        template="organisations/emails/needs_administrator",
        user_ids=municipal_coordinator_ids(),
        organisation=org,
    )
