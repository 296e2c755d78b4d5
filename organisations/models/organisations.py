"""Organisations, the register's heart: who they are, how to reach them, and who
may see and change them."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import FileExtensionValidator, MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import OrganisationNumberField
from ..uploads import LogoField
from ..validators import normalise_organisation_number, validate_organisation_number
from .memberships import Membership
from .vocabulary import ActivityArea, Category, District

DESCRIPTION_MAX_LENGTH = 5000

HAS_NO_CONTACT = Q(contact_name="", contact_email="", contact_phone="")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Organisation.Status.ACTIVE)

    def pending(self):
        return self.filter(status=Organisation.Status.PENDING)

    def public(self):
        """What a visitor may see in the directory."""
        return self.active().filter(is_public=True)

    def registered_with(self, token):
        """The association a registration form with this one-time token made."""
        return self.filter(registration_token=token) if token else self.none()

    def in_district(self, district):
        return self.filter(districts=district)

    def unconfirmed(self):
        return self.active().filter(unconfirmed_since__isnull=False)

    def awaiting_confirmation(self, *, since):
        """Active and not confirmed since ``since`` (the start of the round)."""
        return self.active().filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=since))

    def editable_by(self, user):
        """Organisations the user administers or edits as a representative; not
        archived ones, which nobody edits (organisations/rules.py)."""
        if not user.is_authenticated:
            return self.none()
        return (
            self.exclude(status=Organisation.Status.ARCHIVED)
            .filter(memberships__user=user)
            .distinct()
        )

    def visible_to(self, user):
        """The queryset twin of "organisations.view_organisation" (rules.py): public
        ones for everyone; also the user's own (pending or private) ones, and all of
        them for coordinators."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser or _is_coordinator(user, municipal=False):
            return self.all()
        return self.filter(
            Q(status=Organisation.Status.ACTIVE, is_public=True)
            | Exists(Membership.objects.filter(organisation=OuterRef("pk"), user=user))
        )

    def changeable_by(self, user, *, archived: bool = False):
        """The twin of "organisations.change_organisation": those the user edits or
        administers, and all of them for municipal coordinators; never archived ones,
        unless ``archived`` (for a page that says why they cannot be changed)."""
        if not user.is_authenticated:
            return self.none()
        if not archived:
            self = self.exclude(status=Organisation.Status.ARCHIVED)
        if user.is_superuser or _is_coordinator(user, municipal=True):
            return self
        editors = Membership.objects.filter(
            organisation=OuterRef("pk"),
            user=user,
            role__in=[Membership.Role.ADMIN, Membership.Role.EDITOR],
        )
        return self.filter(Exists(editors))

    def members_managed_by(self, user):
        """The twin of "organisations.manage_members": those the user administers,
        and all of them for municipal coordinators; never archived ones. Who may see
        the people asking to join, and their messages."""
        if not user.is_authenticated:
            return self.none()
        self = self.exclude(status=Organisation.Status.ARCHIVED)
        if user.is_superuser or _is_coordinator(user, municipal=True):
            return self
        admins = Membership.objects.filter(
            organisation=OuterRef("pk"), user=user, role=Membership.Role.ADMIN
        )
        return self.filter(Exists(admins))


def _is_coordinator(user, *, municipal: bool) -> bool:
    from portal.models import CoordinatorAssignment

    assignments = CoordinatorAssignment.objects.filter(user=user)
    return (assignments.municipal() if municipal else assignments).exists()


