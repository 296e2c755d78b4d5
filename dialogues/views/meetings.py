"""The meeting page (dialogues:meeting): what, when, where and how accessible,
places left and the state of registration; for a representative, the sign-up of
their associations (sign up, change, cancel) and their questions. Thin views: bind
the form, call the service, show a message, redirect; a refused form is shown again
on the page with what was typed and the message beside its field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.ical import document

from ..ical_meetings import meeting_event
from ..models import FollowUpItem, Meeting, MeetingInvitation, MeetingQuestion, Registration
from ..rules import associations_that_may_sign_up
from ..services import questions, registrations
from ..services.registrations import RegistrationError
from ..signup_forms import QuestionForm, RegistrationDetailsForm, SignUpForm

TEMPLATE = "dialogues/meeting.html"


def get_meeting(request, slug, pk) -> Meeting:
    """Among the meetings the user may see (the twin of dialogues.view_meeting): one
    they may not see is a 404, like one that does not exist."""
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("forum__department"),
        forum__slug=slug,
        pk=pk,
    )


def free_associations(user, meeting):
    """The associations the user may still sign up (none of them is signed up),
    each marked ``invited``."""
    active = Registration.objects.active().filter(meeting=meeting, organisation=OuterRef("pk"))
    invited = MeetingInvitation.objects.filter(meeting=meeting, organisation=OuterRef("pk"))
    return (
        associations_that_may_sign_up(user, meeting)
        .exclude(Exists(active))
        .annotate(invited=Exists(invited))
    )


def registration_state(meeting: Meeting, now, *, is_full: bool) -> str:
    """Registration in words, as the page says it."""
    if meeting.is_cancelled:
        return _("The meeting is cancelled.")
    if now >= meeting.ends_at or meeting.status in (
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_PUBLISHED,
    ):
        return _("The meeting has been held.")
    if now >= meeting.starts_at:
        return _("The meeting has started.")
    if meeting.status == Meeting.Status.PLANNED:
        return _("Registration has not opened yet.")
    if not meeting.registration_is_open(now):
        return _("Registration has closed.")
    words = _("Open for registration.")
    if meeting.registration_deadline:
        deadline = timezone.localtime(meeting.registration_deadline)
        words = _("Open for registration until %(date)s.") % {
            "date": formats.date_format(deadline, "j F Y, H:i")
        }
    if is_full:
        words += " " + _("The meeting is full: new sign-ups go to the waiting list.")
    return words


def _waiting_positions(meeting, registrations_of_user) -> None:
    """Each waiting registration's ``position`` in the list, in one query."""
    if not any(r.status == Registration.Status.WAITING for r in registrations_of_user):
        return
    order = list(meeting.registrations.waiting().values_list("pk", flat=True))
    for registration in registrations_of_user:
        if registration.pk in order:
            registration.position = order.index(registration.pk) + 1


