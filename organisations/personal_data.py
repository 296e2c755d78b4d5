"""The register's personal data, for "download my data" and "delete my account"."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal import personal_data, sweeps
from portal.audit import audit_log

from .models import HAS_NO_CONTACT, Invitation, JoinRequest, Membership, Organisation

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def export_memberships(user) -> list[dict]:
    return [
        {
            "organisation": m.organisation.name,
            "role": m.role,
            "since": m.created_at,
        }
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]


def export_invitations(user) -> dict:
    def row(i):
        return {
            "organisation": i.organisation.name,
            "email": i.email,
            "role": i.role,
            "created_at": i.created_at,
            "accepted_at": i.accepted_at,
            "withdrawn_at": i.withdrawn_at,
        }

    qs = Invitation.objects.select_related("organisation")
    return {
        "sent": [row(i) for i in qs.filter(invited_by=user)],
        "received": [row(i) for i in qs.filter(email__iexact=user.email)],
    }


def export_join_requests(user) -> list[dict]:
    return [
        {
            "organisation": r.organisation.name,
            "message": r.message,
            "status": r.status,
            "created_at": r.created_at,
        }
        for r in JoinRequest.objects.filter(user=user).select_related("organisation")
    ]


def export_contact_person(user) -> list[dict]:
    return [
        {"organisation": o.name, **{f: getattr(o, f) for f in CONTACT_FIELDS}}
        for o in Organisation.objects.filter(contact_email__iexact=user.email)
    ]


def erase_memberships(user) -> None:
    """Never leaves an organisation without an administrator or a coordinator's
    attention: the longest-standing editor is promoted, or the organisation is
    flagged and the municipal coordinators are told."""
    from .services import handle_departing_admin
    from .services.common import lock

    with transaction.atomic():
        memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
        for membership in memberships:
            # Under the lock every change of the association's representatives takes.
            lock(membership.organisation)
            was_admin = membership.role == Membership.Role.ADMIN
            membership.delete()
            audit_log(
                actor=None,
                action="organisation.member_erased",
                target=membership.organisation,
                data={"role": membership.role},
            )
            if was_admin:
                handle_departing_admin(organisation=membership.organisation)


def erase_invitations(user) -> None:
    Invitation.objects.filter(email__iexact=user.email).delete()


def erase_join_requests(user) -> None:
    JoinRequest.objects.filter(user=user).delete()


def erase_contact_person(user) -> None:
    orgs = Organisation.objects.filter(contact_email__iexact=user.email)
    for org in orgs:
        audit_log(actor=None, action="organisation.contact_erased", target=org)
    orgs.update(contact_name="", contact_email="", contact_phone="", contact_is_public=False)


personal_data.register(
    "organisations.memberships",
    label=_("Associations you represent"),
    export=export_memberships,
    erase=erase_memberships,
    model=Membership,
    fields={"since": _("Since")},
)
personal_data.register(
    "organisations.invitations",
    label=_("Invitations to represent an association"),
    export=export_invitations,
    erase=erase_invitations,
    model=Invitation,
    fields={"sent": _("Invitations you sent"), "received": _("Invitations sent to you")},
)
personal_data.register(
    "organisations.join_requests",
    label=_("Requests to join an association"),
    export=export_join_requests,
    erase=erase_join_requests,
    model=JoinRequest,
)
personal_data.register(
    "organisations.contact_person",
    label=_("Contact person of an association"),
    export=export_contact_person,
    erase=erase_contact_person,
    model=Organisation,
    fields={"organisation": _("Association")},
)


# --- Retention --------------------------------------------------------------

INVITATION_RETENTION = timedelta(days=90)


@sweeps.register("organisations.purge_expired_invitations")
def purge_expired_invitations(now) -> int:
    """An invitation never accepted holds someone's e-mail address for nothing:
    delete it 90 days after it expired (the privacy page says so). Reads the
    unaccepted invitations by expiry (index invitation_unaccepted_expiry)."""
    deleted, _per_model = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lt=now - INVITATION_RETENTION
    ).delete()
    return deleted


ARCHIVED_CONTACT_RETENTION = timedelta(days=365)


@sweeps.register("organisations.erase_archived_contacts")
@transaction.atomic
def erase_archived_contacts(now) -> int:
    """An archived association is kept (the register's history), but its contact
    person is no longer needed: their name, e-mail and phone are erased a year after
    archiving (the privacy page says so). Approving it again clears ``archived_at``.
    Reads only archived associations that still have a contact person, by archiving
    date (index organisation_archived_contact)."""
    organisations = list(
        Organisation.objects.select_for_update()
        .filter(
            status=Organisation.Status.ARCHIVED,
            archived_at__lt=now - ARCHIVED_CONTACT_RETENTION,
        )
        .exclude(HAS_NO_CONTACT)
        .only("pk", "name")
    )
    for organisation in organisations:
        audit_log(
            actor=None,
            action="organisation.contact_erased",
            target=organisation,
            data={"reason": "archived"},
        )
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).update(
        contact_name="", contact_email="", contact_phone="", contact_is_public=False
    )
    return len(organisations)


JOIN_REQUEST_RETENTION = timedelta(days=90)


@sweeps.register("organisations.purge_decided_join_requests")
def purge_decided_join_requests(now) -> int:
    """A request to join that was accepted (the membership records the link) or
    declined holds a message nobody needs: deleted 90 days after the decision.
    Reads the answered requests by decision date (index joinrequest_decided)."""
    deleted, _per_model = (
        JoinRequest.objects.exclude(status=JoinRequest.Status.OPEN)
        .filter(decided_at__lt=now - JOIN_REQUEST_RETENTION)
        .delete()
    )
    return deleted
