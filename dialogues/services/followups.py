"""Changes to a follow-up item that participants hear about: a new status or an
answer. Each change is audited; once the meeting's minutes are out, it is also
mailed once to everyone who took part (before that, the minutes' own mail tells
them, with the items, and publishing the minutes publishes the answers)."""

from django.db import transaction
from django.utils import timezone

from portal.audit import audit_log

from ..models import FollowUpItem, Meeting
from .minutes import tell_participants

TOLD_FIELDS = ("status", "answer")


@transaction.atomic
def follow_up_changed(*, item: FollowUpItem, before: dict, by) -> bool:
    """Call after ``item`` was saved with ``before`` its old status and answer:
    when either changed and the minutes are published, publish the answer and
    tell the participants. Returns whether anyone was told."""
    changed = [f for f in TOLD_FIELDS if before.get(f) != getattr(item, f)]
    if not changed:
        return False
    item = FollowUpItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if item.meeting.status != Meeting.Status.MINUTES_PUBLISHED:
        audit_log(
            actor=by,
            action="follow_up.changed",
            target=item,
            data={"changed": changed, "status": item.status, "told": False},
        )
        return False
    if item.answer.strip() or item.status == FollowUpItem.Status.WONT_DO:  # the reason answers
        item.answer_published_at = timezone.now()
        item.save(update_fields=["answer_published_at", "updated_at"])
    audit_log(
        actor=by,
        action="follow_up.changed",
        target=item,
        data={"changed": changed, "status": item.status},
    )
    tell_participants(item.meeting, "follow_up_changed", item_id=item.pk)
    return True
