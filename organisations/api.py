"""Open data: the public part of the register and the calendar as JSON.

Only active, public associations; the contact person only with their consent
(contact_is_public). The categories, districts and areas the filters take by id
are listed with their ids, and answers name them by id and name. Labels and errors
are in the request's language (``portal.middleware``: Accept-Language, Swedish by
default). Documented at api/ and in api/openapi.json (OpenAPI 3.1).
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

from portal.inputs import FIRST_YEAR, LAST_YEAR, CleanForm

from .filters import OFFER_FIELDS, OrganisationFilter, local_day_start
from .models import ActivityArea, Category, District, Organisation
from .views import MAX_PAGE_SIZE, directory_queryset, filtered_activities

API_PAGE_SIZE = 20
OCCURRENCES = 5  # the next occasions an activity lists


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


def _page(request, queryset, serialise, paging: PagingForm):
    number = paging.cleaned_data.get("page") or 1
    size = paging.cleaned_data.get("page_size") or API_PAGE_SIZE
    paginator = Paginator(queryset, size)
    try:
        page = paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        if number == 1:
            page = None
        else:
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
            "page": number,
            "page_size": size,
            "num_pages": paginator.num_pages,
            "next": link(number + 1) if page and page.has_next() else None,
            "previous": link(number - 1) if page and page.has_previous() else None,
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
    return _page(request, filterset.qs, organisation_json, paging)


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
        },
    )


# What the filters accept, said so that a client (and schemathesis, in
# tests/organisations/test_api_schema.py) can tell a valid request from an invalid
# one: ids are those the register has (another is a 400), dates are YYYY-MM-DD in
# 1900–2100 (portal.inputs), and an empty value, as an HTML form sends for a field
# left blank, is the same as none.
EMPTY = {"type": "string", "maxLength": 0}
TIME = {"type": ["string", "null"], "format": "date-time"}  # an end, if any
TEXT = {"type": "string", "pattern": r"^[^\x00]*$"}  # NUL: portal.middleware.RejectNulMiddleware
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
        _query("q", TEXT, "Search words (Swedish stemming, prefixes, "
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
        _query("organisation", TEXT, "The association's slug."),
        _query("from", _or_empty(DATE), f"From this day (YYYY-MM-DD, {FIRST_YEAR}–{LAST_YEAR})."),
        _query("to", _or_empty(DATE), f"To this day, inclusive (YYYY-MM-DD, {FIRST_YEAR}–"
               f"{LAST_YEAR})."),
    ]  # fmt: skip


PAGING_PARAMETERS = [
    _query("page", _or_empty({"type": "integer", "minimum": 1, "default": 1}),
           "A page after the last is a 404."),
    _query("page_size", _or_empty({"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE,
                                   "default": API_PAGE_SIZE}), "Results per page."),
]  # fmt: skip
LANGUAGE_PARAMETER = {
    "name": "Accept-Language",
    "in": "header",
    "schema": {"type": "string"},
    "description": "sv or en: the language of labels (legal_form_label, kind_label) and "
    "errors. Swedish when neither is asked for.",
}


NAME_EN = {
    "name_en": {
        "type": ["string", "null"],
        "description": "The name in English; null when none is given (districts have none).",
    }
}


def _named_array(description: str) -> dict:
    return {"type": "array", "items": {"$ref": "#/components/schemas/Named"},
            "description": description}  # fmt: skip


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


def _list(item_ref: str) -> dict:
    return {
        "type": "object",
        "required": ["count", "results"],
        "properties": {
            "count": {"type": "integer"},
            "results": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


def _string(**extra) -> dict:
    return {"type": "string", **extra}


def openapi_document(base_url: str) -> dict:
    def error(description):
        return {"description": description, "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Error"}}}}  # fmt: skip

    def answer(description, schema):
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    invalid = error("Invalid parameters: an id the register does not have, a date that is "
                    "not YYYY-MM-DD in the years allowed, a page or page size out of range, "
                    "or a NUL character; errors names the parameters at fault.")  # fmt: skip
    past_the_end = error("A page after the last.")

    def paged(operation_id, summary, parameters, item):
        return {"get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters + PAGING_PARAMETERS + [LANGUAGE_PARAMETER],
            "responses": {
                "200": answer(f"A page of {item} objects", _paged(f"#/components/schemas/{item}")),
                "400": invalid,
                "404": past_the_end,
            },
        }}  # fmt: skip

    def listed(operation_id, summary, item):
        return {"get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [LANGUAGE_PARAMETER],
            "responses": {
                "200": answer(summary, _list(f"#/components/schemas/{item}")),
                "400": error("A NUL character in a parameter."),
            },
        }}  # fmt: skip

    kinds = [kind.value for kind in ActivityArea.Kind]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Föreningsregistret – öppna data",
            "version": "2.1.0",
            "description": "Public associations of the register and their activities. "
            "Only active, public associations; a contact person only with their consent. "
            "The categories, districts and areas the filters take by id are listed with "
            "their ids.",
            "license": {"name": "CC0-1.0", "identifier": "CC0-1.0"},
        },
        "servers": [{"url": base_url}],
        "paths": {
            "/foreningar/": paged(
                "listOrganisations",
                "Associations, filtered and paged",
                filter_parameters(),
                "Organisation",
            ),
            "/aktiviteter/": paged(
                "listActivities",
                "Activities, upcoming (or from a date), paged",
                activity_parameters(),
                "Activity",
            ),
            "/kategorier/": listed("listCategories", "Every category", "Category"),
            "/kommundelar/": listed("listDistricts", "Every district (kommundel)", "District"),
            "/omraden/": listed("listAreas", "Every activity area and target group", "Area"),
        },  # fmt: skip
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "errors"],
                    "properties": {
                        "error": _string(),
                        "errors": {
                            "type": "object",
                            "description": "Per parameter at fault, its errors.",
                            "additionalProperties": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["message", "code"],
                                    "properties": {"message": _string(), "code": _string()},
                                },
                            },
                        },
                    },
                },
                "Named": {
                    "type": "object",
                    "description": "A category, district or area: the id the filters take, "
                    "the name, and for a category or area its English name.",
                    "required": ["id", "name"],
                    "properties": {"id": {"type": "integer"}, "name": _string(), **NAME_EN},
                },
                "Category": {
                    "type": "object",
                    "required": ["id", "slug", "name", "name_en", "description"],
                    "properties": {
                        "id": {"type": "integer", "description": "The category filter's value."},
                        "slug": _string(),
                        "name": _string(),
                        **NAME_EN,
                        "description": _string(),
                    },
                },
                "District": {
                    "type": "object",
                    "required": ["id", "slug", "name"],
                    "properties": {
                        "id": {"type": "integer", "description": "The district filter's value."},
                        "slug": _string(),
                        "name": _string(),
                    },
                },
                "Area": {
                    "type": "object",
                    "required": ["id", "slug", "name", "name_en", "kind", "kind_label"],
                    "properties": {
                        "id": {"type": "integer", "description": "The area filter's value."},
                        "slug": _string(),
                        "name": _string(),
                        **NAME_EN,
                        "kind": _string(enum=kinds),
                        "kind_label": _string(description="The kind, in words."),
                    },
                },
                "Organisation": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "slug": _string(),
                        "name": _string(),
                        "url": _string(format="uri"),
                        "legal_form": _string(enum=list(Organisation.LegalForm.values)),
                        "legal_form_label": _string(description="The legal form, in words."),
                        "organisation_number": {"type": ["string", "null"]},
                        "description": _string(),
                        "categories": _named_array("Categories"),
                        "districts": _named_array("Districts"),
                        "areas": _named_array("Activity areas"),
                        "target_groups": _named_array("Target groups"),
                        "website": _string(),
                        "email": _string(),
                        "phone": _string(),
                        "address": _string(),
                        "social_media": _string(),
                        "member_count": {"type": ["integer", "null"]},
                        "has_staff": {"type": "boolean"},
                        "seeks_collaboration": {"type": "boolean"},
                        "offers_premises": {"type": "boolean"},
                        "offers_volunteers": {"type": "boolean"},
                        "offers_knowledge": {"type": "boolean"},
                        "data_confirmed": {"type": "boolean"},
                        "calendar": _string(format="uri"),
                        "contact": {
                            "type": ["object", "null"],
                            "description": "Only when the contact person agreed.",
                            "properties": {
                                "name": _string(),
                                "email": _string(),
                                "phone": _string(),
                            },
                        },
                    },
                },
                "Occurrence": {
                    "type": "object",
                    "required": ["starts_at", "ends_at"],
                    "properties": {"starts_at": _string(format="date-time"), "ends_at": TIME},
                },
                "Activity": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "title": _string(),
                        "starts_at": _string(format="date-time"),
                        "ends_at": TIME,
                        "recurrence": _string(
                            description="How it repeats, as an RFC 5545 RRULE (e.g. "
                            "FREQ=WEEKLY;UNTIL=20260630T215959Z, times in Europe/Stockholm "
                            "from starts_at); empty when it does not. One entry per "
                            "activity, not per occasion."
                        ),
                        "occurrences": {
                            "type": "array",
                            "description": f"The next (at most {OCCURRENCES}) occasions "
                            "from now, or from the day asked for; a one-off's is itself.",
                            "items": {"$ref": "#/components/schemas/Occurrence"},
                        },
                        "place": _string(),
                        "district": {
                            "oneOf": [{"$ref": "#/components/schemas/Named"}, {"type": "null"}]
                        },
                        "description": _string(),
                        "url": _string(description="The association's own link, if any."),
                        "page": _string(format="uri", description="The activity's page."),
                        "cancelled": {
                            "type": "boolean",
                            "description": "Cancelled by the association or the "
                            "municipality: still listed, so that those who planned to come "
                            "learn of it.",
                        },
                        "organisation": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "integer"},
                                "slug": _string(),
                                "name": _string(),
                                "url": _string(format="uri"),
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
