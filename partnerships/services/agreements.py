"""Changes to an agreement: saving it with its parties and contributions, and each
step of its life (prepare, decide, activate, end, renew).

Each service locks the agreement's row, then checks the permission and the guard
on the locked row (a check before the lock lets a demoted official act), changes
it and writes the audit row. A refusal is an ``AgreementError`` naming the field
at fault, which the view shows beside that field."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_log, field_changes

from ..models import (
    Agreement,
    AgreementContribution,
    AgreementDocument,
    AgreementParty,
    agreement_evaluation_approved,
)

Status = Agreement.Status
CHANGE = "partnerships.manage_agreement"


class AgreementError(Exception):
    """A refused change; ``field`` is the form field the message belongs beside."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


@dataclass(frozen=True)
class Contribution:
    """One contribution as a form gives it (``organisation`` None: the municipality)."""

    kind: str
    organisation_id: int | None = None
    amount: Decimal | None = None
    hours: int | None = None
    description: str = ""


def _locked(agreement: Agreement, by) -> Agreement:
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not by.has_perm(CHANGE, locked):
        raise AgreementError(_("You may not change this agreement."))
    return locked


def _step(agreement: Agreement, to: str) -> None:
    if agreement.status == to or not agreement.can_become(to):
        raise AgreementError(
            _("An agreement cannot go from “%(from)s” to “%(to)s”.")
            % {"from": agreement.get_status_display(), "to": Status(to).label}
        )


def _check_contributions(contributions, party_ids) -> None:
    for contribution in contributions:
        if contribution.organisation_id is not None and contribution.organisation_id not in set(
            party_ids
        ):
            raise AgreementError(
                _("A contribution can only come from a party of the agreement."),
                field="contributions",
            )
        for value in (contribution.amount, contribution.hours):
            if value is not None and value < 0:
                raise AgreementError(_("An amount cannot be negative."), field="contributions")


def _check_term(agreement: Agreement) -> None:
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise AgreementError(_("The agreement cannot end before it starts."), field="ends_on")
    if agreement.budget is not None and agreement.budget < 0:
        raise AgreementError(_("The budget cannot be negative."), field="budget")


@transaction.atomic
def agreement_save(
    *,
    agreement: Agreement,
    by,
    party_ids: list[int],
    department_ids: list[int],
    contributions: list[Contribution],
) -> Agreement:
    """Create (an idea) or change an agreement with its parties, departments and
    contributions; the contributions given replace the ones held."""
    creating = agreement.pk is None
    if creating:
        if not by.has_perm("partnerships.record_agreement"):
            raise AgreementError(_("You may not record agreements."))
        agreement.status = Status.IDEA
        before = {}
    else:
        held = _locked(agreement, by)
        before = {f.attname: getattr(held, f.attname) for f in Agreement._meta.concrete_fields}
        agreement.status = held.status  # the status changes only through the steps
    _check_term(agreement)
    _check_contributions(contributions, party_ids)
    agreement.save()
    agreement.departments.set(department_ids)
    AgreementParty.objects.filter(agreement=agreement).exclude(
        organisation_id__in=party_ids
    ).delete()
    held_parties = set(agreement.agreement_parties.values_list("organisation_id", flat=True))
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, organisation_id=pk)
        for pk in party_ids
        if pk not in held_parties
    )
    agreement.contributions.all().delete()
    AgreementContribution.objects.bulk_create(
        AgreementContribution(agreement=agreement, **vars(contribution))
        for contribution in contributions
    )
    if creating and not by.has_perm(CHANGE, agreement):
        # An official records agreements of their own department: one they could not
        # see again is refused (and rolled back), with the message beside the field.
        raise AgreementError(
            _("Choose your own department among the agreement's departments."),
            field="departments",
        )
    after = {f.attname: getattr(agreement, f.attname) for f in Agreement._meta.concrete_fields}
    changed = [name for name in after if name != "updated_at" and before.get(name) != after[name]]
    audit_log(
        actor=by,
        action="agreement.created" if creating else "agreement.changed",
        target=agreement,
        data={
            "changes": field_changes(before, after, changed, keep=Agreement.audit_values),
            "parties": sorted(party_ids),
            "contributions": len(contributions),
        },
    )
    return agreement


@transaction.atomic
def agreement_prepare(*, agreement: Agreement, by) -> Agreement:
    """An idea taken up: the agreement is being prepared."""
    agreement = _locked(agreement, by)
    _step(agreement, Status.PREPARATION)
    agreement.status = Status.PREPARATION
    agreement.save(update_fields=["status", "updated_at"])
    audit_log(actor=by, action="agreement.prepared", target=agreement)
    return agreement


@transaction.atomic
def agreement_decide(
    *,
    agreement: Agreement,
    by,
    decision_body: str,
    decision_date: date,
    decision_paragraph: str = "",
    case_number: str = "",
) -> Agreement:
    """The decision: by whom, when, the paragraph and the case number. From now on
    the agreement is public; it needs a party and a term."""
    agreement = _locked(agreement, by)
    _step(agreement, Status.DECIDED)
    if not decision_body.strip():
        raise AgreementError(_("Say who decided."), field="decision_body")
    if not agreement.agreement_parties.exists():
        raise AgreementError(_("An agreement needs at least one party association."))
    if not (agreement.starts_on and agreement.ends_on):
        raise AgreementError(_("Give the agreement's term before it is decided."))
    agreement.status = Status.DECIDED
    agreement.decision_body = decision_body.strip()
    agreement.decision_date = decision_date
    agreement.decision_paragraph = decision_paragraph.strip()
    agreement.case_number = case_number.strip()
    agreement.save(
        update_fields=[
            "status",
            "decision_body",
            "decision_date",
            "decision_paragraph",
            "case_number",
            "updated_at",
        ]
    )
    audit_log(
        actor=by,
        action="agreement.decided",
        target=agreement,
        data={"decision_date": decision_date, "case_number": agreement.case_number},
    )
    return agreement


