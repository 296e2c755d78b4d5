"""The OpenAPI 3.1 description of the open data (api/openapi.json): the register's
endpoints and those other apps register (api_registry.py). Made for each request,
as the ids the filters take are the register's own."""

from django.urls import reverse

from portal.inputs import FIRST_YEAR, LAST_YEAR

from . import api_registry
from .api import API_PAGE_SIZE, OCCURRENCES, _json, api_view
from .filters import OFFER_FIELDS
from .models import ActivityArea, Category, District, Organisation
from .search import CANDIDATES
from .views import MAX_PAGE_SIZE

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


COUNT = (
    "How many results there are, the pages' total. Exact, except for a search with more "
    f"than {CANDIDATES:,} matches: then the results are a bounded set of candidates "
    "(see q) and count is how many of them there are, a lower bound of the matches."
)
LOWER_BOUND = (
    "True when count is a lower bound: the search matched more than "
    f"{CANDIDATES:,} associations and only the candidates are ranked and paged. For "
    "partial matches (match: partial), when more may match (see match)."
)


MATCH = {
    "type": "string",
    "enum": ["all", "partial"],
    "description": "all: every result holds every search word (or there are none). "
    "partial: no association holds every word of a search of several words, so the "
    "results are the best partial matches, those holding the most words first; then "
    "the candidates are the first associations holding each word, the bound shared by "
    "the words, and count_is_lower_bound is true once count reaches a word's share "
    f"({CANDIDATES:,} divided by the number of words): more may match.",
}
INCLUDED = {
    "type": "array",
    "description": "The synonyms and abbreviations the search also looked for, per "
    "search word as given (the register's synonym groups); empty without them.",
    "items": {
        "type": "object",
        "required": ["word", "synonyms"],
        "properties": {
            "word": {"type": "string"},
            "synonyms": {"type": "array", "items": {"type": "string"}},
        },
    },
}
CORRECTED = {
    "type": "array",
    "description": "The words the search also looked for in place of search words it did "
    "not find as written: a misspelled name's likely words, or a word typed without å, ä "
    'and ö read with them ("pensionarer": pensionärer); empty when every word was found.',
    "items": {"type": "string"},
}
SEARCH_ANSWER = {"match": MATCH, "included": INCLUDED, "corrected": CORRECTED}


def filter_parameters() -> list[dict]:
    return [
        _query("q", TEXT, "Search words (Swedish stemming, prefixes, misspelled names, "
               "words typed without å, ä and ö, synonyms and club abbreviations). "
               "Results are ranked by relevance: names holding every word first. A broad "
               f"search ranks a bounded set: the first {CANDIDATES:,} associations whose name "
               f"holds the words and the first {CANDIDATES:,} others (count_is_lower_bound "
               "says when the matches were more); without q, every association by name. "
               "When no association holds every word of several, the best partial "
               "matches instead (match: partial)."),
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


def _paged(item_ref, extra: dict | None = None):
    """A page of results; ``extra``: the endpoint's own fields, each always given."""
    extra = extra or {}
    return {
        "type": "object",
        "required": [
            "count",
            "count_is_lower_bound",
            "page",
            "page_size",
            "num_pages",
            *extra,
            "results",
        ],
        "properties": {
            **extra,
            "count": {"type": "integer", "minimum": 0, "description": COUNT},
            "count_is_lower_bound": {"type": "boolean", "description": LOWER_BOUND},
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

    def paged(operation_id, summary, parameters, item, extra=None):
        return {"get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters + PAGING_PARAMETERS + [LANGUAGE_PARAMETER],
            "responses": {
                "200": answer(f"A page of {item} objects",
                              _paged(f"#/components/schemas/{item}", extra)),
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
    registered_paths, registered_schemas = {}, {}
    for endpoint in api_registry.registered():
        path_item, schemas = endpoint.openapi()
        registered_paths[f"/{endpoint.route}"] = path_item
        registered_schemas.update(schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Föreningsregistret – öppna data",
            "version": "2.4.0",
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
                SEARCH_ANSWER,
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
            **registered_paths,
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
                **registered_schemas,
            }
        },
    }


@api_view
def openapi(request):
    base = request.build_absolute_uri(reverse("organisations:api_docs")).rstrip("/")
    return _json(openapi_document(base))
