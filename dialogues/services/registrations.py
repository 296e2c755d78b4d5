"""Signing an association up for a meeting, changing and cancelling the sign-up,
and the waiting list.

Places are counted in attendees. Every change takes the meeting's row lock first
and counts under it, so fifty sign-ups at the same moment for ten places give ten
confirmed and forty waiting, never eleven; the unique constraint (one active
registration per association) holds what the lock does not. When a place frees up
(a cancellation, fewer attendees, more places), the waiting list is read in order
and each registration that fits is given a place and told by e-mail."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisations.models import Membership, Organisation
from portal.audit import audit_log

from ..models import MAX_ATTENDEES, Meeting, Registration
from ..rules import associations_that_may_sign_up


class RegistrationError(Exception):
    """A guard refused the sign-up; ``message`` is for the user, ``field`` the form
    field it concerns (None for the whole form)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def attendee_name_list(text: str) -> list[str]:
    """The names typed, one per line, without empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def check_details(*, meeting: Meeting, attendees, attendee_names: str) -> None:
    """The number of attendees and, when the meeting asks, one name for each: the
    form shows these messages beside the fields, and the service re-checks them."""
    if not isinstance(attendees, int) or not 1 <= attendees <= MAX_ATTENDEES:
        raise RegistrationError(
            _("Sign up between 1 and %(max)s attendees. For more, contact the coordinator.")
            % {"max": MAX_ATTENDEES},
            field="attendees",
        )
    if not meeting.asks_for_names:
        return
    names = len(attendee_name_list(attendee_names))
    if names != attendees:
        raise RegistrationError(
            ngettext(
                "Write the name of the attendee (you wrote %(names)s names).",
                "Write the names of all %(count)s attendees, one per line (you wrote %(names)s).",
                attendees,
            )
            % {"count": attendees, "names": names},
            field="attendee_names",
        )


def _lock_meeting(meeting_id: int) -> Meeting:
    """The meeting's row lock, which every change of its sign-ups takes first (its
    forum is read, not locked)."""
    meetings = Meeting.objects.select_for_update(of=("self",)).select_related("forum")
    meeting = meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise RegistrationError(_("The meeting no longer exists."))
    return meeting


def _lock_registration(registration: Registration, *, by) -> tuple[Meeting, Registration]:
    """The meeting, then the registration and its association, locked in that order
    (the order every sign-up takes), with the representative checked on them."""
    meeting = _lock_meeting(registration.meeting_id)
    Organisation.objects.select_for_update().filter(pk=registration.organisation_id).first()
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=registration.pk, meeting=meeting)
        .active()
        .first()
    )
    if locked is None:
        raise RegistrationError(_("The sign-up has already been cancelled."))
    if not Membership.objects.filter(organisation=locked.organisation, user=by).exists():
        raise RegistrationError(_("You do not represent this association."))
    locked.meeting = meeting
    return meeting, locked


def _refuse_once_started(meeting: Meeting, now) -> None:
    """A sign-up is changed or cancelled until the meeting starts, not after."""
    if meeting.is_cancelled:
        raise RegistrationError(_("The meeting is cancelled."))
    if now >= meeting.starts_at:
        raise RegistrationError(_("The meeting has already started."))


def _fits(meeting: Meeting, attendees: int, *, taken: int) -> bool:
    return meeting.capacity is None or taken + attendees <= meeting.capacity


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    organisation: Organisation,
    by,
    attendees: int,
    attendee_names: str = "",
    needs: str = "",
) -> Registration:
    """Sign ``organisation`` up, with a place or, when the meeting is full, on the
    waiting list (the registration's status says which)."""
    now = timezone.now()
    meeting = _lock_meeting(meeting.pk)
    refusal = meeting.registration_refusal(now)
    if refusal:
        raise RegistrationError(str(refusal))
    if not by.has_perm("dialogues.view_meeting", meeting):
        raise RegistrationError(_("The meeting no longer exists."))
    org = (
        associations_that_may_sign_up(by, meeting)
        .select_for_update()
        .filter(pk=organisation.pk)
        .first()
    )
    if org is None:
        raise RegistrationError(
            _("You cannot sign this association up for the meeting."), field="organisation"
        )
    check_details(meeting=meeting, attendees=attendees, attendee_names=attendee_names)
    if meeting.registrations.active().filter(organisation=org).exists():
        raise RegistrationError(
            _("%(name)s is already signed up: change the sign-up below.") % {"name": org.name},
            field="organisation",
        )
    fits = _fits(meeting, attendees, taken=meeting.places_taken())
    registration = Registration(
        meeting=meeting,
        organisation=org,
        registered_by=by,
        attendees=attendees,
        attendee_names=attendee_names.strip() if meeting.asks_for_names else "",
        needs=needs.strip(),
        status=Registration.Status.CONFIRMED if fits else Registration.Status.WAITING,
        created_at=now,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the constraint, should a writer skip the lock
        raise RegistrationError(
            _("%(name)s is already signed up.") % {"name": org.name}, field="organisation"
        ) from exc
    audit_log(
        actor=by,
        action="registration.created",
        target=registration,
        data={"status": registration.status, "attendees": attendees},
    )
    mail_registration(registration, "registration_created")
    return registration


@transaction.atomic
def registration_update(
    *, registration: Registration, by, attendees: int, attendee_names: str = "", needs: str = ""
) -> Registration:
    """Change the number of attendees, their names or needs. While registration is
    open a confirmed sign-up may grow if places are left; after it closes (until the
    meeting starts) the number may only go down. Fewer attendees free places for
    the waiting list."""
    now = timezone.now()
    meeting, registration = _lock_registration(registration, by=by)
    _refuse_once_started(meeting, now)
    check_details(meeting=meeting, attendees=attendees, attendee_names=attendee_names)
    more = attendees - registration.attendees
    if more > 0 and meeting.registration_refusal(now):
        raise RegistrationError(
            _("Registration has closed: you can lower the number of attendees or cancel."),
            field="attendees",
        )
    if more > 0 and registration.status == Registration.Status.CONFIRMED:
        left = meeting.capacity - meeting.places_taken() if meeting.capacity else None
        if left is not None and more > left:
            raise RegistrationError(
                ngettext(
                    "Only %(count)s more place is left.",
                    "Only %(count)s more places are left.",
                    left,
                )
                % {"count": left},
                field="attendees",
            )
    names = attendee_names.strip() if meeting.asks_for_names else ""
    values = {"attendees": attendees, "attendee_names": names, "needs": needs.strip()}
    changed = [field for field, value in values.items() if getattr(registration, field) != value]
    before = registration.attendees
    for field, value in values.items():
        setattr(registration, field, value)
    registration.save(update_fields=[*values, "updated_at"])
    audit_log(
        actor=by,
        action="registration.changed",
        target=registration,
        # Names and needs are personal data: only that they changed.
        data={"fields": changed, "attendees": [before, attendees], "status": registration.status},
    )
    if more < 0:
        _fill_places(meeting, now=now, by=by)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """Cancel until the meeting starts; the names and needs go with it (nobody needs
    them any more) and the place goes to the waiting list."""
    now = timezone.now()
    meeting, registration = _lock_registration(registration, by=by)
    _refuse_once_started(meeting, now)
    previous = registration.status
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.attendee_names = registration.needs = ""
    registration.save(
        update_fields=["status", "cancelled_at", "attendee_names", "needs", "updated_at"]
    )
    audit_log(
        actor=by, action="registration.cancelled", target=registration, data={"from": previous}
    )
    if previous == Registration.Status.CONFIRMED:
        _fill_places(meeting, now=now, by=by)
    return registration


@transaction.atomic
def registrations_fill_places(*, meeting: Meeting, by=None) -> list[Registration]:
    """After a coordinator gives the meeting more places (or none, for no limit):
    the waiting list moves up. Returns the registrations given a place."""
    meeting = _lock_meeting(meeting.pk)
    return _fill_places(meeting, now=timezone.now(), by=by)


def _fill_places(meeting: Meeting, *, now, by) -> list[Registration]:
    """Under the meeting's lock: each waiting registration, in the order they came,
    that fits in the places left gets one and is told."""
    if meeting.is_cancelled or now >= meeting.starts_at:
        return []
    taken = meeting.places_taken()
    promoted = []
    for registration in meeting.registrations.waiting().select_for_update():
        if meeting.capacity is not None and taken >= meeting.capacity:
            break
        if not _fits(meeting, registration.attendees, taken=taken):
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        taken += registration.attendees
        audit_log(
            actor=by,
            action="registration.promoted",
            target=registration,
            data={"attendees": registration.attendees},
        )
        mail_registration(registration, "registration_promoted")
        promoted.append(registration)
    return promoted


def waiting_position(registration: Registration) -> int | None:
    """The registration's place in the waiting list (1 for the first), or None."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = registration.meeting.registrations.waiting().filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lte=registration.pk)
    )
    return ahead.count()


# --- mail -----------------------------------------------------------------------------


def _recipients(registration: Registration) -> tuple[list[int], list[str]]:
    """Who hears about a registration: the person who made it; when their account
    is gone, the association's administrators, or else its own address."""
    user = registration.registered_by
    if user is not None and user.is_active:
        return [user.pk], []
    admins = list(
        Membership.objects.filter(
            organisation_id=registration.organisation_id,
            role=Membership.Role.ADMIN,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    if admins:
        return admins, []
    email = registration.organisation.email
    return [], [email] if email else []


def mail_registration(registration: Registration, template: str, **extra) -> None:
    """One task per recipient, enqueued after commit (a retry never mails the others);
    ``extra`` goes to the task as it is (ids and strings only)."""
    from ..tasks import send_registration_mail

    user_ids, emails = _recipients(registration)
    base = {"template": template, "registration_id": registration.pk, **extra}
    for user_id in user_ids:
        kwargs = {**base, "user_id": user_id}
        transaction.on_commit(lambda kwargs=kwargs: send_registration_mail.delay(**kwargs))
    for email in emails:
        kwargs = {**base, "email": email}
        transaction.on_commit(lambda kwargs=kwargs: send_registration_mail.delay(**kwargs))


def notify_cancelled(meeting: Meeting) -> int:
    """Tell everyone signed up or waiting that the meeting is cancelled (called by
    the service that cancels it, in its transaction). Returns how many sign-ups
    were told."""
    registrations = list(
        meeting.registrations.active().select_related("registered_by", "organisation")
    )
    for registration in registrations:
        mail_registration(registration, "meeting_cancelled")
    return len(registrations)


def notify_moved(meeting: Meeting, moved_from) -> int:
    """Tell everyone signed up or waiting the meeting's new time (called by the
    service that moves it, in its transaction). Returns how many sign-ups were told."""
    registrations = list(
        meeting.registrations.active().select_related("registered_by", "organisation")
    )
    for registration in registrations:
        mail_registration(registration, "meeting_moved", moved_from=moved_from.isoformat())
    return len(registrations)
