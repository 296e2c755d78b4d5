"""The officials' search and filters of collaborations. Each relation is filtered
with EXISTS, so that a collaboration with two matching associations is listed once
and the list needs no DISTINCT. An invalid value makes that filter's field say so
(django-filter leaves it out), never a server error."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Category, Organisation
from portal.inputs import LAST_YEAR, CleanForm
from portal.models import Department

from .models import Collaboration, CollaborationForm, GoalArea

FIRST_YEAR = 2000


def _through(name: str, **lookups):
    through = getattr(Collaboration, name).through
    return Exists(through.objects.filter(collaboration=OuterRef("pk"), **lookups))


class CollaborationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.all(),
        empty_label=_("Every department"),
        method="filter_department",
    )
    association = django_filters.ModelChoiceFilter(
        label=_("Association"),
        queryset=Organisation.objects.filter(collaborations__isnull=False).distinct().only("name"),
        empty_label=_("Every association"),
        method="filter_association",
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category of association"),
        queryset=Category.objects.all(),
        empty_label=_("Every category"),
        method="filter_category",
    )
    form = django_filters.ModelChoiceFilter(
        label=_("Form of collaboration"),
        queryset=CollaborationForm.objects.all(),
        empty_label=_("Every form"),
        method="filter_form",
    )
    goal_area = django_filters.ModelChoiceFilter(
        label=_("Goal area"),
        queryset=GoalArea.objects.all(),
        empty_label=_("Every goal area"),
        method="filter_goal_area",
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        method="filter_year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Collaboration
        fields = ["q", "department", "association", "category", "form", "goal_area", "year"]
        form = CleanForm

    def filter_q(self, queryset, name, value):
        words = value.split()
        for word in words[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(contact_role__icontains=word)
                | _through("associations", organisation__name__icontains=word)
            )
        return queryset

    def filter_department(self, queryset, name, value):
        return queryset.filter(_through("departments", department=value))

    def filter_association(self, queryset, name, value):
        return queryset.filter(_through("associations", organisation=value))

    def filter_category(self, queryset, name, value):
        return queryset.filter(_through("associations", organisation__categories=value))

    def filter_form(self, queryset, name, value):
        return queryset.filter(_through("forms", collaborationform=value))

    def filter_goal_area(self, queryset, name, value):
        return queryset.filter(_through("goal_areas", goalarea=value))

    def filter_year(self, queryset, name, value):
        return queryset.in_year(int(value))
