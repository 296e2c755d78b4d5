"""Writing, submitting and reviewing the follow-up reports of an agreement.

Every change takes the report's row lock, then checks the permission and the status
on the locked row, so a double click or two reviewers at once give a domain error
(a message), never a second version. Mail goes to the other side after commit, one
task per recipient (partnerships.tasks.send_report_mail)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import ReportAttachment, ReportDue, ReportVersion

MAX_ATTACHMENTS = 10


class ReportError(Exception):
    """A guard refused the change; ``message`` is for the user, ``field`` the form
    field it concerns (None for the whole form)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def check_content(*, report: ReportDue, answers, participants, volunteer_hours, complete: bool):
    """Figures are never negative; a report to submit answers every question and
    gives the figures the plan asks for. Raises ReportError for the first field."""
    for name, value in (("participants", participants), ("volunteer_hours", volunteer_hours)):
        if value is not None and value < 0:
            raise ReportError(_("The number cannot be negative."), field=name)
    if not complete:
        return
    for index, _question in enumerate(report.question_list()):
        if index >= len(answers) or not str(answers[index]).strip():
            raise ReportError(_("Answer the question before you submit."), field=f"answer_{index}")
    if report.asks_participants and participants is None:
        raise ReportError(_("Give the number of participants."), field="participants")
    if report.asks_volunteer_hours and volunteer_hours is None:
        raise ReportError(_("Give the number of volunteer hours."), field="volunteer_hours")


def _lock(report: ReportDue) -> ReportDue:
    locked = (
        ReportDue.objects.select_for_update(of=("self",))
        .select_related("agreement")
        .filter(pk=report.pk)
        .first()
    )
    if locked is None:
        raise ReportError(_("The report no longer exists."))
    return locked


def _require(by, perm: str, report: ReportDue) -> None:
    if not by.has_perm(perm, report):
        raise ReportError(_("You may not do that with this report."))


def representatives(report: ReportDue):
    """The active accounts representing a party of the report's agreement."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation__agreement_parties__agreement_id=report.agreement_id,
        )
        .distinct()
    )


def reviewers(report: ReportDue):
    """The officials and coordinators of the agreement's departments; the municipal
    coordinators when the agreement has none of either."""
    from portal.models import CoordinatorAssignment
    from portal.roles import OFFICIAL

    users = get_user_model().objects.filter(is_active=True)
    departments = report.agreement.departments.values("pk")
    found = users.filter(
        Q(groups__name=OFFICIAL, department__in=departments)
        | Q(pk__in=CoordinatorAssignment.objects.filter(department__in=departments).values("user"))
    ).distinct()
    if found.exists():
        return found
    return users.filter(pk__in=CoordinatorAssignment.objects.municipal().values("user")).distinct()


def _mail(template: str, report: ReportDue, recipients, *, by) -> None:
    from ..tasks import send_report_mail

    ids = [pk for pk in recipients.values_list("pk", flat=True) if pk != by.pk]
    transaction.on_commit(
        lambda: [
            send_report_mail.delay(template=template, report_id=report.pk, user_id=pk) for pk in ids
        ]
    )


def _save_content(report, *, answers, participants, volunteer_hours, files, by) -> list[str]:
    report.answers = [str(a) for a in answers]
    report.participants = participants
    report.volunteer_hours = volunteer_hours
    files = [f for f in files if f]
    if report.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ReportError(
            _("A report may have at most %(max)s attachments.") % {"max": MAX_ATTACHMENTS},
            field="attachment",
        )
    for upload in files:
        ReportAttachment.objects.create(
            report=report,
            file=upload,
            name=upload.name[:200],
            content_type=getattr(upload, "content_type_checked", "application/octet-stream"),
            size=upload.size,
        )
    return [f.name for f in files]


@transaction.atomic
def report_save_draft(
    *, report: ReportDue, by, answers, participants, volunteer_hours, files=()
) -> ReportDue:
    """Keep what the representative has written, without submitting it."""
    report = _lock(report)
    _require(by, "partnerships.submit_report", report)
    if not report.is_open:
        raise ReportError(_("The report has been submitted; it can no longer be changed."))
    check_content(
        report=report,
        answers=answers,
        participants=participants,
        volunteer_hours=volunteer_hours,
        complete=False,
    )
    added = _save_content(
        report,
        answers=answers,
        participants=participants,
        volunteer_hours=volunteer_hours,
        files=files,
        by=by,
    )
    report.save(update_fields=["answers", "participants", "volunteer_hours"])
    audit_log(actor=by, action="report.draft_saved", target=report, data={"attachments": added})
    return report


@transaction.atomic
def report_submit(
    *, report: ReportDue, by, answers, participants, volunteer_hours, files=()
) -> ReportVersion:
    """Submit the report (a new version). For a joint report, submitting is the
    association's sign-off; the municipality signs off in its review."""
    report = _lock(report)
    _require(by, "partnerships.submit_report", report)
    if not report.is_open:
        raise ReportError(_("The report has already been submitted."))
    check_content(
        report=report,
        answers=answers,
        participants=participants,
        volunteer_hours=volunteer_hours,
        complete=True,
    )
    _save_content(
        report,
        answers=answers,
        participants=participants,
        volunteer_hours=volunteer_hours,
        files=files,
        by=by,
    )
    now = timezone.now()
    number = report.versions.count() + 1
    version = ReportVersion.objects.create(
        report=report,
        number=number,
        answers=report.answers,
        participants=report.participants,
        volunteer_hours=report.volunteer_hours,
        attachment_names=list(report.attachments.values_list("name", flat=True)),
        submitted_at=now,
        submitted_by=by,
    )
    report.status = ReportDue.Status.SUBMITTED
    report.submitted_at, report.submitted_by = now, by
    report.association_signed_at = now if report.is_joint else None
    report.municipality_signed_at = None
    report.save(
        update_fields=[
            "answers",
            "participants",
            "volunteer_hours",
            "status",
            "submitted_at",
            "submitted_by",
            "association_signed_at",
            "municipality_signed_at",
        ]
    )
    audit_log(actor=by, action="report.submitted", target=report, data={"version": number})
    _mail("report_submitted", report, reviewers(report), by=by)
    return version


