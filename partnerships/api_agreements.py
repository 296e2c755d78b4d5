"""Open data: decided agreements (from the decision on, they are public) with their
parties, kind, term, budget and decision, at the register's api/avtal/ and in its
OpenAPI description (organisations.api_registry). A party is listed only when the
association is public in the register; the others are counted."""

from django import forms
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from organisations import api_registry
from organisations.api import PagingForm, _invalid, _page, api_view
from organisations.api_schema import LANGUAGE_PARAMETER, PAGING_PARAMETERS, _or_empty, _paged
from organisations.models import Organisation
from portal.inputs import CleanForm

from .models import Agreement


class AgreementApiForm(CleanForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices, required=False)


def agreement_json(request, a) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "kind": a.kind,
        "kind_label": str(a.get_kind_display()),
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "purpose": a.purpose,
        "starts_on": a.starts_on.isoformat() if a.starts_on else None,
        "ends_on": a.ends_on.isoformat() if a.ends_on else None,
        "ended_on": a.ended_on.isoformat() if a.ended_on else None,
        "budget": float(a.budget) if a.budget is not None else None,
        "decision": {
            "body": a.decision_body,
            "date": a.decision_date.isoformat() if a.decision_date else None,
            "paragraph": a.decision_paragraph,
            "case_number": a.case_number,
        },
        "departments": [d.name for d in a.departments.all()],
        "parties": [
            {
                "id": o.pk,
                "slug": o.slug,
                "name": o.name,
                "url": request.build_absolute_uri(o.get_absolute_url()),
            }
            for o in a.parties.all()
        ],
        "other_parties": a.party_count - len(a.parties.all()),
        "renewal_of": a.renewed_from_id,
    }


@api_view
def agreements(request):
    form = AgreementApiForm(request.GET)
    paging = PagingForm(request.GET)
    if error := _invalid(form, paging):
        return error
    queryset = (
        Agreement.objects.public()
        .annotate(party_count=Count("agreement_parties"))
        .prefetch_related(
            Prefetch("parties", queryset=Organisation.objects.public().only("pk", "slug", "name")),
            "departments",
        )
        .order_by("-decision_date", "-pk")
    )
    if kind := form.cleaned_data.get("kind"):
        queryset = queryset.filter(Q(kind=kind))
    return _page(request, queryset, agreement_json, paging)


def _date(**extra):
    return {"type": ["string", "null"], "format": "date", **extra}


def openapi() -> tuple[dict, dict]:
    path_item = {
        "get": {
            "operationId": "listAgreements",
            "summary": "Decided agreements (IOPs, contracts, projects), paged",
            "parameters": [
                {
                    "name": "kind",
                    "in": "query",
                    "schema": _or_empty({"type": "string", "enum": list(Agreement.Kind.values)}),
                    "description": "Only agreements of this kind.",
                },
                *PAGING_PARAMETERS,
                LANGUAGE_PARAMETER,
            ],
            "responses": {
                "200": {
                    "description": "A page of Agreement objects",
                    "content": {
                        "application/json": {"schema": _paged("#/components/schemas/Agreement")}
                    },
                },
                "400": _error("Invalid parameters: an unknown kind, a page out of range."),
                "404": _error("A page after the last."),
            },
        }
    }
    text = {"type": "string"}
    schema = {
        "Agreement": {
            "type": "object",
            "description": "An agreement from its decision on, newest decision first.",
            "required": ["id", "title", "kind", "status", "decision", "parties"],
            "properties": {
                "id": {"type": "integer"},
                "title": text,
                "kind": {"type": "string", "enum": list(Agreement.Kind.values)},
                "kind_label": text,
                "status": {"type": "string", "enum": list(Agreement.PUBLIC_STATUSES)},
                "status_label": text,
                "purpose": text,
                "starts_on": _date(),
                "ends_on": _date(description="The end of the term."),
                "ended_on": _date(description="When it ended, if it has."),
                "budget": {"type": ["number", "null"], "minimum": 0, "description": "SEK"},
                "decision": {
                    "type": "object",
                    "properties": {
                        "body": text,
                        "date": _date(),
                        "paragraph": text,
                        "case_number": text,
                    },
                },
                "departments": {"type": "array", "items": text},
                "parties": {
                    "type": "array",
                    "description": "The party associations public in the register.",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "integer"},
                            "slug": text,
                            "name": text,
                            "url": {"type": "string", "format": "uri"},
                        },
                    },
                },
                "other_parties": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Parties not public in the register (not named).",
                },
                "renewal_of": {
                    "type": ["integer", "null"],
                    "description": "The id of the agreement this one renews.",
                },
            },
        }
    }
    return path_item, schema


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


api_registry.register(
    api_registry.Endpoint(
        route="avtal/",
        name="api_agreements",
        view=agreements,
        summary=_("Decided agreements: parties, kind, term, budget and decision"),
        openapi=openapi,
    )
)