class Organisation(models.Model):
    """Any civil-society actor, formal or not."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    class LegalForm(models.TextChoices):
        NONPROFIT = "ideell_forening", _("Non-profit association")
        ECONOMIC = "ekonomisk_forening", _("Economic association")
        FOUNDATION = "stiftelse", _("Foundation")
        RELIGIOUS = "trossamfund", _("Religious community")
        COMPANY = "aktiebolag", _("Company (e.g. social enterprise)")
        NETWORK = "natverk", _("Informal network or group")
        OTHER = "annan", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices, default=LegalForm.NONPROFIT
    )
    organisation_number = OrganisationNumberField(
        _("organisation number"),
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_organisation_number],
        help_text=_("NNNNNN-NNNN. Optional for informal networks."),
    )
    categories = models.ManyToManyField(
        Category, related_name="organisations", verbose_name=_("categories")
    )
    districts = models.ManyToManyField(
        District, related_name="organisations", blank=True, verbose_name=_("districts")
    )
    areas = models.ManyToManyField(
        ActivityArea,
        related_name="organisations",
        blank=True,
        verbose_name=_("activity areas and target groups"),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
        help_text=_("What the association does and for whom. Plain text."),
    )
    logo = LogoField(
        _("logo"),
        upload_to="organisations/logos/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
    )
    # The association's own contact channels (not a person's).
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("postal address"), max_length=255, blank=True)
    social_media = models.URLField(_("social media"), blank=True)
    # Personal data: the contact person; public only with consent.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    contact_is_public = models.BooleanField(
        _("publish the contact person"),
        default=False,
        help_text=_("The contact person agrees to being shown on the public page."),
    )
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    has_staff = models.BooleanField(
        _("has staff"),
        default=False,
        help_text=_("At least one employee working half-time or more."),
    )
    # Offers and needs, so associations find each other.
    seeks_collaboration = models.BooleanField(_("seeks collaboration"), default=False)
    offers_premises = models.BooleanField(_("offers premises"), default=False)
    offers_volunteers = models.BooleanField(_("offers volunteers"), default=False)
    offers_knowledge = models.BooleanField(_("offers knowledge"), default=False)
    offers_needs_text = models.TextField(
        _("offers and needs, in your words"),
        blank=True,
        validators=[MaxLengthValidator(2000)],
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was archived or what is missing.")
    )
    is_public = models.BooleanField(
        _("shown in the public directory"),
        default=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    confirmed_at = models.DateTimeField(
        _("data confirmed"),
        null=True,
        blank=True,
        help_text=_("When a representative last confirmed the data."),
    )
    unconfirmed_since = models.DateTimeField(
        _("unconfirmed since"),
        null=True,
        blank=True,
        help_text=_("Set when the yearly confirmation deadline passed without a confirmation."),
    )
    archived_at = models.DateTimeField(
        _("archived"),
        null=True,
        blank=True,
        help_text=_("The contact person's details are erased a year after archiving."),
    )
    needs_administrator = models.BooleanField(
        _("needs an administrator"),
        default=False,
        help_text=_("The last administrator left; coordinators look after it."),
    )
    # The registration form's one-time token: a second submission of the same form
    # finds the association the first made instead of making another.
    registration_token = models.UUIDField(
        _("registration form"), null=True, blank=True, unique=True, editable=False
    )
    # Maintained by services (see organisations/search.py), PostgreSQL only.
    search_vector = SearchVectorField(_("search words"), null=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    # Fields whose old and new values the audit log keeps (portal.audit.field_changes):
    # short and not a person's; the rest are recorded as changed, not by value.
    audit_values = (
        "name",
        "slug",
        "legal_form",
        "organisation_number",
        "status",
        "website",
        "email",
        "phone",
        "address",
        "member_count",
        "has_staff",
        "seeks_collaboration",
        "offers_premises",
        "offers_volunteers",
        "offers_knowledge",
        "is_public",
        "contact_is_public",
        "needs_administrator",
    )

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="archived") | ~Q(status_reason=""),
                name="organisation_archived_has_reason",
                violation_error_message=_("Give a reason for archiving."),
            ),
        ]
        # The sweeps read only what is due: the yearly confirmation the active
        # associations by confirmation date, its deadline only those not yet marked,
        # the retention sweep only archived associations that still have a contact.
        indexes = [
            models.Index(
                fields=["confirmed_at"],
                condition=Q(status="active"),
                name="organisation_active_confirmed",
            ),
            # Erasing an account finds the associations naming it as their contact.
            models.Index(Upper("contact_email"), name="organisation_contact_upper"),
            # The confirmation sweep after a step's first pass: the newly approved.
            models.Index(
                fields=["approved_at"],
                condition=Q(status="active"),
                name="organisation_active_approved",
            ),
            models.Index(
                fields=["confirmed_at"],
                condition=Q(status="active", unconfirmed_since__isnull=True),
                name="organisation_not_marked",
            ),
            models.Index(
                fields=["archived_at"],
                condition=Q(status="archived") & ~HAS_NO_CONTACT,
                name="organisation_archived_contact",
            ),
            # The duplicate check looks for a similar name in the whole register.
            GinIndex(
                OpClass("name", name="gin_trgm_ops"),
                name="organisation_name_trgm",
                fastupdate=False,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Normalising a value to its canonical form is not business logic.
        if self.organisation_number:
            self.organisation_number = normalise_organisation_number(self.organisation_number)
        else:
            self.organisation_number = None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organisations:detail", args=[self.slug])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_publicly_listed(self) -> bool:
        """``OrganisationQuerySet.public()`` for one association in hand."""
        return self.is_active and self.is_public
