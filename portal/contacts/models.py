"""Contact paths (kontaktvägar): what a visitor can get help with, at which
department, from which role and, when they agreed, which person; the topics they
are found by; and the vocabulary their search corrects and splits compounds with."""

import calendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import ActivityArea
from portal.contact import Contact
from portal.inputs import WITHIN_YEARS_MESSAGE, within_years
from portal.languages import localized
from portal.models import Department
from portal.rules import departments_in_charge

from .validators import validate_page_link, validate_phone

DESCRIPTION_MAX_LENGTH = 3000
OPENING_HOURS_MAX_LENGTH = 500
REVIEW_MONTHS = 12  # a path not reviewed for this long is flagged to its owner


class Topic(models.Model):
    """What a question is about ("Bidrag", "Lokaler"): data coordinators keep, in
    Swedish and English."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (Swedish when there is no English one)."""
        return localized(self)


# --- Review dates ---------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day clamped to the month's end (31 January
    plus one month is 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def review_cutoff(today: date, *, grace_days: int = 0) -> datetime:
    """Paths reviewed before this moment are REVIEW_MONTHS (plus ``grace_days``) past
    their last review on ``today``: reviewed on 3 May 2026, due on 3 May 2027."""
    last_day = add_months(today - timedelta(days=grace_days), -REVIEW_MONTHS)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


def tel_uri(phone: str) -> str:
    """A phone number as a tel: link ("08-535 300 00" -> tel:+46853530000)."""
    return Contact(email="", phone=phone).phone_uri if phone else ""


def email_html(email: str):
    """An address that wraps after the @ and before a dot on a narrow screen."""
    return Contact(email=email, phone="").email_html


class ContactPathQuerySet(models.QuerySet):
    def published(self, today: date | None = None):
        """What visitors see: published, and not past its last day."""
        today = today or timezone.localdate()
        return self.filter(is_published=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )

    def changeable_by(self, user):
        """The twin of "contacts.change_contactpath" (rules.py): the paths of the
        departments the user is in charge of (``departments_in_charge``)."""
        departments = departments_in_charge(user)
        if departments is None:
            return self.all()
        return self.filter(department_id__in=departments)

    def reviewable_by(self, user):
        """The twin of "contacts.review_contactpath": those the user may change, and
        those naming the user as the person to contact."""
        if not user.is_authenticated:
            return self.none()
        departments = departments_in_charge(user)
        if departments is None:
            return self.all()
        return self.filter(Q(department_id__in=departments) | Q(person=user))

    def visible_to(self, user):
        """The twin of "contacts.view_contactpath": published paths for everyone, and
        the unpublished or ended ones to those who may change them."""
        today = timezone.localdate()
        public = Q(is_published=True) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        departments = departments_in_charge(user)
        if departments is None:
            return self.all()
        if not departments:
            return self.filter(public)
        return self.filter(public | Q(department_id__in=departments))

    def review_due(self, today: date):
        """Published paths not reviewed for REVIEW_MONTHS (index contactpath_review)."""
        return self.filter(is_published=True, reviewed_at__lt=review_cutoff(today))


