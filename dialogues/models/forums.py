"""Forums: councils, networks and dialogues between the municipality and civil
society, how often each should meet, and the associations that are standing
members of them."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ForumQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def public(self):
        """What a visitor may see: every forum but the internal ones."""
        return self.exclude(audience=Forum.Audience.INTERNAL)

    def with_organisation(self, organisation):
        return self.filter(memberships__organisation=organisation)

    def visible_to(self, user):
        """The queryset twin of the rule ``dialogues.view_forum`` (dialogues/rules.py):
        public forums for everyone; internal ones also for coordinators and for
        representatives of a participating association. One query, no DISTINCT."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self.all()
        from portal.models import CoordinatorAssignment

        represented = ForumMembership.objects.filter(
            forum=OuterRef("pk"), organisation__memberships__user=user
        )
        return self.filter(
            ~Q(audience=Forum.Audience.INTERNAL)
            | Exists(CoordinatorAssignment.objects.filter(user=user))
            | Exists(represented)
        )


class Forum(models.Model):
    """A dialogforum: a recurring (or one-off) series of meetings between the
    municipality and civil society, or among officials."""

    class Kind(models.TextChoices):
        OPEN_DIALOGUE = "open_dialogue", _("Open dialogue forum")
        COUNCIL = "council", _("Council")
        OFFICIALS_NETWORK = "officials_network", _("Officials' network")
        ASSOCIATION_NETWORK = "association_network", _("Association network")
        THEMATIC_DIALOGUE = "thematic_dialogue", _("Thematic dialogue")
        INFORMATION_MEETING = "information_meeting", _("Information meeting")

    class Audience(models.TextChoices):
        OPEN = "open", _("Open to everyone")
        INVITED = "invited", _("By invitation")
        INTERNAL = "internal", _("Internal")

    class Cadence(models.IntegerChoices):
        """Months between meetings, named as people say it."""

        MONTHLY = 1, _("Every month")
        SIX_A_YEAR = 2, _("Six times a year")
        FOUR_A_YEAR = 3, _("Four times a year")
        THREE_A_YEAR = 4, _("Three times a year")
        TWICE_A_YEAR = 6, _("Twice a year")
        YEARLY = 12, _("Once a year")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.OPEN,
        help_text=_("Internal forums are not shown to the public."),
    )
    cadence_months = models.PositiveSmallIntegerField(
        _("how often"),
        choices=Cadence.choices,
        null=True,
        blank=True,
        help_text=_(
            "How often the forum should meet. When no meeting is planned within this "
            "time after the last one, its coordinators are reminded. Empty: when needed."
        ),
    )
    description = models.TextField(_("purpose"), blank=True)
    how_to_take_part = models.TextField(
        _("how to take part"),
        blank=True,
        help_text=_(
            "Who may come and how: e.g. “Open to all associations, sign up for each "
            "meeting” or “Members are appointed by the pensioners' organisations”."
        ),
    )
    coordinator_role = models.CharField(
        _("contact role"),
        max_length=200,
        blank=True,
        help_text=_(
            "The role to contact, not a person: e.g. “Folkhälsosamordnare, Socialförvaltningen”."
        ),
    )
    districts = models.ManyToManyField(
        "organisations.District",
        blank=True,
        related_name="forums",
        verbose_name=_("districts"),
        help_text=_("Empty when the forum is for the whole municipality."),
    )
    topics = models.ManyToManyField(
        "organisations.ActivityArea",
        blank=True,
        related_name="forums",
        verbose_name=_("topics"),
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("department"),
        help_text=_("The department that runs the forum; empty for the whole municipality."),
    )
    # Personal data: coordinators (exported and erased through dialogues/personal_data.py).
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_forums",
        verbose_name=_("coordinators"),
    )
    # Hitta rätt's contact paths this forum is for: shown on their pages.
    contact_paths = models.ManyToManyField(
        "contacts.ContactPath",
        blank=True,
        related_name="forums",
        verbose_name=_("contact paths in Hitta rätt"),
        help_text=_("The forum is listed on these contact paths' pages."),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        through="ForumMembership",
        blank=True,
        related_name="forums",
        verbose_name=_("participating associations"),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when the forum no longer meets.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dialogues:forum", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.audience != self.Audience.INTERNAL


class ForumMembership(models.Model):
    """An association that is a standing member of a forum (a council, a network)."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("forum")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="forum_memberships",
        verbose_name=_("association"),
    )
    joined_on = models.DateField(_("member since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("participating association")
        verbose_name_plural = _("participating associations")
        ordering = ["forum", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "organisation"], name="forummembership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.forum}"
