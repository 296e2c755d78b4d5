"""Open data: the public part of the register and the calendar as JSON.

Only active, public associations; the contact person only with their consent
(contact_is_public). The categories, districts and areas the filters take by id
are listed with their ids, and answers name them by id and name. Labels and errors
are in the request's language (``portal.middleware``: Accept-Language, Swedish by
default). Documented at api/ and in api/openapi.json (OpenAPI 3.1, built in api_schema.py).
Other apps add endpoints through api_registry.py.

A search (``q``) ranks as the directory does, a bounded set of candidates
(``search.bounded``), so a broad word costs what it costs there; above
``search.CANDIDATES`` matches the count is of the candidates and the answer says it is
a lower bound (``count_is_lower_bound``). When no association holds every word of a
query of several words, the answer is the best partial matches, as the directory's
(``search_partial``), and says so (``match``: "partial"); ``included`` names the
synonyms the search also looked for and ``corrected`` the words it read in place of
words not found as written, as the directory says them.
"""

from functools import partial
from itertools import islice

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from portal.inputs import CleanForm
from portal.pagecache import versioned_etag

from . import api_registry, search, search_partial
from .filters import OrganisationFilter, local_day_start
from .models import ActivityArea, Category, District
from .views import MAX_PAGE_SIZE, OnePassPaginator, directory_queryset, filtered_activities

API_PAGE_SIZE = 20
OCCURRENCES = 5  # the next occasions an activity lists


def api_view(view):
    """A view of the open data: GET only (405 for anything else: nothing here
    changes state, so there is no CSRF token to ask for), errors in JSON, also
    the NUL refusal of ``portal.middleware.RejectNulMiddleware`` (``json_errors``),
    and an ETag from the content version, so asking again costs no query."""
    view = csrf_exempt(require_GET(versioned_etag()(view)))
    view.json_errors = True
    return view


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    # The language follows the language cookie too (the locale middleware adds
    # Accept-Language), so a cache must not give one person's answer to another.
    patch_vary_headers(response, ["Cookie"])
    return response


def _error(errors: dict, status=400) -> JsonResponse:
    """An error in one shape and the request's language: ``errors`` names each
    parameter at fault with its messages, as a Django form's ``get_json_data()``."""
    message = _("Invalid parameters.") if status == 400 else _("There is no such page.")
    return _json({"error": message, "errors": errors}, status=status)


class PagingForm(CleanForm):
    """page and page_size: whole numbers in range, each given once (an empty value is
    none, as for the filters)."""

    page = forms.IntegerField(min_value=1, required=False)
    page_size = forms.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)

    def clean(self):
        for name in self.fields:
            if len(self.data.getlist(name)) > 1:
                self.add_error(
                    name,
                    forms.ValidationError(_("Give this parameter only once."), code="repeated"),
                )
        return super().clean()


def _invalid(*forms_) -> JsonResponse | None:
    """A 400 naming every invalid parameter of the forms (filters and paging), or None."""
    errors = {}
    for form in forms_:
        if form.is_bound and not form.is_valid():
            errors |= form.errors.get_json_data()
    return _error(errors) if errors else None


def _pages(queryset, paging: PagingForm, paginator_class=Paginator):
    """The paginator of ``queryset`` and the page asked for, None when there is no
    such page (an empty first page is a page with no results, another is a 404)."""
    number = paging.cleaned_data.get("page") or 1
    paginator = paginator_class(queryset, paging.cleaned_data.get("page_size") or API_PAGE_SIZE)
    try:
        return paginator, paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        return paginator, None


def _page(
    request,
    queryset,
    serialise,
    paging: PagingForm,
    *,
    paginator_class=Paginator,
    bound: int | None = None,
    pages=None,
    extra: dict | None = None,
):
    """A page of ``queryset`` as JSON. ``bound``: above this many the count is of a
    bounded set, not of every match (a ranked search, ``search.bounded``), and the
    answer says so with ``count_is_lower_bound``. ``pages``: what ``_pages`` gave, if
    the caller read it already; ``extra``: more fields of the answer."""
    paginator, page = pages or _pages(queryset, paging, paginator_class)
    number = paging.cleaned_data.get("page") or 1
    if page is None and number != 1:
        past = _("Page %(page)d is after the last (%(last)d).") % {
            "page": number,
            "last": paginator.num_pages,
        }
        return _error({"page": [{"message": past, "code": "past_the_end"}]}, status=404)

    def link(n):
        params = request.GET.copy()
        params["page"] = n
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return _json(
        {
            "count": paginator.count,
            "count_is_lower_bound": bound is not None and paginator.count > bound,
            "page": number,
            "page_size": paginator.per_page,
            "num_pages": paginator.num_pages,
            "next": link(number + 1) if page and page.has_next() else None,
            "previous": link(number - 1) if page and page.has_previous() else None,
            **(extra or {}),
            "results": [serialise(request, obj) for obj in (page.object_list if page else [])],
        }
    )


def _named(obj) -> dict:
    """A category, district or area in an answer: the id the filters take, the name
    (Swedish), and for categories and areas the English name or None."""
    if isinstance(obj, District):  # place names are not translated
        return {"id": obj.pk, "name": obj.name}
    return {"id": obj.pk, "name": obj.name, "name_en": obj.name_en or None}


