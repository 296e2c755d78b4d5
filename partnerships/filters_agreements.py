"""The agreements list's filters: words, kind, status, department, party and year.
Department and party use EXISTS on their tables: no duplicate rows, no DISTINCT."""

from datetime import date

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from portal.inputs import FIRST_YEAR, LAST_YEAR
from portal.models import Department

from .models import Agreement, AgreementParty


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_words")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Agreement.Kind.choices, empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Agreement.Status.choices, empty_label=_("All statuses")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.all(),
        method="filter_department",
        empty_label=_("All departments"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Association"),
        queryset=Organisation.objects.filter(
            Exists(AgreementParty.objects.filter(organisation=OuterRef("pk")))
        ).only("pk", "name"),
        method="filter_organisation",
        empty_label=_("All associations"),
    )
    year = django_filters.NumberFilter(
        label=_("In force during the year"),
        method="filter_year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )

    class Meta:
        model = Agreement
        fields = ["q", "kind", "status", "department", "organisation", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].field.label_from_instance = lambda obj: obj.name

    def filter_words(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(case_number__icontains=value)
            | Q(purpose__icontains=value)
        )

    def filter_department(self, queryset, name, value):
        through = Agreement.departments.through
        return queryset.filter(
            Exists(through.objects.filter(agreement=OuterRef("pk"), department=value))
        )

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), organisation=value))
        )

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(
            Q(starts_on__lte=date(year, 12, 31)),
            Q(ends_on__isnull=True) | Q(ends_on__gte=date(year, 1, 1)),
        )