def _lock_submitted(report: ReportDue, by) -> ReportDue:
    report = _lock(report)
    _require(by, "partnerships.review_report", report)
    if report.status != ReportDue.Status.SUBMITTED:
        raise ReportError(_("The report is not awaiting review (it may just have been reviewed)."))
    return report


@transaction.atomic
def report_return(*, report: ReportDue, by, comment: str) -> ReportDue:
    """Send the report back to the association with comments; it revises and
    submits again (a new version)."""
    comment = (comment or "").strip()
    if not comment:
        raise ReportError(_("Say what should be revised."), field="comment")
    report = _lock_submitted(report, by)
    report.status = ReportDue.Status.RETURNED
    report.review_comment = comment
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    report.association_signed_at = report.municipality_signed_at = None
    report.save(
        update_fields=[
            "status",
            "review_comment",
            "reviewed_at",
            "reviewed_by",
            "association_signed_at",
            "municipality_signed_at",
        ]
    )
    report.versions.filter(number=report.versions.count()).update(return_comment=comment)
    audit_log(actor=by, action="report.returned", target=report)
    _mail("report_returned", report, representatives(report), by=by)
    return report


@transaction.atomic
def report_sign_off(*, report: ReportDue, by) -> ReportDue:
    """The municipality's sign-off of a joint report, by a responsible official."""
    report = _lock_submitted(report, by)
    if not report.is_joint:
        raise ReportError(_("Only a joint report is signed by both sides."))
    if report.municipality_signed_at:
        raise ReportError(_("The municipality has already signed the report."))
    report.municipality_signed_at = timezone.now()
    report.save(update_fields=["municipality_signed_at"])
    audit_log(actor=by, action="report.signed_off", target=report)
    _mail("report_signed", report, representatives(report), by=by)
    return report


@transaction.atomic
def report_approve(*, report: ReportDue, by, comment: str = "") -> ReportDue:
    """Approve the report; a joint one needs both sides' sign-off first."""
    report = _lock_submitted(report, by)
    if report.is_joint and not (report.association_signed_at and report.municipality_signed_at):
        raise ReportError(_("A joint report is approved once both sides have signed it."))
    report.status = ReportDue.Status.APPROVED
    report.review_comment = (comment or "").strip()
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    report.save(update_fields=["status", "review_comment", "reviewed_at", "reviewed_by"])
    audit_log(actor=by, action="report.approved", target=report)
    _mail("report_approved", report, representatives(report), by=by)
    return report