def page_context(request, meeting, *, signup_form=None, change=None, question_form=None) -> dict:
    """The page's context in a constant number of queries, whatever the number of
    associations and sign-ups. ``change`` is a bound (registration, form) to show
    again with its errors."""
    user, now = request.user, timezone.now()
    taken = meeting.places_taken()
    capacity = meeting.capacity
    is_full = capacity is not None and taken >= capacity
    context = {
        "meeting": meeting,
        "forum": meeting.forum,
        "places_left": max(capacity - taken, 0) if capacity is not None else None,
        "is_full": is_full,
        "state": registration_state(meeting, now, is_full=is_full),
        "can_register": meeting.registration_is_open(now),
        "can_change": not meeting.is_cancelled and now < meeting.starts_at,
        "can_view_participants": user.has_perm("dialogues.view_participants", meeting),
    }
    if meeting.status == Meeting.Status.MINUTES_PUBLISHED:
        # One query for both lists, through the items' own visibility rule.
        items = list(
            FollowUpItem.objects.visible_to(user)
            .filter(Q(meeting=meeting) | Q(carried_to=meeting))
            .select_related("owner_department")
        )
        context["follow_ups"] = [i for i in items if i.meeting_id == meeting.pk]
        context["carried_follow_ups"] = [i for i in items if i.meeting_id != meeting.pk]
    if not user.is_authenticated:
        return context
    mine = list(
        Registration.objects.active()
        .filter(meeting=meeting, organisation__memberships__user=user)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    _waiting_positions(meeting, mine)
    for registration in mine:
        if change and change[0].pk == registration.pk:
            registration.form = change[1]
        else:
            registration.form = RegistrationDetailsForm(
                meeting=meeting,
                prefix=f"r{registration.pk}",
                initial={
                    "attendees": registration.attendees,
                    "attendee_names": registration.attendee_names,
                    "needs": registration.needs,
                },
            )
    free = list(free_associations(user, meeting))
    may_send = list(associations_that_may_sign_up(user, meeting))
    if signup_form is None and free and context["can_register"]:
        chosen = request.GET.get("forening", "")
        signup_form = SignUpForm(
            meeting=meeting,
            associations=free_associations(user, meeting),
            listed=free,
            initial={"organisation": next((a.pk for a in free if str(a.pk) == chosen), free[0].pk)},
        )
    topics = list(meeting.forum.topics.values_list("name", flat=True)) if may_send else []
    if question_form is None and may_send and context["can_change"]:
        question_form = QuestionForm(
            associations=associations_that_may_sign_up(user, meeting),
            listed=may_send,
            topics=topics,
            initial={"organisation": may_send[0].pk},
        )
    context.update(
        registrations=mine,
        free_associations=free,
        invited=[a for a in free if a.invited],
        signup_form=signup_form,
        question_form=question_form,
        topics=topics,
        questions=list(
            MeetingQuestion.objects.filter(meeting=meeting, organisation__memberships__user=user)
            .select_related("organisation")
            .order_by("created_at", "pk")
        ),
    )
    return context


@require_GET
def meeting_detail(request, slug, pk):
    meeting = get_meeting(request, slug, pk)
    return render(request, TEMPLATE, page_context(request, meeting))


@require_GET
def meeting_ics(request, slug, pk):
    """The one meeting as an iCalendar file ("Add to calendar")."""
    meeting = get_meeting(request, slug, pk)
    body = document(
        [
            meeting_event(
                meeting,
                host=request.get_host().split(":")[0],
                url_for=request.build_absolute_uri,
                now=timezone.now(),
            )
        ],
        name=meeting.theme,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response


def _back(meeting) -> str:
    return f"{meeting.get_absolute_url()}#anmalan"


def signed_up_message(registration: Registration) -> str:
    name = registration.organisation.name
    if registration.status == Registration.Status.WAITING:
        return _(
            "The meeting is full: %(name)s is on the waiting list, as number %(position)s. "
            "We will e-mail you if a place frees up."
        ) % {"name": name, "position": registrations.waiting_position(registration)}
    return ngettext(
        "%(name)s is signed up with %(count)s attendee. A confirmation is on its way by e-mail.",
        "%(name)s is signed up with %(count)s attendees. A confirmation is on its way by e-mail.",
        registration.attendees,
    ) % {"name": name, "count": registration.attendees}


@login_required
@require_POST
def sign_up(request, slug, pk):
    meeting = get_meeting(request, slug, pk)
    form = SignUpForm(
        request.POST, meeting=meeting, associations=free_associations(request.user, meeting)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = registrations.registration_create(
                meeting=meeting,
                organisation=data["organisation"],
                by=request.user,
                attendees=data["attendees"],
                attendee_names=data.get("attendee_names", ""),
                needs=data["needs"],
            )
        except RegistrationError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, signed_up_message(registration))
            return redirect(_back(meeting))
    return render(request, TEMPLATE, page_context(request, meeting, signup_form=form))


def _own_registration(request, meeting, registration_pk) -> Registration:
    """One of the meeting's active sign-ups of an association the user represents."""
    return get_object_or_404(
        Registration.objects.active().select_related("organisation"),
        meeting=meeting,
        pk=registration_pk,
        organisation__memberships__user=request.user,
    )


@login_required
@require_POST
def change_registration(request, slug, pk, registration_pk):
    meeting = get_meeting(request, slug, pk)
    registration = _own_registration(request, meeting, registration_pk)
    form = RegistrationDetailsForm(request.POST, meeting=meeting, prefix=f"r{registration.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = registrations.registration_update(
                registration=registration,
                by=request.user,
                attendees=data["attendees"],
                attendee_names=data.get("attendee_names", ""),
                needs=data["needs"],
            )
        except RegistrationError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(
                request,
                _("The sign-up of %(name)s is changed.") % {"name": registration.organisation.name},
            )
            return redirect(_back(meeting))
    return render(request, TEMPLATE, page_context(request, meeting, change=(registration, form)))


@login_required
@require_http_methods(["GET", "POST"])
def cancel_registration(request, slug, pk, registration_pk):
    """GET asks to be sure; POST cancels."""
    meeting = get_meeting(request, slug, pk)
    registration = _own_registration(request, meeting, registration_pk)
    if request.method == "POST":
        try:
            registrations.registration_cancel(registration=registration, by=request.user)
        except RegistrationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The sign-up of %(name)s is cancelled.")
                % {"name": registration.organisation.name},
            )
        return redirect(_back(meeting))
    return render(
        request,
        "dialogues/registration_cancel.html",
        {"meeting": meeting, "registration": registration},
    )


@login_required
@require_POST
def send_question(request, slug, pk):
    meeting = get_meeting(request, slug, pk)
    form = QuestionForm(
        request.POST, associations=associations_that_may_sign_up(request.user, meeting)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            questions.question_submit(
                meeting=meeting,
                organisation=data["organisation"],
                by=request.user,
                topic=data["topic"],
                text=data["text"],
            )
        except RegistrationError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Thank you: the question is sent to the coordinators."))
            return redirect(f"{meeting.get_absolute_url()}#fragor")
    return render(request, TEMPLATE, page_context(request, meeting, question_form=form))
