"""Public pages of the register: the directory, an association's page, the shared
calendar and its iCalendar feeds, and the coordinators' export."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET
from rules.contrib.views import PermissionRequiredMixin

from . import exports, ical
from .filters import ActivityFilter, ExportFilter, OrganisationFilter
from .models import Activity, Organisation

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FEED_PAST_DAYS = 30
FEED_LIMIT = 2000
CALENDAR_RUNNING_DAYS = 31


def page_size(request, default: int = DEFAULT_PAGE_SIZE) -> int:
    try:
        size = int(request.GET.get("page_size", default))
    except (TypeError, ValueError):
        return default
    return max(1, min(size, MAX_PAGE_SIZE))


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows (COUNT over a LIMIT): the calendar holds tens of
    thousands of activities and nobody pages that far; ``capped`` tells the template."""

    cap = 1000

    @property
    def count(self):
        if not hasattr(self, "_capped_count"):
            self._capped_count = self.object_list[: self.cap + 1].count()
        return min(self._capped_count, self.cap)

    @property
    def capped(self) -> bool:
        return self.count == self.cap and self._capped_count > self.cap


def paginate(request, queryset, default: int = DEFAULT_PAGE_SIZE, paginator_class=Paginator):
    """Page ``queryset``; a page that is not a number or out of range gives the nearest page."""
    paginator = paginator_class(queryset, page_size(request, default))
    page = paginator.get_page(request.GET.get("page"))
    return page, page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def choices(form, name: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of a filter field, for templates that write the
    options themselves: Django's widget templates cost about 1 ms per option, and
    ModelChoiceIterator reads through a server-side cursor (three round trips)."""
    field = form.fields[name]
    value = form[name].value()
    values = value if isinstance(value, list | tuple) else [value]
    selected = {"" if v is None else str(v) for v in values}
    if hasattr(field, "queryset"):
        empty = [] if getattr(field, "empty_label", None) is None else [("", field.empty_label)]
        pairs = empty + [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset]
    else:
        pairs = list(field.choices)
    return [(str(v), str(label), str(v) in selected) for v, label in pairs]


def filter_choices(form, names) -> dict[str, list]:
    return {name: choices(form, name) for name in names}


def directory_queryset():
    return (
        Organisation.objects.public()
        .defer("search_vector", "offers_needs_text", "status_reason")
        .prefetch_related("categories", "districts")
    )


@require_GET
def directory(request):
    filterset = OrganisationFilter(request.GET or None, queryset=directory_queryset())
    page, page_range = paginate(request, filterset.qs)
    return render(
        request,
        "organisations/directory.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "page_range": page_range,
            "organisations": page.object_list,
            "query": query_without_page(request),
            "options": filter_choices(
                filterset.form, ["category", "district", "area", "has_staff", "offers"]
            ),
            "is_filtered": any(
                v for k, v in request.GET.items() if k not in ("q", "page", "page_size")
            ),
        },
    )


# ---------------------------------------------------------------- detail page hook
@dataclass(frozen=True)
class DetailSection:
    """A section another app adds to an association's page (forums, agreements …).

    ``get_context(request, organisation)`` returns the template context, or None to
    leave the section out. Register it from ``AppConfig.ready()``::

        from organisations.views import register_detail_section
        register_detail_section("dialogues/_organisation_forums.html", forums_for)
    """

    template_name: str
    get_context: Callable


DETAIL_SECTIONS: list[DetailSection] = []


def register_detail_section(template_name: str, get_context: Callable) -> None:
    if not any(s.template_name == template_name for s in DETAIL_SECTIONS):
        DETAIL_SECTIONS.append(DetailSection(template_name, get_context))


def _is_publicly_visible(organisation) -> bool:
    return organisation.status == Organisation.Status.ACTIVE and organisation.is_public


@require_GET
def detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.defer("search_vector").prefetch_related(
            "categories",
            "districts",
            "areas",
            Prefetch(
                "activities",
                queryset=Activity.objects.upcoming()
                .filter(is_cancelled=False)
                .select_related("district")[:20],
                to_attr="upcoming_activities",
            ),
        ),
        slug=slug,
    )
    user = request.user
    if not _is_publicly_visible(organisation) and not user.has_perm(
        "organisations.view_organisation", organisation
    ):
        raise Http404
    sections = []
    for section in DETAIL_SECTIONS:
        context = section.get_context(request, organisation)
        if context is not None:
            sections.append((section.template_name, context))
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "activities": organisation.upcoming_activities,
            "show_contact": organisation.contact_is_public
            or user.has_perm("organisations.view_private_data", organisation),
            "can_change": user.has_perm("organisations.change_organisation", organisation),
            "sections": sections,
            "areas": [a for a in organisation.areas.all() if a.kind == "area"],
            "target_groups": [a for a in organisation.areas.all() if a.kind == "target_group"],
        },
    )


# ---------------------------------------------------------------- calendar
def calendar_queryset():
    return Activity.objects.public().select_related("organisation", "district")


def filtered_activities(request):
    filterset = ActivityFilter(request.GET or None, queryset=calendar_queryset())
    activities = filterset.qs
    cleaned = getattr(filterset.form, "cleaned_data", {}) if filterset.is_bound else {}
    if not cleaned.get("from"):
        # The lower bound lets PostgreSQL read the starts_at index from now on; what
        # began over CALENDAR_RUNNING_DAYS ago and still runs is left out.
        now = timezone.now()
        activities = activities.upcoming(now).filter(
            starts_at__gte=now - timedelta(days=CALENDAR_RUNNING_DAYS)
        )
    return filterset, activities.order_by("starts_at", "pk")


@require_GET
def calendar(request):
    filterset, activities = filtered_activities(request)
    page, page_range = paginate(request, activities, paginator_class=CappedPaginator)
    for activity in page.object_list:
        activity.local_day = timezone.localdate(activity.starts_at)
    return render(
        request,
        "organisations/calendar.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "page_range": page_range,
            "activities": page.object_list,
            "query": query_without_page(request),
            "options": filter_choices(filterset.form, ["district", "category"]),
        },
    )


def _ics_response(activities, *, name: str, filename: str, request) -> HttpResponse:
    body = ical.calendar(
        activities,
        name=name,
        host=request.get_host().split(":")[0],
        url_for=request.build_absolute_uri,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed(activities):
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return activities.filter(starts_at__gte=since).order_by("starts_at", "pk")[:FEED_LIMIT]


@require_GET
def calendar_ics(request):
    activities = ActivityFilter(request.GET or None, queryset=calendar_queryset()).qs
    return _ics_response(
        _feed(activities),
        name=_("Associations' calendar"),
        filename="kalender.ics",
        request=request,
    )


@require_GET
def organisation_ics(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    return _ics_response(
        _feed(calendar_queryset().filter(organisation=organisation)),
        name=organisation.name,
        filename=f"{organisation.slug}.ics",
        request=request,
    )


# ---------------------------------------------------------------- export
class ExportView(PermissionRequiredMixin, View):
    """The register as CSV or XLSX for coordinators, with the directory's filters."""

    permission_required = "organisations.export_register"

    def get(self, request):
        queryset = (
            Organisation.objects.defer("search_vector")
            .prefetch_related("categories", "districts", "areas")
            .order_by("name", "pk")
        )
        filterset = ExportFilter(request.GET or None, queryset=queryset)
        organisations = filterset.qs
        if request.GET.get("format") == "xlsx":
            return exports.xlsx_response(organisations)
        return exports.csv_response(organisations)


export = ExportView.as_view()
