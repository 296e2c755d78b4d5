"""Inviting associations to a meeting. A coordinator picks them by category and
district, by the forum's participants or by name; each invited association's
representatives (or, when it has none, its own address) are mailed once per
meeting, however often the invitation is sent: the invitation row is unique per
meeting and association, and each mail is a row of the core's delivery log with
its unique key (portal.reminders), sent by one task per recipient after commit."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Membership, Organisation
from portal.audit import audit_log
from portal.reminders import register_kind, reminders_schedule_each

from ..models import Meeting, MeetingInvitation

INVITATION = "dialogues.meeting_invitation"


class InvitationError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _invitation_context(delivery) -> dict:
    from ..tasks import meeting_links

    invitation = delivery.target
    return {
        "invitation": invitation,
        "meeting": invitation.meeting,
        "organisation": invitation.organisation,
        **meeting_links(invitation.meeting, invitation.organisation),
    }


register_kind(
    INVITATION,
    label=gettext_lazy("Invitation to a forum meeting"),
    template="dialogues/emails/invitation",
    context=_invitation_context,
)


def invitation_candidates(
    *, meeting: Meeting, categories=(), districts=(), forum_members=False, organisations=()
):
    """The active associations the choices pick: those in the chosen categories and
    districts (both, when both are chosen), plus the forum's participants when asked,
    plus those named. One query; empty when nothing is chosen."""
    picked = Q(pk__in=[])
    if categories or districts:
        by_kind = Q()
        if categories:
            by_kind &= Q(categories__in=categories)
        if districts:
            by_kind &= Q(districts__in=districts)
        picked |= Q(pk__in=Organisation.objects.filter(by_kind).values("pk"))
    if forum_members:
        picked |= Q(forum_memberships__forum=meeting.forum_id)
    if organisations:
        picked |= Q(pk__in=[o.pk if hasattr(o, "pk") else o for o in organisations])
    return Organisation.objects.active().filter(
        pk__in=Organisation.objects.filter(picked).values("pk")
    )


@transaction.atomic
def meeting_invite(*, meeting: Meeting, by, organisations, criteria=None) -> tuple[int, int, int]:
    """Invite ``organisations`` (a queryset) and mail each one's representatives
    once. Returns (associations newly invited, already invited, mails scheduled)."""
    meetings = Meeting.objects.select_for_update(of=("self",)).select_related("forum")
    meeting = meetings.get(pk=meeting.pk)
    if not by.has_perm("dialogues.invite_to_meeting", meeting):
        raise InvitationError(_("You do not have permission to do that."))
    if meeting.is_cancelled:
        raise InvitationError(_("The meeting is cancelled."))
    if meeting.starts_at <= timezone.now():
        raise InvitationError(_("The meeting has already started."))
    chosen = list(organisations.values_list("pk", flat=True))
    if not chosen:
        raise InvitationError(
            _("The choices give no association: an invitation to nobody is not sent.")
        )
    invitations = MeetingInvitation.objects.filter(meeting=meeting, organisation_id__in=chosen)
    already = invitations.count()  # under the meeting's lock: no other run is between
    MeetingInvitation.objects.bulk_create(
        [MeetingInvitation(meeting=meeting, organisation_id=pk, invited_by=by) for pk in chosen],
        ignore_conflicts=True,
    )
    # Each delivery's key: the invitation, the recipient and the day it was made, so
    # a second run finds every mail recorded, and a representative who joined since
    # is mailed too. The recipient columns come from the join the filter made.
    due = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    to_representatives = reminders_schedule_each(
        kind=INVITATION,
        queryset=invitations.filter(organisation__memberships__user__is_active=True),
        recipient="organisation__memberships__user_id",
        email="organisation__memberships__user__email",
        due=due,
    )
    to_associations = reminders_schedule_each(
        kind=INVITATION,
        queryset=invitations.exclude(organisation__email="").exclude(
            Exists(Membership.objects.filter(organisation=OuterRef("organisation_id")))
        ),
        email="organisation__email",
        due=due,
    )
    mails = len(to_representatives) + len(to_associations)
    audit_log(
        actor=by,
        action="meeting.invited",
        target=meeting,
        data={
            "invited": len(chosen) - already,
            "already": already,
            "mails": mails,
            "criteria": criteria or {},
        },
    )
    return len(chosen) - already, already, mails
