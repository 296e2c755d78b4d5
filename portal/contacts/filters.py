"""The search and filters of Hitta rätt. An invalid value (an unknown topic id)
makes the form invalid: django-filter leaves that filter out and the page says so."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import ActivityArea
from organisations.search import corrected
from portal.inputs import CleanForm
from portal.models import Department

from . import search
from .models import ContactPath, Topic


class ContactPathFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("What do you need help with?"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        field_name="topics",
        empty_label=_("All topics"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.filter(is_active=True),
        empty_label=_("All departments"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        queryset=ActivityArea.objects.filter(kind=ActivityArea.Kind.TARGET_GROUP),
        field_name="target_groups",
        empty_label=_("All target groups"),
    )

    class Meta:
        model = ContactPath
        fields: list[str] = []
        form = CleanForm

    # Set by filter_queryset for a search: the known words misspelled query words
    # were widened with (the page names them).
    corrections: list[str] = []

    def filter_q(self, queryset, name, value):
        # Applied last (see filter_queryset) so the ranking wraps the filtered set.
        return queryset

    def filter_queryset(self, queryset):
        q = (self.form.cleaned_data.get("q") if hasattr(self.form, "cleaned_data") else "") or ""
        queryset = super().filter_queryset(queryset)
        found = search.alternatives(q)
        self.corrections = corrected(found)
        return search.search_paths(queryset, q, found)
