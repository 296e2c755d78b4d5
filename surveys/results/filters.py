"""The respondent groups a survey's results can be narrowed to (category,
district, department, combinable) and the group a breakdown table splits them
by. Only groups that occur among the survey's submitted responses are offered.
An invalid value makes its field say so and is left out (django-filter).

``ResultFilter.chosen`` counts, in one query, the responses of the chosen group
and of each coarser one (a filter dropped) that small-group protection weighs."""

from dataclasses import dataclass
from functools import cached_property, reduce
from operator import and_

import django_filters
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Category, District
from portal.inputs import CleanForm
from portal.models import Department

from ..models import Response, ResponseCategory, Survey

GROUPS = ("category", "district", "department")
# The response field a breakdown by each group reads.
BREAKDOWN_FIELDS = {
    "category": "categories",
    "district": "district",
    "department": "department",
}


def condition(name: str, value) -> Q:
    """A response's belonging to the group ``value`` of filter ``name``. A
    category is an EXISTS over the response's categories rather than a join, so
    that a query grouped by another category, or counting several selections at
    once, still counts each response once and sees all its categories."""
    if name == "category":
        return Q(Exists(ResponseCategory.objects.filter(response=OuterRef("pk"), category=value)))
    return Q(**{name: value})


def every(conditions) -> Q:
    """All of ``conditions`` at once (no condition: every response)."""
    return reduce(and_, conditions, Q())


def coarser_counts(conditions: dict[str, Q]) -> dict[str, Count]:
    """For each condition, the count of the responses that meet all the others
    (``without_<name>``): the selection with that one dropped, as protection
    weighs it."""
    return {
        f"without_{name}": Count("pk", filter=every(c for n, c in conditions.items() if n != name))
        for name in conditions
    }


@dataclass(frozen=True)
class Chosen:
    """The responses a request narrows the results to, counted: ``conditions``
    by filter name, the survey's ``total`` of submitted responses, the chosen
    group's ``size``, and ``coarser``: for each filter dropped from a combination
    of two or more, the label of what remains and its size."""

    conditions: dict[str, Q]
    total: int
    size: int
    coarser: dict[str, int]


class ResultFilter(django_filters.FilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category of association"),
        field_name="categories",
        queryset=Category.objects.none(),
        empty_label=_("Every category"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.none(),
        empty_label=_("Every district"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.none(),
        empty_label=_("Every department"),
    )
    by = django_filters.ChoiceFilter(
        label=_("Break down the choices by"),
        choices=[
            ("category", _("Category")),
            ("district", _("District")),
            ("department", _("Department")),
        ],
        empty_label=_("No breakdown"),
        method="keep",
    )

    class Meta:
        model = Response
        fields = ["category", "district", "department", "by"]
        form = CleanForm

    def __init__(self, data=None, *, survey, **kwargs):
        submitted = {
            "survey_responses__survey": survey,
            "survey_responses__submitted_at__isnull": False,
        }
        self.survey = survey
        super().__init__(data, queryset=survey.responses.submitted(), **kwargs)
        fields = self.form.fields
        fields["category"].queryset = Category.objects.filter(**submitted).distinct()
        fields["district"].queryset = District.objects.filter(**submitted).distinct()
        fields["department"].queryset = Department.objects.filter(**submitted).distinct()
        # Only the groups the survey's audience has: associations have categories
        # and districts, departments themselves; an open link's answers have none.
        kept = {
            Survey.Audience.ASSOCIATIONS: ("category", "district"),
            Survey.Audience.DEPARTMENTS: ("department",),
        }.get(survey.audience, ())
        for name in GROUPS:
            if name not in kept:
                del fields[name]
        fields["by"].choices = [c for c in fields["by"].choices if c[0] in ("", *kept)]
        if not kept:
            del fields["by"]

    def keep(self, queryset, name, value):
        """The breakdown chooses a table, not responses."""
        return queryset

    def _valid(self) -> dict:
        """The fields that were given and are valid (a bound form is cleaned once)."""
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})

    @property
    def filtered(self) -> bool:
        """Whether the responses are narrowed to a group (so protection applies)."""
        return any(self._valid().get(name) for name in GROUPS)

    @property
    def breakdown(self) -> str:
        return self._valid().get("by") or ""

    @cached_property
    def chosen(self) -> Chosen:
        """The chosen groups and the sizes protection weighs, in one query
        (conditional aggregation over the survey's submitted responses)."""
        values = {name: v for name in GROUPS if (v := self._valid().get(name))}
        conditions = {name: condition(name, v) for name, v in values.items()}
        counts = {"total": Count("pk"), "size": Count("pk", filter=every(conditions.values()))}
        dropped = {}
        if len(conditions) > 1:
            counts |= coarser_counts(conditions)
            for name in conditions:
                dropped[name] = " + ".join(str(values[n]) for n in conditions if n != name)
        found = self.survey.responses.submitted().order_by().aggregate(**counts)
        return Chosen(
            conditions=conditions,
            total=found["total"],
            size=found["size"],
            coarser={label: found[f"without_{name}"] for name, label in dropped.items()},
        )
