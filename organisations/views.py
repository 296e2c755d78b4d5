"""Public pages of the register: the directory, an association's page, the shared
calendar and its iCalendar feeds, and the coordinators' export."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from html import escape

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import EmptyPage, Paginator
from django.db import connections
from django.db.models import Count, OuterRef, Prefetch, Window
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET
from rules.contrib.views import PermissionRequiredMixin

from portal import pagecache
from portal.pagecache import cache_anonymous_page, versioned_etag

from . import exports, ical, occasions, search, search_partial
from .filters import OFFERS, ActivityFilter, ExportFilter, OrganisationFilter
from .models import Activity, JoinRequest, Organisation
from .rules import is_member

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FEED_PAST_DAYS = 30
FEED_LIMIT = 2000
UPCOMING_ON_PAGE = 20
MAX_OFFSET = 2**63 - 1  # PostgreSQL's OFFSET is a bigint


def page_size(request, default: int = DEFAULT_PAGE_SIZE) -> int:
    try:
        size = int(request.GET.get("page_size", default))
    except (TypeError, ValueError):
        return default
    return max(1, min(size, MAX_PAGE_SIZE))


class OnePassPaginator(Paginator):
    """Reads a page's ids and the number of rows in one query (``COUNT(*) OVER ()``),
    then the page's rows by primary key (``fetch``: a queryset of the same model).

    For a ranked search the separate COUNT read every match a second time: at
    thousands of matches that was a third of the request. Only for querysets that
    must read every row anyway to order them; a page ordered by an index is cheaper
    with its own COUNT. The window query selects ids only (with whole rows its
    buffer of thousands of rows outgrew work_mem). A page past the end gives the
    last page, like Paginator.get_page(); so does a number whose offset PostgreSQL
    could not hold (a bigint), without asking for it."""

    def __init__(self, object_list, per_page, *, fetch, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.fetch = fetch

    def get_page(self, number):
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        rows = self._rows(number) if number <= MAX_OFFSET // self.per_page else []
        if not rows and number > 1:
            number = self.num_pages  # past the end: count (a query), then the last page
            rows = self._rows(number) if self.count else []
        self.__dict__.setdefault("count", 0)  # nothing found (Paginator.count is cached)
        return self._get_page(rows, number, self)

    def page(self, number):
        """The page ``number`` (a whole number from 1, as the API's form gives), or
        EmptyPage after the last, for callers that answer it (the API's 404): one query
        for a page with rows; after the last, ``count`` is a query of its own."""
        number = int(number)
        rows = self._rows(number) if 1 <= number <= MAX_OFFSET // self.per_page else []
        if not rows and number != 1:
            raise EmptyPage(number)
        self.__dict__.setdefault("count", 0)
        return self._get_page(rows, number, self)

    def _rows(self, number: int) -> list:
        bottom = (number - 1) * self.per_page
        ids = self._ids(bottom, self.per_page)
        if not ids:
            return []
        self.__dict__["count"] = ids[0][1]
        by_pk = self.fetch.filter(pk__in=[pk for pk, _total in ids]).in_bulk()
        return [by_pk[pk] for pk, _total in ids if pk in by_pk]

    def _ids(self, offset: int, limit: int) -> list[tuple[int, int]]:
        """[(pk, total)] of one page. The ordering's values (the rank) are computed in
        a subquery, so the window buffers (pk, rank, name) only; with the ranking
        above the window, the window buffered every match's search vector (a third
        slower at 4,500 matches)."""
        ordering = list(self.object_list.query.order_by)
        db = connections[self.object_list.db]
        plain = ordering and all(isinstance(o, str) for o in ordering)
        if not plain:
            counted = self.object_list.annotate(_total=Window(Count("pk")))
            return list(counted.values_list("pk", "_total")[offset : offset + limit])
        fields = [o.removeprefix("-") for o in ordering]
        if "pk" not in fields:
            fields.append("pk")
            ordering.append("pk")
        inner = self.object_list.values_list(*fields).order_by()
        sql, params = inner.query.sql_with_params()
        columns = ", ".join(f"c{i}" for i in range(len(fields)))
        order = ", ".join(
            f"c{i} DESC" if o.startswith("-") else f"c{i}" for i, o in enumerate(ordering)
        )
        with db.cursor() as cursor:
            cursor.execute(  # OFFSET 0: the subquery is not flattened into the window's
                f"SELECT c{fields.index('pk')}, COUNT(*) OVER () "
                f"FROM ({sql} OFFSET 0) AS m({columns}) ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return cursor.fetchall()


def paginate(request, queryset, default: int = DEFAULT_PAGE_SIZE, paginator_class=Paginator):
    """Page ``queryset``; a page that is not a number or out of range gives the nearest page."""
    paginator = paginator_class(queryset, page_size(request, default))
    page = paginator.get_page(request.GET.get("page"))
    return page, page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class Options:
    """The choices of a filter field as (value, label, selected), and the same written
    out as HTML in Python: through the template engine (or Django's widget templates)
    the directory's 66 options cost 3-4 ms a request, here a few hundredths of that.
    ``_filter_field.html`` writes ``select_html`` or ``checkbox_html``. Every value
    and label is escaped with the standard library's ``html.escape`` (what Django's
    escape does, without its lazy-string wrapper: format_html cost 20 µs an option)."""

    def __init__(self, bound_field, items: list[tuple[str, str, bool]]):
        self.bound_field = bound_field
        self.items = items

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @cached_property
    def select_html(self) -> str:
        return mark_safe(
            "".join(
                f'<option value="{escape(value)}"{" selected" if selected else ""}>'
                f"{escape(label)}</option>"
                for value, label, selected in self
            )
        )

    @cached_property
    def checkbox_html(self) -> str:
        name, auto_id = escape(self.bound_field.html_name), escape(self.bound_field.auto_id)
        return mark_safe(
            "".join(
                f'<li><label for="{auto_id}_{i}"><input type="checkbox" name="{name}" '
                f'value="{escape(value)}" id="{auto_id}_{i}"{" checked" if selected else ""}> '
                f"{escape(label)}</label></li>"
                for i, (value, label, selected) in enumerate(self)
            )
        )


def _pairs(field) -> list[tuple[str, str]]:
    """A field's choices as (value, label) strings, read from its queryset if it has one."""
    if not hasattr(field, "queryset"):
        return [(str(v), str(label)) for v, label in field.choices]
    empty = [] if getattr(field, "empty_label", None) is None else [("", str(field.empty_label))]
    return empty + [(str(obj.pk), str(field.label_from_instance(obj))) for obj in field.queryset]


def choices(form, name: str, pairs: list[tuple[str, str]] | None = None) -> Options:
    """The options of a filter field, for templates that write the options themselves:
    Django's widget templates cost about 1 ms per option, and ModelChoiceIterator
    reads through a server-side cursor (three round trips). ``pairs``: the field's
    (value, label) pairs if the caller has them."""
    bound_field = form[name]
    value = bound_field.value()
    values = value if isinstance(value, list | tuple) else [value]
    selected = {"" if v is None else str(v) for v in values}
    pairs = _pairs(form.fields[name]) if pairs is None else pairs
    return Options(bound_field, [(v, label, v in selected) for v, label in pairs])


def filter_choices(form, names, *, kept: bool = False) -> dict[str, Options]:
    """The options of the named fields. ``kept``: the form's querysets are the same for
    every visitor (the directory's, the calendar's), so their (value, label) pairs are
    read once per content version and language (``pagecache.kept``) instead of a
    query each per page."""
    if not kept:
        return {name: choices(form, name) for name in names}
    key = f"choices:{type(form).__module__}.{type(form).__qualname__}:{get_language()}:"
    return {
        name: choices(form, name, pagecache.kept(key + name, partial(_pairs, form.fields[name])))
        for name in names
    }


def directory_queryset():
    """Public organisations with what a listing shows (the directory, the open-data API)."""
    return (
        Organisation.objects.public()
        .defer("search_vector", "offers_needs_text", "status_reason")
        .prefetch_related("categories", "districts")
    )


CARD_WORDS = 30
_SLUG_PLACEHOLDER = "slug-placeholder"


def for_cards(queryset):
    """``queryset`` with the columns a card shows and each organisation's category and
    district ids as arrays (``card_category_ids``, ``card_district_ids``), read with its
    row: no query of their own (``prefetch_related`` costs a query, a model and a
    related manager each), and no model filled with thirty columns it does not show."""
    through = Organisation.categories.through, Organisation.districts.through
    columns = ["name", "slug", "description", "unconfirmed_since", *(f for f, _label in OFFERS)]
    return queryset.only(*columns).annotate(
        card_category_ids=ArraySubquery(
            through[0].objects.filter(organisation_id=OuterRef("pk")).values("category_id")
        ),
        card_district_ids=ArraySubquery(
            through[1].objects.filter(organisation_id=OuterRef("pk")).values("district_id")
        ),
    )


def prepare_cards(organisations, categories, districts) -> list:
    """Give each organisation of a page what its card shows, computed here in Python.

    ``categories`` and ``districts``: the filter form's options for them (``Options``:
    every Category and District in their order, each name in the reader's language).
    The directory's cards cost about half a millisecond each when the template did the
    work (a reverse(), two related managers, truncatewords and an include per card);
    prepared here the twenty cards cost a fraction of that.
    """
    organisations = list(organisations)
    if not organisations:
        return organisations
    names = [
        {int(value): (i, label) for i, (value, label, _selected) in enumerate(options) if value}
        for options in (categories, districts)
    ]

    def joined(kind: int, ids) -> str:
        known = names[kind]
        return ", ".join(name for _position, name in sorted(known[pk] for pk in ids if pk in known))

    url = reverse("organisations:detail", args=[_SLUG_PLACEHOLDER])
    offers = [(field, str(label)) for field, label in OFFERS]
    for organisation in organisations:
        organisation.card_url = url.replace(_SLUG_PLACEHOLDER, organisation.slug)
        organisation.card_categories = joined(0, organisation.card_category_ids)
        organisation.card_districts = joined(1, organisation.card_district_ids)
        organisation.card_summary = (
            Truncator(organisation.description).words(CARD_WORDS, truncate=" …")
            if organisation.description
            else ""
        )
        organisation.card_offers = [
            label for field, label in offers if getattr(organisation, field)
        ]
    return organisations


@require_GET
@cache_anonymous_page("directory")
def directory(request):
    # prepare_cards() reads the names of categories and districts itself.
    queryset = directory_queryset().prefetch_related(None)
    filterset = OrganisationFilter(request.GET or None, queryset=queryset)
    words = request.GET.get("q", "").strip()
    organisations = filterset.bounded_qs()
    ranked = "rank" in organisations.query.annotations  # a search: ids and count in one pass
    if ranked:
        paginator_class = partial(OnePassPaginator, fetch=for_cards(queryset))
    else:
        paginator_class, organisations = Paginator, for_cards(organisations)
    page, page_range = paginate(request, organisations, paginator_class=paginator_class)
    # Several words that no association holds all of: the best partial matches.
    partial_matches = ranked and search_partial.wanted(words, page.paginator.count)
    if partial_matches:
        organisations = filterset.partial_qs()
        page, page_range = paginate(request, organisations, paginator_class=paginator_class)
    form = filterset.form
    filters = applied_filters(request)
    options = filter_choices(
        form, ["category", "district", "area", "has_staff", "offers"], kept=True
    )
    page.object_list = prepare_cards(
        page.object_list, categories=options["category"], districts=options["district"]
    )
    return render(
        request,
        "organisations/directory.html",
        {
            "filter": filterset,
            "form": form,
            "page": page,
            "page_range": page_range,
            "organisations": page.object_list,
            "query": query_without_page(request),
            "options": options,
            "over": search.CANDIDATES if ranked and page.paginator.count > search.CANDIDATES else 0,
            "is_filtered": filters > 0,
            "filter_count": filters,
            # On a phone the panel folds away once a search or filter shows results,
            # so they start at the top (it stays open to show a filter's error).
            "results_first": bool(filters or words) and not form.errors,
            "search_words": words,
            "partial_matches": partial_matches and bool(page.object_list),
        },
    )


def applied_filters(request) -> int:
    """How many filter values the request applies (the search words and paging aside)."""
    return sum(
        1
        for key, values in request.GET.lists()
        if key not in ("q", "page", "page_size")
        for value in values
        if value
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


@require_GET
@cache_anonymous_page("organisation")
def detail(request, slug):
    """An association's page, for those the twin of "organisations.view_organisation"
    lets see it: its representatives and the coordinators also while it awaits
    approval or is archived, with a banner saying what that means; 404 for others."""
    user = request.user
    now = timezone.now()
    organisation = get_object_or_404(
        Organisation.objects.visible_to(user)
        .defer("search_vector")
        .prefetch_related(
            "categories",
            "districts",
            "areas",
            Prefetch(
                "activities",
                queryset=Activity.objects.published()
                .upcoming(now)
                .select_related("district")[:UPCOMING_ON_PAGE],
                to_attr="upcoming_activities",
            ),
        ),
        slug=slug,
    )
    member = is_member(user, organisation)
    # "Is this your association?": whether the visitor already asked to join it.
    asked = (
        user.is_authenticated
        and not member
        and organisation.join_requests.filter(user=user, status=JoinRequest.Status.OPEN).exists()
    )
    sections = []
    for section in DETAIL_SECTIONS:
        context = section.get_context(request, organisation)
        if context is not None:
            sections.append((section.template_name, context))
    feed = reverse("organisations:organisation_ics", args=[organisation.slug])
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "occasions": occasions.next_occasions(organisation.upcoming_activities, now),
            "subscription": subscription(request, feed)
            if organisation.is_publicly_listed
            else None,
            "show_contact": organisation.contact_is_public
            or user.has_perm("organisations.view_private_data", organisation),
            "can_change": user.has_perm("organisations.change_organisation", organisation),
            "can_approve": user.has_perm("organisations.approve_organisation", organisation),
            "is_member": member,
            "has_asked": asked,
            "sections": sections,
            "areas": [a for a in organisation.areas.all() if a.kind == "area"],
            "target_groups": [a for a in organisation.areas.all() if a.kind == "target_group"],
        },
    )


