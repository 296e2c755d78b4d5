"""En väg in: inquiries (questions, ideas, offers, complaints) from anyone, their
topics and routing rules, the messages both ways, hand-overs, pauses of the answer
clock, attachments, the readable per-year reference and the days the office is
closed beyond the public holidays (portal/workdays.py reads those)."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.languages import localized
from portal.uploads import PrivateFile, attachment_storage

MESSAGE_MAX_LENGTH = 5000
SUBJECT_MAX_LENGTH = 150
REFERENCE_PREFIX = "EVI"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A private link's token and the hash that is all the database keeps of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


class Topic(models.Model):
    """What an inquiry is about, as data coordinators edit (and routing rules use)."""

    name = models.CharField(_("name (Swedish)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_active = models.BooleanField(_("offered in the form"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=100)

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


class RoutingRule(models.Model):
    """A topic's inquiries are suggested for this department (and official): the
    coordinator who assigns sees the suggestion and decides."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="routing_rules", verbose_name=_("topic")
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("department"),
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("official"),
        help_text=_("Optional: a named official in the department who usually answers."),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=100, help_text=_("Lower numbers are suggested first.")
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["priority", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "department"], name="routingrule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.topic} → {self.department}"


class ClosedDay(models.Model):
    """A day the municipality does not count as a working day although the
    calendar does: a bridge day, a closed office."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"


class InquirySequence(models.Model):
    """The last reference number given in a year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def next_reference(year: int) -> str:
    """EVI-2026-00123: the year's next number, taken in one statement (an upsert
    that increments), so concurrent submissions never share a number and a
    rolled-back one leaves only a gap. The ORM cannot say an incrementing upsert."""
    table = connection.ops.quote_name(InquirySequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last) VALUES (%s, 1) ON CONFLICT (year)"
            f" DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [year],
        )
        (number,) = cursor.fetchone()
    return f"{REFERENCE_PREFIX}-{year}-{number:05d}"


class InquiryQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Inquiry.Status.CLOSED)

    def unassigned(self):
        return self.filter(status=Inquiry.Status.RECEIVED)

    def overdue(self, now=None):
        """Open and past a deadline: not acknowledged in time, or not answered."""
        now = now or timezone.now()
        return self.open().filter(
            Q(acknowledged_at__isnull=True, acknowledge_due_at__lt=now) | Q(answer_due_at__lt=now)
        )

    def handed_around(self):
        """Handed over more than twice: flagged to the coordinators."""
        return self.filter(handover_count__gt=Inquiry.HANDOVER_FLAG)

    def visible_to(self, user):
        """The twin of "inquiries.view_inquiry" (rules.py): every case for municipal
        coordinators, the department's for its coordinators, one's own for the
        assignee. Senders follow theirs through ``sent_by`` or the private link."""
        from portal.models import CoordinatorAssignment

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        assignments = CoordinatorAssignment.objects.filter(user=user)
        if assignments.municipal().exists():
            return self.all()
        coordinated = assignments.filter(department=OuterRef("department_id"))
        return self.filter(Q(assignee=user) | Exists(coordinated))

    def sent_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(sender_user=user)

    def with_token(self, token: str):
        """The one inquiry whose private link this is (the caller compares the
        hashes again in constant time)."""
        if not token or len(token) > 100:
            return self.none()
        return self.filter(token_hash=token_hash(token))


