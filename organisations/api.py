"""Open data: the public part of the register and the calendar as JSON.

Only active, public associations; the contact person only with their consent
(contact_is_public). Documented at api/ and in api/openapi.json (OpenAPI 3.1).
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from portal.inputs import FIRST_YEAR, LAST_YEAR

from .filters import OFFER_FIELDS, OrganisationFilter
from .models import ActivityArea, Category, District
from .views import MAX_PAGE_SIZE, directory_queryset, filtered_activities

API_PAGE_SIZE = 20


def api_view(view):
    """A view of the open data: GET only (405 for anything else: nothing here
    changes state, so there is no CSRF token to ask for), and errors in JSON, also
    the NUL refusal of ``portal.middleware.RejectNulMiddleware`` (``json_errors``)."""
    view = csrf_exempt(require_GET(view))
    view.json_errors = True
    return view


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, errors=None, status=400) -> JsonResponse:
    return _json({"error": message, "errors": errors or {}}, status=status)


def _paging(request):
    """(page, page_size) from GET, or an error response."""
    try:
        number = int(request.GET.get("page", 1))
        size = int(request.GET.get("page_size", API_PAGE_SIZE))
    except ValueError:
        return None, None, _error("page and page_size must be whole numbers.")
    if number < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        return None, None, _error(f"page must be ≥ 1 and page_size 1–{MAX_PAGE_SIZE}.")
    return number, size, None


def _page(request, queryset, serialise):
    number, size, error = _paging(request)
    if error:
        return error
    paginator = Paginator(queryset, size)
    try:
        page = paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        if number == 1:
            page = None
        else:
            return _error("No such page.", status=404)

    def link(n):
        params = request.GET.copy()
        params["page"] = n
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return _json(
        {
            "count": paginator.count,
            "page": number,
            "page_size": size,
            "num_pages": paginator.num_pages,
            "next": link(number + 1) if page and page.has_next() else None,
            "previous": link(number - 1) if page and page.has_previous() else None,
            "results": [serialise(request, obj) for obj in (page.object_list if page else [])],
        }
    )


def organisation_json(request, o) -> dict:
    data = {
        "id": o.pk,
        "slug": o.slug,
        "name": o.name,
        "url": request.build_absolute_uri(o.get_absolute_url()),
        "legal_form": o.legal_form,
        "organisation_number": o.organisation_number,
        "description": o.description,
        "categories": [c.name for c in o.categories.all()],
        "districts": [d.name for d in o.districts.all()],
        "areas": [a.name for a in o.areas.all() if a.kind == "area"],
        "target_groups": [a.name for a in o.areas.all() if a.kind == "target_group"],
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


def activity_json(request, a) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "starts_at": a.starts_at.isoformat(),
        "ends_at": a.ends_at.isoformat() if a.ends_at else None,
        "place": a.place,
        "district": a.district.name if a.district else None,
        "description": a.description,
        "url": a.url,
        "cancelled": a.is_cancelled,
        "organisation": {
            "slug": a.organisation.slug,
            "name": a.organisation.name,
            "url": request.build_absolute_uri(a.organisation.get_absolute_url()),
        },
    }


@api_view
def organisations(request):
    queryset = directory_queryset().prefetch_related("areas")
    filterset = OrganisationFilter(request.GET or None, queryset=queryset)
    if filterset.is_bound and not filterset.form.is_valid():
        return _error("Invalid filter.", filterset.form.errors.get_json_data())
    return _page(request, filterset.qs, organisation_json)


@api_view
def activities(request):
    filterset, queryset = filtered_activities(request)
    if filterset.is_bound and not filterset.form.is_valid():
        return _error("Invalid filter.", filterset.form.errors.get_json_data())
    return _page(request, queryset, activity_json)


@require_GET
def docs(request):
    return render(
        request,
        "organisations/api_docs.html",
        {
            "organisations_url": request.build_absolute_uri(
                reverse("organisations:api_organisations")
            ),
            "activities_url": request.build_absolute_uri(reverse("organisations:api_activities")),
            "openapi_url": request.build_absolute_uri(reverse("organisations:api_openapi")),
            "max_page_size": MAX_PAGE_SIZE,
        },
    )


def _string_array(description):
    return {"type": "array", "items": {"type": "string"}, "description": description}


# What the filters accept, said so that a client (and schemathesis, in
# tests/organisations/test_api_schema.py) can tell a valid request from an invalid
# one: ids are those the register has (another is a 400), dates are YYYY-MM-DD in
# 1900–2100 (portal.inputs), and an empty value, as an HTML form sends for a field
# left blank, is the same as none.
EMPTY = {"type": "string", "maxLength": 0}
DATE = {
    "type": "string",
    "format": "date",
    "pattern": r"^(19[0-9]{2}|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$",  # FIRST_YEAR–LAST_YEAR
}


def _or_empty(schema: dict) -> dict:
    return {"anyOf": [schema, EMPTY]}


def _ids(queryset) -> dict:
    """The ids the register has now: the document is made for each request."""
    return {"type": "integer", "enum": list(queryset.order_by("pk").values_list("pk", flat=True))}


def _query(name: str, schema: dict, description: str, **extra) -> dict:
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


def filter_parameters() -> list[dict]:
    return [
        _query("q", {"type": "string"}, "Search words (Swedish stemming, prefixes, "
               "misspelled names)."),
        _query("category", {"type": "array", "items": _ids(Category.objects)},
               "Category id; repeat for several (any of them).", style="form", explode=True),
        _query("district", _or_empty(_ids(District.objects)), "District (kommundel) id."),
        _query("area", _or_empty(_ids(ActivityArea.objects)),
               "Activity area or target group id."),
        _query("has_staff", _or_empty({"type": "string", "enum": ["yes", "no"]}),
               "With or without paid staff."),
        _query("offers", {"type": "array", "items": {"type": "string", "enum": sorted(
            OFFER_FIELDS)}}, "All of the given offers/needs.", style="form", explode=True),
    ]  # fmt: skip


def activity_parameters() -> list[dict]:
    return [
        _query("district", _or_empty(_ids(District.objects)), "District (kommundel) id."),
        _query("category", _or_empty(_ids(Category.objects)), "Category id."),
        _query("organisation", {"type": "string"}, "The association's slug."),
        _query("from", _or_empty(DATE), f"From this day (YYYY-MM-DD, {FIRST_YEAR}–{LAST_YEAR})."),
        _query("to", _or_empty(DATE), f"To this day, inclusive (YYYY-MM-DD, {FIRST_YEAR}–"
               f"{LAST_YEAR})."),
    ]  # fmt: skip


PAGING_PARAMETERS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1},
     "description": "A page after the last is a 404."},
    {"name": "page_size", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 20}},
]  # fmt: skip


def _paged(item_ref):
    return {
        "type": "object",
        "required": ["count", "page", "page_size", "num_pages", "results"],
        "properties": {
            "count": {"type": "integer"},
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "num_pages": {"type": "integer"},
            "next": {"type": ["string", "null"], "format": "uri"},
            "previous": {"type": ["string", "null"], "format": "uri"},
            "results": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


def openapi_document(base_url: str) -> dict:
    def error(description):
        return {"description": description, "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Error"}}}}  # fmt: skip

    invalid = error("Invalid parameters: an id the register does not have, a date that is "
                    "not YYYY-MM-DD in the years allowed, a page or page size out of range, "
                    "or a NUL character; errors names the parameters at fault.")  # fmt: skip
    past_the_end = error("A page after the last.")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Föreningsregistret – öppna data",
            "version": "1.0.0",
            "description": "Public associations of the register and their activities. "
            "Only active, public associations; a contact person only with their consent.",
            "license": {"name": "CC0-1.0", "identifier": "CC0-1.0"},
        },
        "servers": [{"url": base_url}],
        "paths": {
            "/foreningar/": {
                "get": {
                    "operationId": "listOrganisations",
                    "summary": "Associations, filtered and paged",
                    "parameters": filter_parameters() + PAGING_PARAMETERS,
                    "responses": {
                        "200": {
                            "description": "A page of associations",
                            "content": {
                                "application/json": {
                                    "schema": _paged("#/components/schemas/Organisation")
                                }
                            },
                        },
                        "400": invalid,
                        "404": past_the_end,
                    },
                }  # fmt: skip
            },
            "/aktiviteter/": {
                "get": {
                    "operationId": "listActivities",
                    "summary": "Upcoming activities (or from a date), paged",
                    "parameters": activity_parameters() + PAGING_PARAMETERS,
                    "responses": {
                        "200": {
                            "description": "A page of activities",
                            "content": {
                                "application/json": {
                                    "schema": _paged("#/components/schemas/Activity")
                                }
                            },
                        },
                        "400": invalid,
                        "404": past_the_end,
                    },
                }  # fmt: skip
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {"error": {"type": "string"}, "errors": {"type": "object"}},
                },
                "Organisation": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "slug": {"type": "string"},
                        "name": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                        "legal_form": {"type": "string"},
                        "organisation_number": {"type": ["string", "null"]},
                        "description": {"type": "string"},
                        "categories": _string_array("Category names"),
                        "districts": _string_array("District names"),
                        "areas": _string_array("Activity areas"),
                        "target_groups": _string_array("Target groups"),
                        "website": {"type": "string"},
                        "email": {"type": "string"},
                        "phone": {"type": "string"},
                        "address": {"type": "string"},
                        "social_media": {"type": "string"},
                        "member_count": {"type": ["integer", "null"]},
                        "has_staff": {"type": "boolean"},
                        "seeks_collaboration": {"type": "boolean"},
                        "offers_premises": {"type": "boolean"},
                        "offers_volunteers": {"type": "boolean"},
                        "offers_knowledge": {"type": "boolean"},
                        "data_confirmed": {"type": "boolean"},
                        "calendar": {"type": "string", "format": "uri"},
                        "contact": {
                            "type": ["object", "null"],
                            "description": "Only when the contact person agreed.",
                            "properties": {
                                "name": {"type": "string"},
                                "email": {"type": "string"},
                                "phone": {"type": "string"},
                            },
                        },
                    },
                },
                "Activity": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "starts_at": {"type": "string", "format": "date-time"},
                        "ends_at": {"type": ["string", "null"], "format": "date-time"},
                        "place": {"type": "string"},
                        "district": {"type": ["string", "null"]},
                        "description": {"type": "string"},
                        "url": {"type": "string"},
                        "cancelled": {
                            "type": "boolean",
                            "description": "Cancelled by the association or the "
                            "municipality: still listed, so that those who planned to come "
                            "learn of it.",
                        },
                        "organisation": {
                            "type": "object",
                            "properties": {
                                "slug": {"type": "string"},
                                "name": {"type": "string"},
                                "url": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                },
            }
        },
    }


@api_view
def openapi(request):
    base = request.build_absolute_uri(reverse("organisations:api_docs")).rstrip("/")
    return _json(openapi_document(base))
