"""Sending a survey: one recipient per association (its representatives answer
once for it), per department (its coordinators) or per address, each with a
personal link (surveys/links.py). Each person is mailed through the core's
delivery log (portal.reminders), one task per mail, so sending again mails only
those not yet mailed: associations added since, or a representative who joined."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Membership, Organisation
from portal.audit import audit_log
from portal.models import Department
from portal.reminders import register_kind, reminders_schedule_each

from ..links import answer_url, identity, token_for
from ..models import Recipient, Survey
from ..models.distribution import token_hash
from . import SurveyError

INVITATION = "surveys.invitation"


def link_context(delivery) -> dict:
    recipient = delivery.target
    return {
        "recipient": recipient,
        "survey": recipient.survey,
        "answer_url": answer_url(recipient),
        "closes_at": recipient.survey.closes_at,
    }


register_kind(
    INVITATION,
    label=gettext_lazy("Survey: invitation with a personal link"),
    template="surveys/emails/invitation",
    context=link_context,
)


def schedule_mails(*, kind: str, recipients, due) -> int:
    """Mail each person behind ``recipients`` once for (kind, due): an
    association's active representatives (or its own address when it has none), a
    department's coordinators, or the recipient's address. Three statements."""
    to_representatives = reminders_schedule_each(
        kind=kind,
        queryset=recipients.filter(organisation__memberships__user__is_active=True),
        recipient="organisation__memberships__user_id",
        email="organisation__memberships__user__email",
        due=due,
    )
    to_associations = reminders_schedule_each(
        kind=kind,
        queryset=recipients.filter(organisation__isnull=False)
        .exclude(organisation__email="")
        .exclude(Exists(Membership.objects.filter(organisation=OuterRef("organisation_id")))),
        email="organisation__email",
        due=due,
    )
    to_departments = reminders_schedule_each(
        kind=kind,
        queryset=recipients.filter(department__coordinator_assignments__user__is_active=True),
        recipient="department__coordinator_assignments__user_id",
        email="department__coordinator_assignments__user__email",
        due=due,
    )
    to_addresses = reminders_schedule_each(
        kind=kind,
        queryset=recipients.filter(organisation__isnull=True, department__isnull=True),
        email="email",
        due=due,
    )
    return len(to_representatives) + len(to_associations) + len(to_departments) + len(to_addresses)


def audience_candidates(
    *, survey: Survey, categories=(), districts=(), departments=(), organisations=()
):
    """What the choices pick for the survey's audience: active associations in the
    chosen categories and districts (or those named; all active ones when nothing
    is chosen), or the chosen active departments (all when none is chosen)."""
    if survey.audience == Survey.Audience.DEPARTMENTS:
        chosen = Department.objects.filter(is_active=True)
        return (
            chosen.filter(pk__in=[getattr(d, "pk", d) for d in departments])
            if departments
            else chosen
        )
    named = [getattr(o, "pk", o) for o in organisations]
    organisations = Organisation.objects.active()
    if named:
        organisations = organisations.filter(pk__in=named)
    if categories:
        organisations = organisations.filter(
            pk__in=Organisation.objects.filter(categories__in=categories).values("pk")
        )
    if districts:
        organisations = organisations.filter(
            pk__in=Organisation.objects.filter(districts__in=districts).values("pk")
        )
    return organisations


@transaction.atomic
def survey_send(
    *, survey: Survey, by, categories=(), districts=(), departments=(), organisations=(), emails=()
) -> tuple[int, int]:
    """Add the chosen audience (and any addresses given) as recipients and mail
    each person their link once. Returns (recipients added, mails scheduled)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not by.has_perm("surveys.send_survey", survey):
        raise SurveyError(_("You do not have permission to do that."))
    if not survey.is_open():
        raise SurveyError(_("Open the survey before sending it."))
    if survey.audience == Survey.Audience.OPEN_LINK and not emails:
        raise SurveyError(_("A survey with an open link is shared by its address, not sent."))
    now = timezone.now()
    rows = []
    # Addresses alone add only them; the register's audience is added when it is
    # chosen, or when nothing at all is (then the whole audience).
    from_register = bool(categories or districts or departments or organisations or not emails)
    if from_register and survey.audience == Survey.Audience.DEPARTMENTS:
        for pk in audience_candidates(survey=survey, departments=departments).values_list(
            "pk", flat=True
        ):
            key = identity(survey_id=survey.pk, department_id=pk)
            rows.append(
                Recipient(survey=survey, department_id=pk, token_hash=token_hash(token_for(key)))
            )
    elif from_register and survey.audience == Survey.Audience.ASSOCIATIONS:
        candidates = audience_candidates(
            survey=survey, categories=categories, districts=districts, organisations=organisations
        )
        for pk in candidates.values_list("pk", flat=True):
            key = identity(survey_id=survey.pk, organisation_id=pk)
            rows.append(
                Recipient(survey=survey, organisation_id=pk, token_hash=token_hash(token_for(key)))
            )
    for email in {e.strip().lower() for e in emails if e.strip()}:
        key = identity(survey_id=survey.pk, email=email)
        rows.append(Recipient(survey=survey, email=email, token_hash=token_hash(token_for(key))))
    if not rows:
        raise SurveyError(_("The choices give nobody: a survey to nobody is not sent."))
    for row in rows:
        row.invited_at = now
    before = Recipient.objects.filter(survey=survey).count()  # under the survey's lock
    Recipient.objects.bulk_create(rows, ignore_conflicts=True)
    added = Recipient.objects.filter(survey=survey).count() - before
    mails = schedule_mails(
        kind=INVITATION,
        recipients=Recipient.objects.filter(survey=survey),
        due=TruncDate("invited_at", tzinfo=timezone.get_current_timezone()),
    )
    audit_log(
        actor=by,
        action="survey.sent",
        target=survey,
        data={
            "added": added,
            "mails": mails,
            "categories": [getattr(c, "pk", c) for c in categories],
            "districts": [getattr(d, "pk", d) for d in districts],
            "departments": [getattr(d, "pk", d) for d in departments],
            "addresses": len(emails),
        },
    )
    return added, mails
