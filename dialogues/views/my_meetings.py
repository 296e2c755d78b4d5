"""A representative's meetings: the coming meetings their associations are signed
up for, waiting for or invited to (My meetings), the same as a personal iCalendar
feed behind a secret address that can be renewed, and the invitations on an
association's own page."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from organisations.models import Membership
from portal.ical import document

from ..ical_meetings import meeting_event
from ..models import CalendarFeed, Meeting, MeetingInvitation, Registration
from ..services.feeds import calendar_feed_renew

FEED_PAST_DAYS = 30
MEETINGS_LIMIT = 200


def meetings_of(user, *, since):
    """The meetings (cancelled ones too: they should hear) ending after ``since``
    that an association the user represents is signed up for, waiting for or
    invited to, each with ``my_registrations`` and ``my_invitations``: three
    queries, however many."""
    mine = Q(organisation__memberships__user=user)
    registrations = Registration.objects.active().filter(mine)
    invitations = MeetingInvitation.objects.filter(mine)
    return (
        Meeting.objects.visible_to(user)
        .filter(ends_at__gte=since)
        .filter(
            Exists(registrations.filter(meeting=OuterRef("pk")))
            | Exists(invitations.filter(meeting=OuterRef("pk")))
        )
        .select_related("forum")
        .prefetch_related(
            Prefetch(
                "registrations",
                queryset=registrations.select_related("organisation").order_by(
                    "organisation__name"
                ),
                to_attr="my_registrations",
            ),
            Prefetch(
                "invitations",
                queryset=invitations.select_related("organisation").order_by("organisation__name"),
                to_attr="my_invitations",
            ),
        )
        .order_by("starts_at", "pk")[:MEETINGS_LIMIT]
    )


def _rows(meeting) -> list[tuple]:
    """(association, registration or None) for each association of the user that
    takes part or is invited; an invitation without a sign-up has None."""
    rows = [(r.organisation, r) for r in meeting.my_registrations]
    registered = {r.organisation_id for r in meeting.my_registrations}
    rows += [
        (i.organisation, None)
        for i in meeting.my_invitations
        if i.organisation_id not in registered
    ]
    return rows


@login_required
@require_GET
def my_meetings(request):
    meetings = list(meetings_of(request.user, since=timezone.now()))
    for meeting in meetings:
        meeting.rows = _rows(meeting)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(
        request,
        "dialogues/my_meetings.html",
        {
            "meetings": meetings,
            "feed": feed,
            "feed_url": request.build_absolute_uri(
                reverse("dialogues:my_meetings_ics", args=[feed.token])
            )
            if feed
            else None,
            "represents": Membership.objects.filter(user=request.user).exists(),
        },
    )


@login_required
@require_POST
def renew_feed(request):
    _feed, created = calendar_feed_renew(user=request.user)
    messages.success(
        request,
        _("Your calendar address is ready.")
        if created
        else _("Your calendar has a new address: the old one no longer works."),
    )
    return redirect("dialogues:my_meetings")


def _note(rows) -> tuple[str, bool]:
    """What the event says about the reader's associations, and whether it is
    tentative (no association has a place)."""
    notes, confirmed = [], False
    for organisation, registration in rows:
        if registration is None:
            notes.append(_("Invited: %(name)s") % {"name": organisation.name})
        elif registration.status == Registration.Status.WAITING:
            notes.append(_("On the waiting list: %(name)s") % {"name": organisation.name})
        else:
            confirmed = True
            notes.append(
                ngettext(
                    "Signed up: %(name)s, %(count)s attendee",
                    "Signed up: %(name)s, %(count)s attendees",
                    registration.attendees,
                )
                % {"name": organisation.name, "count": registration.attendees}
            )
    return "\n".join(notes), not confirmed


@require_GET
def my_meetings_ics(request, token):
    """The personal feed: no login (calendar programs have none), the secret address
    is the key; in the owner's language."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    user, now = feed.user, timezone.now()
    if not user.is_active:
        return HttpResponse(status=404)
    host = request.get_host().split(":")[0]
    events = []
    with translation.override(user.language):
        for meeting in meetings_of(user, since=now - timedelta(days=FEED_PAST_DAYS)):
            note, tentative = _note(_rows(meeting))
            events.append(
                meeting_event(
                    meeting,
                    host=host,
                    url_for=request.build_absolute_uri,
                    now=now,
                    note=note,
                    tentative=tentative,
                )
            )
        body = document(events, name=_("My forum meetings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mina-moten.ics"'
    return response


def organisation_invitations(request, organisation) -> dict | None:
    """The section of an association's page (organisations.views.register_detail_section),
    for its representatives only: the coming meetings it is invited to, each with its
    sign-up or a link to sign up. Two queries; None (no section) when there are none."""
    user = request.user
    if not user.is_authenticated:
        return None
    if not Membership.objects.filter(organisation=organisation, user=user).exists():
        return None
    status = Registration.objects.active().filter(
        meeting=OuterRef("meeting_id"), organisation=organisation
    )
    invitations = list(
        MeetingInvitation.objects.filter(
            organisation=organisation,
            meeting__in=Meeting.objects.visible_to(user),
            meeting__ends_at__gte=timezone.now(),
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__forum")
        .annotate(registration_status=Subquery(status.values("status")[:1]))
        .order_by("meeting__starts_at", "pk")
    )
    if not invitations:
        return None
    return {"invitations": invitations}
