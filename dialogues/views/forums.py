"""The forum map (dialogues:index), a forum's page (dialogues:forum) and its
iCalendar feed. Both pages start from ``Forum.objects.visible_to(user)``, the twin
of ``dialogues.view_forum``, and take a constant number of queries."""

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from organisations.views import paginate, query_without_page
from portal.ical import document

from ..filters import ForumFilter
from ..ical_meetings import forum_events
from ..models import FollowUpItem, Forum, Meeting


def _forum(request, slug) -> Forum:
    return get_object_or_404(
        Forum.objects.active().visible_to(request.user).select_related("department"), slug=slug
    )


# Enough for a municipality's forums on one page; beyond it, pages.
MAP_PAGE_SIZE = 24
KIND_ORDER = Case(
    *(When(kind=kind, then=Value(n)) for n, (kind, _label) in enumerate(Forum.Kind.choices)),
    output_field=IntegerField(),
)


@require_GET
def forum_map(request):
    """Every active forum the user may see, filtered, grouped by kind, a page at a
    time, each with its next meeting (a subquery, not a query per forum), and the
    number of forums of each kind (one grouped query) to filter by."""
    now = timezone.now()
    forums = (
        Forum.objects.active()
        .visible_to(request.user)
        .select_related("department")
        .alias(kind_order=KIND_ORDER)
        .order_by("kind_order", "name", "pk")
    )
    filterset = ForumFilter(request.GET or None, queryset=forums)
    result = filterset.qs if filterset.is_bound and filterset.is_valid() else forums
    upcoming = Meeting.objects.upcoming(now).filter(forum=OuterRef("pk")).order_by("starts_at")
    page, page_range = paginate(
        request,
        result.annotate(
            next_meeting_pk=Subquery(upcoming.values("pk")[:1]),
            next_meeting_at=Subquery(upcoming.values("starts_at")[:1]),
        ),
        default=MAP_PAGE_SIZE,
    )
    groups = []
    for kind, label in Forum.Kind.choices:
        in_kind = [f for f in page if f.kind == kind]
        if in_kind:
            groups.append({"kind": kind, "label": label, "forums": in_kind})
    return render(
        request,
        "dialogues/forum_map.html",
        {
            "filter": filterset,
            "groups": groups,
            "kinds": _kinds(request, result),
            "count": page.paginator.count,
            "page": page,
            "page_range": page_range,
            "query": query_without_page(request),
        },
    )


def _kinds(request, forums) -> list[dict]:
    """Each kind among ``forums`` with its number and a link that filters by it."""
    counts = dict(
        forums.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    kinds = []
    for kind, label in Forum.Kind.choices:
        if kind in counts:
            params = request.GET.copy()
            params.pop("page", None)
            params["kind"] = kind
            kinds.append({"label": label, "count": counts[kind], "query": params.urlencode()})
    return kinds


@require_GET
def forum_detail(request, slug):
    """Purpose, cadence, members, next meetings, past meetings with minutes and the
    follow-up items on record with their status (and answer, once published)."""
    forum = _forum(request, slug)
    now = timezone.now()
    meetings = Meeting.objects.filter(forum=forum)
    context = {
        "forum": forum,
        "members": list(forum.organisations.active().order_by("name", "pk")),
        "upcoming": list(meetings.upcoming(now).order_by("starts_at", "pk")),
        "with_minutes": list(meetings.past(now).with_minutes().order_by("-starts_at", "-pk")),
        "follow_ups": list(
            FollowUpItem.objects.visible_to(request.user)
            .on_record()
            .filter(meeting__forum=forum)
            .select_related("meeting", "raised_by_organisation")
            .order_by("-meeting__starts_at", "pk")
        ),
    }
    return render(request, "dialogues/forum_detail.html", context)


@require_GET
def forum_ics(request, slug):
    """The forum's meetings, cancelled ones included (STATUS:CANCELLED)."""
    forum = _forum(request, slug)
    meetings = Meeting.objects.filter(forum=forum).select_related("forum").order_by("starts_at")
    body = document(
        forum_events(
            meetings,
            host=request.get_host().split(":")[0],
            url_for=request.build_absolute_uri,
            now=timezone.now(),
        ),
        name=forum.name,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{forum.slug}.ics"'
    return response
