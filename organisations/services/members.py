"""Representatives: invitations, roles, leaving, asking to join, and what
happens when the last administrator goes."""

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import (
    INVITATION_VALIDITY,
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
    new account must not make the portal send its words to a list of strangers.
    An address already invited and not answered gets that invitation again (renewed,
    with the role now asked for), never a second one."""
    org = lock_for(organisation, by=by, perm="organisations.manage_members")
    _refuse_pending(org)
    email = email.strip().lower()
    if Membership.objects.filter(organisation=org, user__email__iexact=email).exists():
        raise RegisterError(_("%(email)s already represents the association.") % {"email": email})
    if role not in Membership.Role.values:
        raise RegisterError(_("Choose a role."))
    _count_invitation(org, by)
    existing = (
        Invitation.objects.select_for_update()
        .unanswered()
        .filter(organisation=org, email__iexact=email)
        .first()
    )
    if existing is not None:
        return _send_again(existing, org=org, by=by, role=role)
    invitation = Invitation.objects.create(organisation=org, email=email, role=role, invited_by=by)
    audit_log(
        actor=by,
        action="organisation.member_invited",
        target=org,
        # The address is personal data, erased from the invitation once answered:
        # the append-only log keeps the invitation's id, never the address.
        data={"invitation": invitation.pk, "role": role},
    )
    _mail_invitation(invitation, org=org, by=by)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """Send an unanswered invitation again: the same link, valid for another
    INVITATION_VALIDITY from now (an expired one comes back to life)."""
    org = lock_for(invitation.organisation, by=by, perm="organisations.manage_members")
    _refuse_pending(org)
    current = _unanswered(org, invitation)
    _count_invitation(org, by)
    return _send_again(current, org=org, by=by, role=current.role)


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by) -> Invitation:
    """Take an invitation back: its link stops working (the page says it was
    withdrawn) and the address it was sent to is erased at once."""
    org = lock_for(invitation.organisation, by=by, perm="organisations.manage_members")
    current = _unanswered(org, invitation)
    current.withdrawn_at = timezone.now()
    current.email = ""
    current.save(update_fields=["withdrawn_at", "email"])
    audit_log(
        actor=by,
        action="organisation.invitation_withdrawn",
        target=org,
        data={"invitation": current.pk, "role": current.role},
    )
    return current


def _unanswered(org: Organisation, invitation: Invitation) -> Invitation:
    """The invitation as it is under the organisation's lock: it may have been
    accepted or withdrawn while this change waited."""
    current = (
        Invitation.objects.select_for_update().filter(pk=invitation.pk, organisation=org).first()
    )
    if current is None or current.accepted_at is not None:
        raise RegisterError(_("The invitation has already been accepted."))
    if current.withdrawn_at is not None:
        raise RegisterError(_("The invitation has already been withdrawn."))
    return current


def _refuse_pending(org: Organisation) -> None:
    if org.status == Organisation.Status.PENDING:
        raise RegisterError(
            _("The association can invite representatives once a coordinator has approved it.")
        )


def _count_invitation(org: Organisation, by) -> None:
    """Every invitation mail counts against the limits, a new invitation or one
    sent again."""
    rate_limit(
        "organisations.invitation",
        _("Many invitations have been sent in a short time. You can send more in %(wait)s."),
        user=by.pk,
        organisation=org.pk,
    )


def _send_again(invitation: Invitation, *, org: Organisation, by, role: str) -> Invitation:
    """Renew the invitation (counted by the caller): valid for INVITATION_VALIDITY
    from now, in the name of the one who sends it this time."""
    now = timezone.now()
    invitation.role = role
    invitation.invited_by = by
    invitation.resent_at = now
    invitation.expires_at = now + INVITATION_VALIDITY
    invitation.save(update_fields=["role", "invited_by", "resent_at", "expires_at"])
    audit_log(
        actor=by,
        action="organisation.invitation_resent",
        target=org,
        data={"invitation": invitation.pk, "role": role},
    )
    _mail_invitation(invitation, org=org, by=by)
    return invitation


def _mail_invitation(invitation: Invitation, *, org: Organisation, by) -> None:
    mail_after_commit(
        template="organisations/emails/invitation",
        emails=[invitation.email],
        organisation=org,
        context={
            "token": invitation.token,
            "inviter_name": by.get_full_name(),
            "inviter_email": by.email,
        },
    )


def _settle_invitations(org: Organisation, user) -> None:
    """Once someone represents the association, the invitations still waiting at any
    of their confirmed addresses are answered: they leave the list of those not
    answered, their links stop working and the addresses are erased."""
    addresses = [
        address.upper()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]
    (
        Invitation.objects.unanswered()
        .alias(address=Upper("email"))
        .filter(organisation=org, address__in=addresses)
        .update(accepted_at=timezone.now(), email="")
    )


def invitation_withdrawn_message() -> str:
    return _(
        "The association has withdrawn this invitation. "
        "Ask the association if you should still represent it."
    )


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Accept once, with an account that has verified the address the invitation was
    sent to (people with several addresses add it to their account first)."""
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").filter(token=token)
    ).first()
    if invitation is not None and invitation.withdrawn_at is not None:
        raise RegisterError(invitation_withdrawn_message())
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
    _settle_invitations(org, user)
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


def last_admin_refusal(membership: Membership) -> str | None:
    """Why this membership may not end or lose its administrator role, or None. The
    services ask it under the lock; a confirmation page asks it first, so that it
    does not offer what would be refused."""
    if membership.role == Membership.Role.ADMIN and admin_count(membership.organisation) <= 1:
        return _(
            "An association must always have at least one administrator. "
            "Make someone else administrator first."
        )
    return None


def _guard_last_admin(org: Organisation, membership: Membership) -> None:
    refusal = last_admin_refusal(membership)
    if refusal:
        raise RegisterError(refusal)


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
        _settle_invitations(org, request.user)
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
