"""The core's data: users, departments, coordinator roles, the audit log,
the reminder delivery log and the editable site pages."""

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .audit_display import action_label


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. The e-mail address is the login."""

    username = None
    # Personal data: email, first_name, last_name, language, department,
    # email_shown_to_officials, last_login, date_joined (exported and erased through
    # portal.personal_data).
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the portal sends you."),
    )
    # An official's workplace, set by an administrator in the user admin: the page
    # for officials shows them its coordinators.
    department = models.ForeignKey(
        "Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("department"),
        help_text=_(
            "The department an official works in: the page for officials shows them "
            "its coordinators."
        ),
    )
    # A coordinator's own consent, given on the account page; off until they give it.
    email_shown_to_officials = models.BooleanField(
        _("e-mail address shown to officials"),
        default=False,
        help_text=_(
            "The coordinator's own choice, made on their account page: officials then see "
            "their e-mail address beside their name."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        indexes = [
            # The sweeps read only what is due: the reminder to verify looks at a
            # window of sign-ups, the purge at accounts that never logged in.
            models.Index(fields=["date_joined"], name="user_date_joined"),
            models.Index(
                fields=["date_joined"],
                condition=Q(last_login__isnull=True),
                name="user_never_logged_in",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email


class Department(models.Model):
    """A förvaltning: one of the municipality's departments."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(
        _("functional mailbox"), blank=True, help_text=_("A shared address, not a person's.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CoordinatorAssignmentQuerySet(models.QuerySet):
    def municipal(self):
        return self.filter(department__isnull=True)

    def for_department(self, department):
        return self.filter(department=department)

    def serving(self, department):
        """Whom an official of ``department`` (or of none) turns to: the department's
        coordinators and the municipal ones, with active accounts, in one query."""
        scope = Q(department__isnull=True)
        if department is not None:
            scope |= Q(department=department)
        return (
            self.filter(scope, user__is_active=True)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__email")
        )


class CoordinatorAssignment(models.Model):
    """A user coordinates collaboration for one department, or for the whole
    municipality when no department is given."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinator_assignments",
        verbose_name=_("user"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coordinator_assignments",
        verbose_name=_("department"),
        help_text=_("Leave empty for a municipality-wide coordinator."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = CoordinatorAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordinator assignment")
        verbose_name_plural = _("coordinator assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"], name="coordinator_unique_per_department"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(department__isnull=True),
                name="coordinator_unique_municipal",
                violation_error_message=_(
                    "This person already coordinates the whole municipality."
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.department or _("the whole municipality")
        return f"{self.user} – {scope}"

    @property
    def is_municipal(self) -> bool:
        return self.department_id is None


class AuditEntry(models.Model):
    """One row per change: who did what to which object, when. Append-only:
    the admin cannot change or delete rows, and triggers refuse UPDATE (except
    clearing the actor when an account is erased), DELETE and TRUNCATE. The time
    is the database's: a trigger sets it on INSERT, whatever the client sent
    (migrations 0003 and 0009; the runtime role's grants: grant_runtime_role)."""

    created_at = models.DateTimeField(_("time"), db_default=Now(), db_index=True)
    # Personal data: actor (cleared when the account is erased).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("object type")
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        when = timezone.localtime(self.created_at)
        return f"{when:%Y-%m-%d %H:%M} {self.label} {self.object_repr}"

    @property
    def label(self):
        """The action's translated label (portal/audit_display.py)."""
        return action_label(self.action)


class ReminderDeliveryQuerySet(models.QuerySet):
    def for_target(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class ReminderDelivery(models.Model):
    """The delivery log: one row per reminder. The unique key (kind, target,
    recipient, due date) means a repeated or retried sweep never sends twice.

    The target's id is an integer, as every target's primary key is, so a sweep's
    anti-join compares integers with integers and is served by the unique index
    (kind and due lead it: one step of one sweep is one range of the index)."""

    kind = models.CharField(_("kind"), max_length=100)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    # Personal data: recipient and recipient_email (deleted with the account).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deliveries",
        verbose_name=_("recipient"),
    )
    recipient_email = models.EmailField(_("recipient e-mail"))
    due = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    target = GenericForeignKey("content_type", "object_id")
    objects = ReminderDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "due", "content_type", "object_id", "recipient_email"],
                name="reminder_delivery_once",
            )
        ]
        # Erasing an account deletes what was sent to its address.
        indexes = [
            models.Index(fields=["recipient_email"], name="reminder_recipient_email"),
            # The unsent few, for the sweep that hands lost ones to the worker again.
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="reminder_unsent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} → {self.recipient_email} ({self.due})"

    @property
    def kind_label(self):
        """The kind as coordinators read it (the registry is in portal.reminders)."""
        from .reminders import kind_label

        return kind_label(self.kind)


class SitePage(models.Model):
    """An editable text page such as the accessibility statement or the
    privacy notice, in Swedish and English."""

    ACCESSIBILITY = "tillganglighet"
    PRIVACY = "personuppgifter"
    CONTACT = "kontakt"

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_sv = models.TextField(
        _("text (Swedish)"),
        help_text=_(
            "Plain text; a blank line starts a new paragraph and a paragraph starting "
            "with ## is a heading. Write {contact_email} or {contact_phone} where the "
            "municipality's contact e-mail or phone number should appear."
        ),
    )
    body_en = models.TextField(_("text (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title_sv

    @property
    def title(self) -> str:
        if get_language() == "en" and self.title_en:
            return self.title_en
        return self.title_sv

    @property
    def body(self) -> str:
        if get_language() == "en" and self.body_en:
            return self.body_en
        return self.body_sv
