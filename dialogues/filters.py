"""The forum map's filters: kind, department, district and topic. District and
topic use EXISTS on the m2m tables, so no duplicate rows and no DISTINCT."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from organisations.models import ActivityArea, District
from portal.models import Department

from .models import Forum


class ForumFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Forum.Kind.choices, empty_label=_("All kinds")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.all(),
        empty_label=_("All departments"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        method="filter_district",
        empty_label=_("All districts"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=ActivityArea.objects.all(),
        method="filter_topic",
        empty_label=_("All topics"),
    )

    class Meta:
        model = Forum
        fields = ["kind", "department"]

    def filter_district(self, queryset, name, value):
        """A district's forums and those for the whole municipality (no district)."""
        through = Forum.districts.through
        return queryset.filter(
            Exists(through.objects.filter(forum_id=OuterRef("pk"), district=value))
            | ~Exists(through.objects.filter(forum_id=OuterRef("pk")))
        )

    def filter_topic(self, queryset, name, value):
        through = Forum.topics.through
        return queryset.filter(
            Exists(through.objects.filter(forum_id=OuterRef("pk"), activityarea=value))
        )
