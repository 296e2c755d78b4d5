"""Publishing a meeting's minutes: the meeting becomes "minutes published", the
answers of its follow-up items are published with them, the participants are
told once each, and the forum's next meeting takes over the items still
unresolved (the "from earlier meetings" list)."""

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import FollowUpItem, Meeting, Registration


class MinutesError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def participant_ids(meeting: Meeting) -> list[int]:
    """The people who took part: whoever signed up a confirmed registration,
    each once."""
    return list(
        Registration.objects.confirmed()
        .filter(meeting=meeting, registered_by__is_active=True)
        .order_by("registered_by_id")
        .values_list("registered_by_id", flat=True)
        .distinct()
    )


def tell_participants(meeting: Meeting, template: str, item_id: int | None = None) -> None:
    """One task per participant, enqueued after commit."""
    from ..tasks import send_follow_up_mail

    for user_id in participant_ids(meeting):
        transaction.on_commit(
            partial(
                send_follow_up_mail.delay,
                template=template,
                meeting_id=meeting.pk,
                user_id=user_id,
                item_id=item_id,
            )
        )


@transaction.atomic
def publish_minutes(*, meeting: Meeting, by) -> Meeting:
    """Publish the minutes of a held meeting (text or PDF). Refused for a meeting
    not held, already published or with no minutes."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.MINUTES_PUBLISHED:
        raise MinutesError(_("The minutes are already published."))
    if meeting.status != Meeting.Status.HELD:
        raise MinutesError(_("Minutes can be published only for a meeting that was held."))
    if not meeting.minutes.strip() and not meeting.minutes_file:
        raise MinutesError(_("Write the minutes or attach them as PDF first."), "minutes")
    meeting.status = Meeting.Status.MINUTES_PUBLISHED
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["status", "minutes_published_at", "updated_at"])
    # The answers (and reasons for what will not be done) written before are
    # published with the minutes, and told in their mail.
    meeting.follow_ups.filter(answer_published_at__isnull=True).filter(
        ~Q(answer="") | Q(status=FollowUpItem.Status.WONT_DO)
    ).update(answer_published_at=meeting.minutes_published_at)
    carried = (
        FollowUpItem.objects.unresolved()
        .filter(meeting__forum=meeting.forum, meeting__starts_at__lt=meeting.starts_at)
        .exclude(meeting=meeting)
        .update(carried_to=meeting)
    )
    audit_log(
        actor=by,
        action="meeting.minutes_published",
        target=meeting,
        data={"carried_over": carried},
    )
    tell_participants(meeting, "minutes_published")
    return meeting