class ContactPath(models.Model):
    """Whom to contact about what: officials of the department publish it."""

    title = models.CharField(
        _("what you can get help with"),
        max_length=200,
        help_text=_("A short heading, for example “Grants for associations”."),
    )
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    description = models.TextField(
        _("description"),
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
        help_text=_("What you can help with and what the visitor should have ready. Plain text."),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="contact_paths",
        verbose_name=_("department"),
    )
    role = models.CharField(
        _("role"), max_length=200, help_text=_("For example “Association consultant”.")
    )
    # The role's own channels: a shared mailbox and a switchboard, not a person's.
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("A shared address, not a person's.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    # Personal data: person, person_name, person_email, person_phone (shown only with
    # the person's consent; erased through portal.personal_data, the role stays).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="named_contact_paths",
        verbose_name=_("person with an account"),
        help_text=_("Whoever answers, if they have an account; else write their name below."),
    )
    person_name = models.CharField(_("person's name"), max_length=200, blank=True)
    person_email = models.EmailField(_("person's e-mail"), blank=True)
    person_phone = models.CharField(
        _("person's phone"), max_length=40, blank=True, validators=[validate_phone]
    )
    person_is_public = models.BooleanField(
        _("show the person"),
        default=False,
        help_text=_("The person agrees to their name, e-mail and phone being shown publicly."),
    )
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        validators=[MaxLengthValidator(OPENING_HOURS_MAX_LENGTH)],
        help_text=_("When you answer, for example “Mon–Thu 9–12 and 13–16”."),
    )
    topics = models.ManyToManyField(Topic, related_name="contact_paths", verbose_name=_("topics"))
    target_groups = models.ManyToManyField(
        ActivityArea,
        related_name="contact_paths",
        blank=True,
        limit_choices_to={"kind": ActivityArea.Kind.TARGET_GROUP},
        verbose_name=_("target groups"),
    )
    # A forum's page, a form or a page of the municipality's website. The dialogues
    # app may attach its forums itself later (a link held by the later app).
    related_page = models.CharField(
        _("related page"),
        max_length=500,
        blank=True,
        validators=[validate_page_link],
        help_text=_("An address starting with https:// or, on this portal, with /."),
    )
    related_page_title = models.CharField(_("name of the related page"), max_length=200, blank=True)
    valid_until = models.DateField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a contact path that does not end."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished paths are seen only by their editors."),
    )
    reviewed_at = models.DateTimeField(_("last reviewed"), default=timezone.now)
    # Personal data: reviewed_by, created_by (cleared when the account is erased).
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Maintained by the services (portal/contacts/search.py).
    search_vector = SearchVectorField(_("search words"), null=True, editable=False)

    objects = ContactPathQuerySet.as_manager()

    # Old and new values in the audit log (portal.audit.field_changes): not a person's.
    audit_values = (
        "title",
        "slug",
        "department",
        "role",
        "email",
        "phone",
        "opening_hours",
        "related_page",
        "related_page_title",
        "valid_until",
        "is_published",
        "person_is_public",
    )

    class Meta:
        verbose_name = _("contact path")
        verbose_name_plural = _("contact paths")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=within_years("valid_until", dates=True, null=True),
                name="contactpath_valid_until_within_years",
                violation_error_message=WITHIN_YEARS_MESSAGE,
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="contactpath_search_vector", fastupdate=False),
            # The review sweep and the desk read only what is due.
            models.Index(
                fields=["reviewed_at"], condition=Q(is_published=True), name="contactpath_review"
            ),
            models.Index(fields=["department", "title"], name="contactpath_department"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("contacts:detail", args=[self.slug])

    @property
    def person_display_name(self) -> str:
        if self.person_name:
            return self.person_name
        return self.person.display_name if self.person_id else ""

    @property
    def shown_person(self) -> dict | None:
        """The person as visitors see them: only with their consent."""
        if not self.person_is_public or not self.person_display_name:
            return None
        email = self.person_email or (self.person.email if self.person_id else "")
        return {
            "name": self.person_display_name,
            "email": email,
            "email_html": email_html(email),
            "phone": self.person_phone,
            "phone_uri": tel_uri(self.person_phone),
        }

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)

    @property
    def email_html(self):
        return email_html(self.email)

    def is_shown(self, today: date | None = None) -> bool:
        """Seen by visitors (the twin of ``ContactPath.objects.published()``)."""
        today = today or timezone.localdate()
        return self.is_published and (self.valid_until is None or self.valid_until >= today)

    def review_due_on(self) -> date:
        return add_months(timezone.localdate(self.reviewed_at), REVIEW_MONTHS)

    def is_stale(self, today: date | None = None) -> bool:
        """Shown as not reviewed: REVIEW_MONTHS and the grace period past its review."""
        today = today or timezone.localdate()
        grace = settings.CONTACT_PATH_REVIEW_GRACE_DAYS
        return self.reviewed_at < review_cutoff(today, grace_days=grace)

    def is_review_due(self, today: date | None = None) -> bool:
        return self.reviewed_at < review_cutoff(today or timezone.localdate())


class SearchWord(models.Model):
    """A distinct lower-case word of the contact paths' texts, topics, target groups
    and departments: the vocabulary their search splits compounds ("bidrag" finds
    "Föreningsbidrag") and corrects misspellings with (organisations.search).
    Filled by ``search.reindex``; a trigram index makes the lookup a millisecond."""

    word = models.TextField(_("word"), primary_key=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [
            GinIndex(
                OpClass("word", name="gin_trgm_ops"),
                name="contacts_searchword_trgm",
                fastupdate=False,
            )
        ]

    def __str__(self) -> str:
        return self.word