def organisation_json(request, o) -> dict:
    data = {
        "id": o.pk,
        "slug": o.slug,
        "name": o.name,
        "url": request.build_absolute_uri(o.get_absolute_url()),
        "legal_form": o.legal_form,
        "legal_form_label": str(o.get_legal_form_display()),
        "organisation_number": o.organisation_number,
        "description": o.description,
        "categories": [_named(c) for c in o.categories.all()],
        "districts": [_named(d) for d in o.districts.all()],
        "areas": [_named(a) for a in o.areas.all() if a.kind == ActivityArea.Kind.AREA],
        "target_groups": [
            _named(a) for a in o.areas.all() if a.kind == ActivityArea.Kind.TARGET_GROUP
        ],
        "website": o.website,
        "email": o.email,
        "phone": o.phone,
        "address": o.address,
        "social_media": o.social_media,
        "member_count": o.member_count,
        "has_staff": o.has_staff,
        "seeks_collaboration": o.seeks_collaboration,
        "offers_premises": o.offers_premises,
        "offers_volunteers": o.offers_volunteers,
        "offers_knowledge": o.offers_knowledge,
        "data_confirmed": o.unconfirmed_since is None,
        "contact": None,
        "calendar": request.build_absolute_uri(
            reverse("organisations:organisation_ics", args=[o.slug])
        ),
    }
    if o.contact_is_public:
        data["contact"] = {
            "name": o.contact_name,
            "email": o.contact_email,
            "phone": o.contact_phone,
        }
    return data


def activity_json(request, a, *, after) -> dict:
    """An activity once, a series with its rule and its next occasions from ``after``
    (now, or the ``from`` day asked for)."""
    coming = islice(a.occasions(after=after - a.duration), OCCURRENCES)
    return {
        "id": a.pk,
        "title": a.title,
        "starts_at": a.starts_at.isoformat(),
        "ends_at": a.ends_at.isoformat() if a.ends_at else None,
        "recurrence": a.recurrence,
        "occurrences": [
            {"starts_at": start.isoformat(), "ends_at": end.isoformat() if end else None}
            for start, end in coming
        ],
        "place": a.place,
        "district": _named(a.district) if a.district else None,
        "description": a.description,
        "url": a.url,
        "page": request.build_absolute_uri(a.get_absolute_url()),
        "cancelled": a.is_cancelled,
        "organisation": {
            "id": a.organisation.pk,
            "slug": a.organisation.slug,
            "name": a.organisation.name,
            "url": request.build_absolute_uri(a.organisation.get_absolute_url()),
        },
    }


def category_json(request, c) -> dict:
    return {**_named(c), "slug": c.slug, "description": c.description}


def district_json(request, d) -> dict:
    return {"id": d.pk, "slug": d.slug, "name": d.name}


def area_json(request, a) -> dict:
    return {
        **_named(a),
        "slug": a.slug,
        "kind": a.kind,
        "kind_label": str(a.get_kind_display()),
    }


def _all(request, queryset, serialise) -> JsonResponse:
    """A whole list (the register has tens of each), in its order, in one query."""
    results = [serialise(request, obj) for obj in queryset]
    return _json({"count": len(results), "results": results})


@api_view
def organisations(request):
    queryset = directory_queryset().prefetch_related("areas")
    filterset = OrganisationFilter(request.GET or None, queryset=queryset)
    paging = PagingForm(request.GET)
    if error := _invalid(filterset.form, paging):
        return error
    found = filterset.bounded_qs()
    if "rank" not in found.query.annotations:  # no search words: every match, by name
        return _page(request, found, organisation_json, paging, extra=_matched("all"))
    # A search ranks as the directory does: a bounded set of candidates, the page's ids
    # and their number in one query, then the page's rows with what they list.
    paginator_class = partial(OnePassPaginator, fetch=queryset)
    q = filterset.form.cleaned_data.get("q") or ""
    pages = _pages(found, paging, paginator_class)
    match, bound = "all", search.CANDIDATES
    if search_partial.wanted(q, pages[0].count):  # as the directory: the best partial matches
        partial_matches = filterset.partial_qs()
        partial_pages = _pages(partial_matches, paging, paginator_class)
        if partial_pages[0].count:  # none holds any word either: nothing found, as it was
            found, pages = partial_matches, partial_pages
            match, bound = "partial", search_partial.exact_below(q) - 1
    return _page(
        request,
        found,
        organisation_json,
        paging,
        bound=bound,
        pages=pages,
        extra=_matched(
            match, search.included_by_word(q, filterset.found), search.corrected(filterset.found)
        ),
    )


def _matched(match: str, included=(), corrected=()) -> dict:
    """How the results match the search words (``match``: "all", or "partial" when no
    association holds every word), the synonyms the search also looked for and the
    words it read in place of words not found as written."""
    return {
        "match": match,
        "included": [{"word": word, "synonyms": also} for word, also in included],
        "corrected": list(corrected),
    }


@api_view
def activities(request):
    now = timezone.now()
    filterset, queryset = filtered_activities(request, now=now)
    paging = PagingForm(request.GET)
    if error := _invalid(filterset.form, paging):
        return error
    chosen = filterset.form.cleaned_data.get("from") if filterset.is_bound else None
    after = local_day_start(chosen) if chosen else now
    return _page(request, queryset, partial(activity_json, after=after), paging)


@api_view
def categories(request):
    return _all(request, Category.objects.all(), category_json)


@api_view
def districts(request):
    return _all(request, District.objects.all(), district_json)


@api_view
def areas(request):
    return _all(request, ActivityArea.objects.all(), area_json)


@require_GET
def docs(request):
    def url(name):
        return request.build_absolute_uri(reverse(f"organisations:{name}"))

    return render(
        request,
        "organisations/api_docs.html",
        {
            "organisations_url": url("api_organisations"),
            "activities_url": url("api_activities"),
            "categories_url": url("api_categories"),
            "districts_url": url("api_districts"),
            "areas_url": url("api_areas"),
            "openapi_url": url("api_openapi"),
            "max_page_size": MAX_PAGE_SIZE,
            "candidates": search.CANDIDATES,
            "registered": [{"endpoint": e, "url": url(e.name)} for e in api_registry.registered()],
        },
    )