class Inquiry(models.Model):
    """One question, idea, offer or complaint, from its receipt to its close."""

    HANDOVER_FLAG = 2

    class Kind(models.TextChoices):
        QUESTION = "question", _("A question")
        IDEA = "idea", _("An idea for collaboration")
        OFFER = "offer", _("An offer")
        COMPLAINT = "complaint", _("A complaint")

    class Offer(models.TextChoices):
        PREMISES = "premises", _("Premises")
        VOLUNTEERS = "volunteers", _("Volunteers")
        KNOWLEDGE = "knowledge", _("Knowledge")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        DIALOGUE = "dialogue", _("In dialogue")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        COLLABORATION = "collaboration", _("Became a collaboration or agreement")
        REFERRED = "referred", _("Referred elsewhere")
        DECLINED = "declined", _("Declined")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    offer = models.CharField(_("what is offered"), max_length=20, choices=Offer.choices, blank=True)
    # Personal data: subject, message (may name people; erased with the sender's data).
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    districts = models.ManyToManyField(
        "organisations.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    target_groups = models.ManyToManyField(
        "organisations.ActivityArea",
        blank=True,
        related_name="+",
        verbose_name=_("target groups"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
    )
    # Personal data: sender_user, sender_name, sender_email, sender_language (shown only
    # to coordinators and the assignee; erased INQUIRY_RETENTION_DAYS after closing).
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries_sent",
        verbose_name=_("sender's account"),
    )
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    sender_email = models.EmailField(_("sender's e-mail address"), blank=True)
    sender_language = models.CharField(
        _("sender's language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(
        _("answer or reason"), max_length=MESSAGE_MAX_LENGTH, blank=True
    )
    # The partnerships app holds the collaboration's link to the inquiry; until then
    # the coordinator may paste the address of the collaboration or agreement.
    outcome_link = models.URLField(_("link to the collaboration"), blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    referred_contact = models.CharField(_("how to reach them"), max_length=300, blank=True)
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name=_("department"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries_assigned",
        verbose_name=_("assignee"),
    )
    handover_count = models.PositiveSmallIntegerField(_("hand-overs"), default=0)
    token_hash = models.CharField(_("private link"), max_length=64, unique=True, editable=False)
    # The form's one-time key: a second submission of the same form finds this case.
    submission = models.UUIDField(_("form submission"), unique=True, null=True, editable=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledge_due_at = models.DateTimeField(_("to be acknowledged by"))
    acknowledge_remind_at = models.DateTimeField(
        _("acknowledgement reminder"), null=True, blank=True
    )
    # None while the case waits for the sender (the clock is paused) and once closed.
    answer_due_at = models.DateTimeField(_("to be answered by"), null=True, blank=True)
    answer_remind_at = models.DateTimeField(_("answer reminder"), null=True, blank=True)
    paused_since = models.DateTimeField(_("waiting for the sender since"), null=True, blank=True)
    paused_working_days = models.PositiveSmallIntegerField(
        _("working days waited for the sender"), default=0
    )
    delay_noticed_at = models.DateTimeField(_("delay notice sent"), null=True, blank=True)
    expected_answer_on = models.DateField(_("answer now expected"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Working days from receipt to the first person's action and to the close, kept
    # when they happen: the statistics' medians are then one query (stats.py).
    acknowledge_working_days = models.SmallIntegerField(
        _("working days to acknowledge"), null=True, blank=True
    )
    close_working_days = models.SmallIntegerField(_("working days to close"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-received_at", "-pk"]
        permissions = [("triage_inquiry", _("Can triage inquiries"))]
        indexes = [
            models.Index(fields=["status", "-received_at"], name="inquiry_status_received"),
            # The list's order, and the statistics' months.
            models.Index(fields=["-received_at"], name="inquiry_received"),
            # The desk's "closed in the last 30 days".
            models.Index(fields=["closed_at"], condition=Q(status="closed"), name="inquiry_closed"),
            # The sweeps read only what is due: partial indexes on open cases.
            models.Index(
                fields=["acknowledge_remind_at"],
                condition=Q(acknowledged_at__isnull=True) & ~Q(status="closed"),
                name="inquiry_ack_remind_open",
            ),
            models.Index(
                fields=["acknowledge_due_at"],
                condition=Q(acknowledged_at__isnull=True) & ~Q(status="closed"),
                name="inquiry_ack_due_open",
            ),
            models.Index(
                fields=["answer_remind_at"],
                condition=~Q(status="closed"),
                name="inquiry_ans_remind",
            ),
            models.Index(
                fields=["answer_due_at"], condition=~Q(status="closed"), name="inquiry_ans_due_open"
            ),
            models.Index(
                fields=["closed_at"],
                condition=Q(status="closed", erased_at__isnull=True),
                name="inquiry_to_erase",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(outcome=""))
                | (~Q(status="closed") & Q(outcome="")),
                name="inquiry_closed_has_outcome",
                violation_error_message=_("A closed inquiry needs an outcome, an open one none."),
            ),
            models.CheckConstraint(
                condition=Q(kind="offer") | Q(offer=""),
                name="inquiry_offer_only_for_offers",
                violation_error_message=_("Only an offer says what is offered."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def is_handed_around(self) -> bool:
        return self.handover_count > self.HANDOVER_FLAG

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        if self.is_closed:
            return False
        late_ack = self.acknowledged_at is None and self.acknowledge_due_at < now
        return late_ack or (self.answer_due_at is not None and self.answer_due_at < now)

    def matches_token(self, token: str) -> bool:
        return hmac.compare_digest(self.token_hash, token_hash(token))

    @property
    def holder_label(self) -> str:
        """Who holds the case, as the sender is told: a named official, else the
        department, else the municipal coordinators."""
        if self.assignee_id:
            name = self.assignee.get_full_name() or self.assignee.email
            return f"{name}, {self.department}" if self.department_id else name
        if self.department_id:
            return str(self.department)
        return str(_("the municipality's coordinators"))


class InquiryMessage(models.Model):
    """A message to or from the sender, an internal note, or an event the sender is
    told of (a hand-over, the close, a delay notice)."""

    class Kind(models.TextChoices):
        FROM_SENDER = "from_sender", _("From the sender")
        TO_SENDER = "to_sender", _("To the sender")
        NOTE = "note", _("Internal note")
        EVENT = "event", _("Event")

    class Event(models.TextChoices):
        HANDED_OVER = "handed_over", _("Handed over")
        CLOSED = "closed", _("Closed")
        DELAYED = "delayed", _("Delay notice")

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="messages", verbose_name=_("inquiry")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    event = models.CharField(_("event"), max_length=20, choices=Event.choices, blank=True)
    # Personal data: body (the sender's own words, or words to them); erased with the
    # sender's data. The author is an official or the sender's account.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    # What the sender is told about an event: the new holder's name, for example.
    details = models.JSONField(_("details"), default=dict, blank=True)
    waits_for_sender = models.BooleanField(_("waits for the sender"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("inquiry message")
        verbose_name_plural = _("inquiry messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["inquiry", "created_at"], name="inquirymessage_thread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="event") | Q(event=""),
                name="inquirymessage_event_only_for_events",
                violation_error_message=_("Only an event message names an event."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.get_kind_display()}"

    @property
    def is_internal(self) -> bool:
        return self.kind == self.Kind.NOTE


class InquiryHandover(models.Model):
    """One assignment of the case: from whom to whom, why, by whom."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("inquiry")
    )
    from_department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from department"),
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from official"),
    )
    to_department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to department"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to official"),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.inquiry_id}: {self.to_user or self.to_department}"


class InquiryPause(models.Model):
    """A time the case waited for the sender: the answer clock stood still."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("inquiry")
    )
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry"],
                condition=Q(ended_at__isnull=True),
                name="inquirypause_one_open",
                violation_error_message=_("The case already waits for the sender."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.started_at:%Y-%m-%d}"


class InquiryAttachment(PrivateFile):
    """A file sent with the inquiry; served only to the case's parties."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("inquiry")
    )
    # Personal data: file and name (erased with the sender's data).
    file = models.FileField(_("file"), storage=attachment_storage, upload_to="inquiries/%Y/%m/")

    class Meta(PrivateFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
