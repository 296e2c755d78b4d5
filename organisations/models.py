"""The association register: organisations, their memberships and activities."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import FileExtensionValidator, MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inputs import WITHIN_YEARS_MESSAGE, within_years
from portal.languages import LocalizedName
from portal.recurrence import each_occurrence, last_occurrence, validate_rule

from .fields import OrganisationNumberField
from .uploads import LogoField
from .validators import normalise_organisation_number, validate_organisation_number

DESCRIPTION_MAX_LENGTH = 5000
JOIN_MESSAGE_MAX_LENGTH = 2000


class Category(LocalizedName, models.Model):
    """One of the register's categories (Örebro's 15), editable by coordinators.
    Its English name is a column beside the Swedish one, not django-modeltranslation:
    two languages, and the search and the API read it directly (portal/languages.py)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.display_name  # in the reader's language: form choices, filters, admin


class District(models.Model):
    """A kommundel: a part of the municipality where an association is active. Place
    names read the same in English: no ``name_en``."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActivityArea(LocalizedName, models.Model):
    """What an association works with, or whom it is for; named in Swedish and,
    optionally, English (as Category)."""

    class Kind(models.TextChoices):
        AREA = "area", _("Activity area")
        TARGET_GROUP = "target_group", _("Target group")

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AREA)

    class Meta:
        verbose_name = _("activity area or target group")
        verbose_name_plural = _("activity areas and target groups")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="activityarea_unique_name")
        ]

    def __str__(self) -> str:
        return self.display_name


# An organisation whose contact person is erased (or was never given); the retention
# sweep's query and its partial index say it with this one expression.
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
            GinIndex(OpClass("name", name="gin_trgm_ops"), name="organisation_name_trgm"),
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


class Membership(models.Model):
    """A user represents an organisation. Every organisation keeps at least one admin."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Editor")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["organisation", "role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]
        indexes = [
            # Who is asked to confirm: an association's administrators, from the index alone.
            models.Index(
                fields=["organisation", "user"],
                condition=Q(role="admin"),
                name="membership_admins",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


INVITATION_VALIDITY = timedelta(days=14)


def _invitation_expiry():
    return timezone.now() + INVITATION_VALIDITY


class InvitationQuerySet(models.QuerySet):
    def unanswered(self):
        """Neither accepted nor withdrawn (expired ones too, until they are purged):
        at most one per association and address, which "send again" renews."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """A representative invites someone by e-mail to represent the organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("association"),
    )
    # Personal data: email (erased when accepted or withdrawn; the invitation is
    # deleted 90 days after it expired unused).
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    resent_at = models.DateTimeField(_("sent again"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # Inviting the same address again renews this one (membership_invite).
            models.UniqueConstraint(
                models.F("organisation"),
                Upper("email"),
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="invitation_one_unanswered_per_address",
                violation_error_message=_("This address has already been invited."),
            )
        ]
        indexes = [
            models.Index(
                fields=["expires_at"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_unaccepted_expiry",
            ),
            # Erasing an account finds its invitations case-insensitively (iexact).
            models.Index(Upper("email"), name="invitation_email_upper"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and not self.is_expired

    def is_addressed_to(self, user) -> bool:
        """Whether the address it was sent to is a verified address of ``user``'s
        account: a forwarded link does not make someone else a representative."""
        return (
            bool(self.email)
            and user.is_authenticated
            and EmailAddress.objects.filter(
                user=user, email__iexact=self.email, verified=True
            ).exists()
        )


class JoinRequest(models.Model):
    """Someone asks to represent an organisation that is already registered
    (offered instead of registering a duplicate)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("person"),
    )
    message = models.TextField(
        _("message"), blank=True, validators=[MaxLengthValidator(JOIN_MESSAGE_MAX_LENGTH)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(status="open"),
                name="joinrequest_one_open",
                violation_error_message=_(
                    "This person has already asked to join; the request awaits an answer."
                ),
            )
        ]
        indexes = [
            models.Index(
                fields=["decided_at"], condition=~Q(status="open"), name="joinrequest_decided"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class ConfirmationRound(models.Model):
    """The yearly confirmation: on ``starts_on`` representatives are asked to
    confirm or update their data; reminders follow after 14 and 28 days; after
    ``deadline`` unconfirmed organisations are marked (never deleted)."""

    starts_on = models.DateField(_("starts on"), unique=True)
    deadline = models.DateField(_("deadline"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("yearly confirmation")
        verbose_name_plural = _("yearly confirmations")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("starts_on")),
                name="confirmationround_deadline_after_start",
                violation_error_message=_("The deadline must come after the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} – {self.deadline:%Y-%m-%d}"


# A weekly training or a monthly café: one row with a rule (Activity.recurrence).
REPEATS = ~Q(recurrence="")


def _repeats_past(moment) -> Q:
    """A series with an occasion that ends at or after ``moment`` (``repeats_until``
    is when its last one ends; null while it goes on)."""
    return REPEATS & (Q(repeats_until__isnull=True) | Q(repeats_until__gte=moment))


class ActivityQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Not over yet: a one-off that ends (or, without an end, starts) from now on,
        and a series with an occasion still to come."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now) | _repeats_past(now)
        )

    def starting_from(self, moment):
        """Those with an occasion from ``moment`` on: a one-off starting then or later,
        a series whose rule reaches it (the calendar expands which occasions)."""
        return self.filter(Q(starts_at__gte=moment) | _repeats_past(moment))

    def published(self):
        """Not hidden by a coordinator: every public surface (the association's page,
        the calendar, its feeds, the open data) starts here. Cancelled ones stay, to
        be shown as cancelled."""
        return self.filter(hidden_at__isnull=True)

    def public(self):
        """Published, of an association the directory shows."""
        return self.published().filter(
            organisation__status=Organisation.Status.ACTIVE,
            organisation__is_public=True,
        )

    def changeable_by(self, user, *, archived: bool = False):
        """The twin of "organisations.change_activity": the activities of the
        associations the user may change (``archived``: as for organisations)."""
        changeable = Organisation.objects.changeable_by(user, archived=archived)
        return self.filter(organisation__in=changeable)

    def visible_to(self, user):
        """The twin of "organisations.view_activity" (rules.py): published ones of
        public associations for everyone; also hidden ones and those of associations
        not shown (awaiting approval, not public, archived) for the association's
        representatives, and all of them for coordinators."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser or _is_coordinator(user, municipal=False):
            return self.all()
        members = Membership.objects.filter(organisation=OuterRef("organisation_id"), user=user)
        return self.filter(
            Q(
                hidden_at__isnull=True,
                organisation__status=Organisation.Status.ACTIVE,
                organisation__is_public=True,
            )
            | Exists(members)
        )


class Activity(models.Model):
    """An association's public event in the shared calendar."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("association"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("district"),
    )
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)]
    )
    url = models.URLField(_("link"), blank=True)
    # RFC 5545 RRULE text (portal/recurrence.py builds it from the form's choices):
    # one row, one VEVENT in the feeds, occasions expanded for the calendar.
    recurrence = models.CharField(
        _("repeats"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
        validators=[validate_rule],
    )
    # When the series' last occasion ends, from the rule (series_end, set by the
    # services); null while it goes on. Keeps the calendar's query on an index.
    repeats_until = models.DateTimeField(_("repeats until"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # A coordinator's reasons are sent to the association, never published: the
    # public sees "cancelled", or nothing of a hidden activity.
    cancelled_reason = models.TextField(
        _("reason for cancelling"), blank=True, default="", db_default=""
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, default="", db_default="")
    # The coordinator who hid it (the audit log keeps who, this the banner's state).
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="activity_ends_after_start",
                violation_error_message=_("The activity cannot end before it starts."),
            ),
            # A year-1 start is stored before year 1 in UTC, which no page can read.
            models.CheckConstraint(
                condition=within_years("starts_at"),
                name="activity_starts_within_years",
                violation_error_message=WITHIN_YEARS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=within_years("ends_at", null=True),
                name="activity_ends_within_years",
                violation_error_message=WITHIN_YEARS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="activity_hidden_has_reason",
                violation_error_message=_("Give a reason for hiding the activity."),
            ),
            models.CheckConstraint(
                condition=Q(repeats_until__isnull=True)
                | (REPEATS & Q(repeats_until__gte=models.F("starts_at"))),
                name="activity_repeats_until_of_a_series",
                violation_error_message=_(
                    "Only an activity that repeats has an end of its series, after its start."
                ),
            ),
        ]
        indexes = [
            # The calendar filtered by district reads that district's activities in
            # time order; with the time index alone it read every district's (a
            # tenth of a millisecond per thousand rows, 18,000 rows at 100,000).
            models.Index(
                fields=["district", "starts_at"],
                condition=Q(hidden_at__isnull=True),
                name="activity_district_starts",
            ),
            # The series still going on in a period (upcoming, starting_from): a few
            # rows among the one-offs, found without reading those.
            models.Index(
                fields=["repeats_until"],
                condition=REPEATS & Q(hidden_at__isnull=True),
                name="activity_series_until",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisations:activity", args=[self.pk])

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at if self.ends_at else timedelta(0)

    def series_end(self):
        """What ``repeats_until`` holds for the rule: when the last occasion ends,
        None for a series that goes on, or for one that does not repeat."""
        if not self.recurrence:
            return None
        last = last_occurrence(self.recurrence, self.starts_at)
        return last + self.duration if last is not None else None

    def occasions(self, *, after=None, before=None):
        """(start, end) of each occasion starting in [after, before), lazily: the
        activity itself, or each time its rule gives."""
        if not self.recurrence:
            if (after is None or self.starts_at >= after) and (
                before is None or self.starts_at < before
            ):
                yield self.starts_at, self.ends_at
            return
        duration = self.duration
        for start in each_occurrence(self.recurrence, self.starts_at, after=after, before=before):
            yield start, start + duration if self.ends_at else None


class SearchWord(models.Model):
    """A distinct lower-case word of the names, categories, areas and districts: the
    vocabulary that misspelled query words are corrected against
    (``organisations.search``). Filled by ``search.reindex``, never edited by hand.
    A trigram GIN index on ``word`` (migration 0003) makes the lookup a millisecond."""

    word = models.TextField(_("word"), primary_key=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
