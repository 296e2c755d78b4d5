"""Collaborations: who in the municipality works with which associations, how
(Örebro's 14 forms), towards which goal areas, and the money paid per year.

Every official may see and search all of them, so colleagues find who already
works with whom; the public sees only those marked public."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.languages import LocalizedName
from portal.rules import departments_in_charge


class NamedData(LocalizedName, models.Model):
    """A name in Swedish and English kept as data, in the coordinators' order."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.display_name


class CollaborationForm(NamedData):
    """A form of collaboration (dialogue, IOP, event…), as data."""

    class Meta(NamedData.Meta):
        verbose_name = _("form of collaboration")
        verbose_name_plural = _("forms of collaboration")


class GoalArea(NamedData):
    """One of the municipality's goal areas that a collaboration serves."""

    class Meta(NamedData.Meta):
        verbose_name = _("goal area")
        verbose_name_plural = _("goal areas")


def sees_every_collaboration(user) -> bool:
    """Officials and coordinators see all collaborations, so that colleagues find who
    already works with whom (the one definition behind view_collaboration)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from portal.models import CoordinatorAssignment
    from portal.rules import is_official

    return is_official(user) or CoordinatorAssignment.objects.filter(user=user).exists()


class CollaborationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def with_organisation(self, organisation):
        through = Collaboration.associations.through
        return self.filter(
            Exists(through.objects.filter(collaboration=OuterRef("pk"), organisation=organisation))
        )

    def in_year(self, year: int):
        """Running at some time in ``year`` (an open start or end runs on)."""
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__year__lte=year),
            Q(ends_on__isnull=True) | Q(ends_on__year__gte=year),
        )

    def visible_to(self, user):
        """The twin of ``partnerships.view_collaboration`` (rules.py): all for
        officials and coordinators, the association's own for its representatives,
        public ones for everyone. One query, no DISTINCT."""
        if sees_every_collaboration(user):
            return self.all()
        if not user.is_authenticated:
            return self.public()
        through = Collaboration.associations.through
        represented = through.objects.filter(
            collaboration=OuterRef("pk"), organisation__memberships__user=user
        )
        return self.filter(Q(is_public=True) | Exists(represented))

    def changeable_by(self, user):
        """The twin of ``partnerships.change_collaboration``: municipal coordinators
        all; officials and coordinators those of their departments."""
        departments = departments_in_charge(user)
        if departments is None:
            return self.all()
        through = Collaboration.departments.through
        return self.filter(
            Exists(
                through.objects.filter(collaboration=OuterRef("pk"), department_id__in=departments)
            )
        )


class Collaboration(models.Model):
    """A collaboration between one or more departments and associations."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    departments = models.ManyToManyField(
        "portal.Department", related_name="collaborations", verbose_name=_("departments")
    )
    associations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="collaborations",
        verbose_name=_("associations"),
    )
    forms = models.ManyToManyField(
        CollaborationForm,
        blank=True,
        related_name="collaborations",
        verbose_name=_("forms of collaboration"),
    )
    goal_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="collaborations", verbose_name=_("goal areas")
    )
    target_groups = models.ManyToManyField(
        "organisations.ActivityArea",
        blank=True,
        related_name="collaborations",
        limit_choices_to={"kind": "target_group"},
        verbose_name=_("target groups"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    contact_role = models.CharField(
        _("contact at the department"),
        max_length=200,
        blank=True,
        help_text=_("A role, not a person, e.g. “leisure coordinator, Vårby”."),
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to everyone on the association's page.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CollaborationQuerySet.as_manager()

    audit_values = ("title", "starts_on", "ends_on", "is_public", "contact_role")

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="collaboration_ends_after_start",
                violation_error_message=_("The collaboration cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partnerships:collaboration", args=[self.pk])


class CollaborationPayment(models.Model):
    """Money a department paid for a collaboration in a year."""

    collaboration = models.ForeignKey(
        Collaboration,
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name=_("collaboration"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    amount = models.DecimalField(
        _("amount (SEK)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.PROTECT,
        related_name="collaboration_payments",
        verbose_name=_("department"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["collaboration", "year", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "year", "department"],
                name="collaborationpayment_unique",
                violation_error_message=_("This department already has a payment for that year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="collaborationpayment_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} {self.year}"