@transaction.atomic
def agreement_activate(*, agreement: Agreement, by) -> Agreement:
    """The decided agreement comes into force."""
    agreement = _locked(agreement, by)
    _step(agreement, Status.ACTIVE)
    if not agreement.starts_on:
        raise AgreementError(_("An active agreement needs a start date."))
    agreement.status = Status.ACTIVE
    agreement.save(update_fields=["status", "updated_at"])
    audit_log(actor=by, action="agreement.activated", target=agreement)
    return agreement


@transaction.atomic
def agreement_end(*, agreement: Agreement, by, ended_on: date, reason: str = "") -> Agreement:
    """End a decided or active agreement on ``ended_on``: not before it starts, and
    before the end of its term only with a reason."""
    agreement = _locked(agreement, by)
    _step(agreement, Status.ENDED)
    reason = reason.strip()
    if agreement.starts_on and ended_on < agreement.starts_on:
        raise AgreementError(_("An agreement cannot end before it starts."), field="ended_on")
    if agreement.ends_on and ended_on < agreement.ends_on and not reason:
        raise AgreementError(
            _("Ending before the term is over needs a reason."), field="end_reason"
        )
    agreement.status = Status.ENDED
    agreement.ended_on, agreement.end_reason = ended_on, reason
    agreement.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    audit_log(
        actor=by,
        action="agreement.ended",
        target=agreement,
        data={
            "ended_on": ended_on,
            "early": bool(agreement.ends_on and ended_on < agreement.ends_on),
        },
    )
    return agreement


@transaction.atomic
def agreement_renew(
    *, agreement: Agreement, by, starts_on: date | None = None, ends_on: date | None = None
) -> Agreement:
    """Renew an active or ended agreement: a new agreement in preparation, linked to
    this one (which keeps its history and becomes renewed), with the same parties,
    departments, contributions and criteria. By default the new term follows on for
    as long as the old one ran. An agreement is renewed once."""
    agreement = _locked(agreement, by)
    if Agreement.objects.filter(renewed_from=agreement).exists():
        raise AgreementError(_("This agreement has already been renewed."))
    _step(agreement, Status.RENEWED)
    if not agreement_evaluation_approved(agreement):
        raise AgreementError(
            _(
                "An agreement can be renewed once the joint evaluation (the last report) "
                "is approved."
            )
        )
    if starts_on is None and agreement.ends_on:
        starts_on = agreement.ends_on + timedelta(days=1)
    if ends_on is None and starts_on and agreement.starts_on and agreement.ends_on:
        length = relativedelta(agreement.ends_on + timedelta(days=1), agreement.starts_on)
        ends_on = starts_on + length - timedelta(days=1)  # calendar years and months
    if starts_on and ends_on and ends_on < starts_on:
        raise AgreementError(_("The agreement cannot end before it starts."), field="ends_on")
    renewal = Agreement.objects.create(
        title=agreement.title,
        kind=agreement.kind,
        purpose=agreement.purpose,
        status=Status.PREPARATION,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=agreement.budget,
        renewed_from=agreement,
        **{name: getattr(agreement, name) for name in Agreement.IOP_CRITERIA},
    )
    renewal.departments.set(agreement.departments.all())
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=renewal, organisation_id=party.organisation_id)
        for party in agreement.agreement_parties.all()
    )
    AgreementContribution.objects.bulk_create(
        AgreementContribution(
            agreement=renewal,
            organisation_id=c.organisation_id,
            kind=c.kind,
            amount=c.amount,
            hours=c.hours,
            description=c.description,
        )
        for c in agreement.contributions.all()
    )
    agreement.status = Status.RENEWED
    agreement.save(update_fields=["status", "updated_at"])
    audit_log(actor=by, action="agreement.renewed", target=agreement, data={"renewal": renewal})
    audit_log(actor=by, action="agreement.created", target=renewal, data={"renewal_of": agreement})
    return renewal


@transaction.atomic
def agreement_document_add(*, agreement: Agreement, by, kind: str, upload) -> AgreementDocument:
    """Keep a checked upload (``portal.uploads.AttachmentField``) with the
    agreement, in private storage."""
    agreement = _locked(agreement, by)
    document = AgreementDocument(
        agreement=agreement,
        kind=kind,
        name=upload.name[:200],
        content_type=upload.content_type_checked,
        size=upload.size,
        uploaded_by=by,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    audit_log(
        actor=by,
        action="agreement.document_added",
        target=agreement,
        data={"kind": kind, "document": document},
    )
    return document


@transaction.atomic
def agreement_document_remove(*, document: AgreementDocument, by) -> None:
    agreement = _locked(document.agreement, by)
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))  # kept if the removal rolls back
    audit_log(actor=by, action="agreement.document_removed", target=agreement)
