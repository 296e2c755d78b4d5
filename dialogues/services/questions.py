"""Questions and topics associations send in before a meeting, for its agenda."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import Meeting, MeetingQuestion
from ..rules import associations_that_may_sign_up
from .registrations import RegistrationError


@transaction.atomic
def question_submit(*, meeting: Meeting, organisation, by, topic: str, text: str = ""):
    """Until the meeting starts, a representative of an association that may sign up
    sends in a question; the meeting's coordinators see them grouped by topic."""
    meetings = Meeting.objects.select_for_update(of=("self",)).select_related("forum")
    meeting = meetings.get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise RegistrationError(_("The meeting is cancelled."))
    if timezone.now() >= meeting.starts_at:
        raise RegistrationError(_("The meeting has already started."))
    org = associations_that_may_sign_up(by, meeting).filter(pk=organisation.pk).first()
    if org is None or not by.has_perm("dialogues.view_meeting", meeting):
        raise RegistrationError(
            _("You cannot send questions for this association."), field="organisation"
        )
    topic = " ".join(topic.split())
    if not topic:
        raise RegistrationError(_("Write what the question is about."), field="topic")
    question = MeetingQuestion.objects.create(
        meeting=meeting, organisation=org, submitted_by=by, topic=topic, text=text.strip()
    )
    audit_log(actor=by, action="question.submitted", target=question)
    return question