# ---------------------------------------------------------------- calendar
def calendar_queryset():
    return Activity.objects.public().select_related("organisation", "district")


def filtered_activities(request, *, now=None):
    """The activities the calendar's filters let through, each once (a series is one
    row): the open-data API pages these, the calendar expands their occasions."""
    filterset = ActivityFilter(request.GET or None, queryset=calendar_queryset())
    activities = filterset.qs
    cleaned = getattr(filterset.form, "cleaned_data", {}) if filterset.is_bound else {}
    if not cleaned.get("from"):
        activities = occasions.still_running(activities, now or timezone.now())
    return filterset, activities.order_by("starts_at", "pk")


@require_GET
@cache_anonymous_page("calendar")
def calendar(request):
    """The occasions of a period (four weeks from today unless chosen), each its own
    entry in time order: a weekly training appears every week."""
    now = timezone.now()
    filterset, activities = filtered_activities(request, now=now)
    period = occasions.Period.of(filterset, now=now)
    found, capped = occasions.expand(activities, period, cap=occasions.CAP)
    page, page_range = paginate(request, found)
    page.object_list = occasions.fill(page.object_list, calendar_queryset())
    params = request.GET.copy()
    for name in ("page", "from", "to"):
        params.pop(name, None)
    feed_query = params.urlencode()
    feed_url = reverse("organisations:calendar_ics") + (f"?{feed_query}" if feed_query else "")
    return render(
        request,
        "organisations/calendar.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "page_range": page_range,
            "occasions": page.object_list,
            "capped": capped,
            "cap": occasions.CAP,
            "period": period,
            "earlier_query": period.shifted_query(params, -1),
            "later_query": period.shifted_query(params, 1),
            "query": query_without_page(request),
            "feed_url": feed_url,
            "subscription": subscription(request, feed_url),
            "options": filter_choices(filterset.form, ["district", "category"], kept=True),
            "filter_count": applied_filters(request),
            # The activities are what the page is for: on a phone the filters stay
            # folded above them (open only to show a filter's error).
            "results_first": not filterset.form.errors,
        },
    )


