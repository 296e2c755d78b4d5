"""Agreements between the municipality and associations: IOPs, contracts, projects
and reserved contracts, with their decision and term.

Each party's contribution and the documents are in agreement_parts.py; follow-up
reports and the local compact hang off ``Agreement`` elsewhere. No personal data
here."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inputs import WITHIN_YEARS_MESSAGE, within_years


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Decided, active, ended or renewed: public from the decision on."""
        return self.filter(status__in=Agreement.PUBLIC_STATUSES)

    def with_organisation(self, organisation):
        return self.filter(agreement_parties__organisation=organisation)

    def visible_to(self, user):
        """The queryset twin of the rule ``partnerships.view_agreement``
        (partnerships/rules.py): public agreements for everyone; ideas and those in
        preparation also for coordinators, for officials of one of its departments
        and for representatives of a party. One query, no DISTINCT."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self.all()
        from portal.models import CoordinatorAssignment

        represented = AgreementParty.objects.filter(
            agreement=OuterRef("pk"), organisation__memberships__user=user
        )
        return self.filter(
            Q(status__in=Agreement.PUBLIC_STATUSES)
            | Exists(CoordinatorAssignment.objects.filter(user=user))
            | Exists(represented)
            | self._of_own_department(user)
        )

    def changeable_by(self, user):
        """The twin of ``partnerships.manage_agreement``: municipal coordinators all;
        department coordinators and officials those of their department."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        from portal.models import CoordinatorAssignment

        return self.filter(
            Exists(CoordinatorAssignment.objects.municipal().filter(user=user))
            | Exists(
                Agreement.departments.through.objects.filter(
                    agreement=OuterRef("pk"),
                    department__coordinator_assignments__user=user,
                )
            )
            | self._of_own_department(user)
        )

    @staticmethod
    def _of_own_department(user):
        """One of the agreement's departments is the official's own (an official is a
        member of the official group with a department)."""
        from portal.roles import OFFICIAL

        if user.department_id is None:
            return Q(pk__in=[])
        return Exists(
            Agreement.departments.through.objects.filter(
                agreement=OuterRef("pk"),
                department=user.department_id,
                department__officials__pk=user.pk,
                department__officials__groups__name=OFFICIAL,
            )
        )

    def term_ending(self, *, on, within):
        """Decided or active agreements, not yet renewed, whose term ends after ``on``
        and by ``on + within`` (a relativedelta or timedelta)."""
        return self.filter(
            status__in=(Agreement.Status.DECIDED, Agreement.Status.ACTIVE),
            ends_on__gt=on,
            ends_on__lte=on + within,
            renewal__isnull=True,
        )


class Agreement(models.Model):
    """An agreement with one or more associations: an IOP (idéburet offentligt
    partnerskap), a contract, a project or a reserved contract."""

    class Kind(models.TextChoices):
        IOP = "iop", _("Non-profit public partnership (IOP)")
        CONTRACT = "contract", _("Contract")
        PROJECT = "project", _("Project")
        RESERVED_CONTRACT = "reserved_contract", _("Reserved contract")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PREPARATION = "preparation", _("In preparation")
        DECIDED = "decided", _("Decided")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        RENEWED = "renewed", _("Renewed")

    # Public from the decision on; before it, only the parties and coordinators see it.
    PUBLIC_STATUSES = (Status.DECIDED, Status.ACTIVE, Status.ENDED, Status.RENEWED)
    # The lifecycle: idea → preparation → decided → active → ended or renewed. A step
    # back from preparation is a correction; an undecided agreement never ends (it
    # would become public without a decision).
    TRANSITIONS = {
        Status.IDEA: (Status.PREPARATION,),
        Status.PREPARATION: (Status.IDEA, Status.DECIDED),
        Status.DECIDED: (Status.ACTIVE, Status.ENDED),
        Status.ACTIVE: (Status.ENDED, Status.RENEWED),
        Status.ENDED: (Status.RENEWED,),
        Status.RENEWED: (),
    }

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.IOP)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA, db_index=True
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (SEK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The total for the whole term, in Swedish kronor."),
    )
    decision_body = models.CharField(
        _("decided by"),
        max_length=200,
        blank=True,
        help_text=_("The committee or official who decided, e.g. the social welfare committee."),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    case_number = models.CharField(
        _("case number"),
        max_length=50,
        blank=True,
        db_index=True,
        help_text=_("The diary number (diarienummer) of the decision."),
    )
    departments = models.ManyToManyField(
        "portal.Department",
        blank=True,
        related_name="agreements",
        verbose_name=_("departments"),
    )
    parties = models.ManyToManyField(
        "organisations.Organisation",
        through="AgreementParty",
        blank=True,
        related_name="agreements",
        verbose_name=_("parties"),
    )
    decision_paragraph = models.CharField(
        _("paragraph"),
        max_length=20,
        blank=True,
        help_text=_("The paragraph of the minutes, e.g. § 112."),
    )
    # The IOP criteria (Borås, Ekerö): asked of an IOP, shown on its page.
    iop_co_financing = models.BooleanField(
        _("co-financed by both sides"),
        default=False,
        help_text=_("The association contributes money, premises, time or other in kind."),
    )
    iop_long_term = models.BooleanField(_("long-term"), default=False)
    iop_own_initiative = models.BooleanField(
        _("the association's own initiative"),
        default=False,
        help_text=_("The idea comes from the association, not from a procurement."),
    )
    iop_joint_follow_up = models.BooleanField(_("joint follow-up"), default=False)
    renewed_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
        verbose_name=_("renewal of"),
        help_text=_("The agreement this one renews; an agreement is renewed once."),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(
        _("why it ended"), blank=True, help_text=_("Needed when it ends before its term.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    IOP_CRITERIA = (
        "iop_co_financing",
        "iop_long_term",
        "iop_own_initiative",
        "iop_joint_follow_up",
    )
    # Short values the audit log may keep as old → new (portal.audit.field_changes).
    audit_values = ("title", "kind", "status", "starts_on", "ends_on", "budget", "decision_date")

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("The agreement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="agreement_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            *(
                models.CheckConstraint(
                    condition=within_years(field, dates=True, null=True),
                    name=f"agreement_{field}_within_years",
                    violation_error_message=WITHIN_YEARS_MESSAGE,
                )
                for field in ("starts_on", "ends_on", "decision_date", "ended_on")
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ended_on__gte=models.F("starts_on")),
                name="agreement_ended_after_start",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["ends_on"], name="agreement_ends_on")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_iop(self) -> bool:
        return self.kind == self.Kind.IOP

    def iop_criteria(self) -> list[tuple[str, bool]]:
        """The IOP checklist as (label, met) pairs, in order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.IOP_CRITERIA
        ]

    def can_become(self, status: str) -> bool:
        """Whether the lifecycle allows the step from the current status to ``status``."""
        return status == self.status or status in self.TRANSITIONS.get(self.status, ())

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The agreement cannot end before it starts.")
        if self.status in self.PUBLIC_STATUSES and not self.decision_date:
            errors["decision_date"] = _("A decided agreement needs the date of the decision.")
        if self.status == self.Status.ACTIVE and not self.starts_on:
            errors["starts_on"] = _("An active agreement needs a start date.")
        if self.ended_on and self.starts_on and self.ended_on < self.starts_on:
            errors["ended_on"] = _("An agreement cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class AgreementParty(models.Model):
    """An association that is party to an agreement (its contributions:
    ``AgreementContribution``)."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="agreement_parties",
        verbose_name=_("agreement"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("association"),
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreementparty_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.agreement}"