def ics_response(
    activities, *, name: str, filename: str, request, attachment: bool = False
) -> HttpResponse:
    """A feed to subscribe to (inline) or one activity's file to open (attachment)."""
    body = ical.calendar(
        activities,
        name=name,
        host=request.get_host().split(":")[0],
        url_for=request.build_absolute_uri,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def subscription(request, path: str) -> dict[str, str]:
    """A feed's addresses for the subscribe box (_subscribe.html): the web address to
    copy, and the same as webcal://, which phones and Outlook open as a subscription."""
    url = request.build_absolute_uri(path)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


def _feed(activities):
    """Those from FEED_PAST_DAYS ago on, a series as long as it still has occasions."""
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return activities.starting_from(since).order_by("starts_at", "pk")[:FEED_LIMIT]


@require_GET
@versioned_etag()
def calendar_ics(request):
    activities = ActivityFilter(request.GET or None, queryset=calendar_queryset()).qs
    return ics_response(
        _feed(activities),
        name=_("Associations' calendar"),
        filename="kalender.ics",
        request=request,
    )


@require_GET
@versioned_etag()
def organisation_ics(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    return ics_response(
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
        file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        exports.record(request, file_format=file_format, source="directory")
        if file_format == "xlsx":
            return exports.xlsx_response(organisations)
        return exports.csv_response(organisations)


export = ExportView.as_view()
