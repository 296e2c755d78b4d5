"""The handlers' list of cases: filters by status, kind, topic, department and
whether a deadline has passed. Invalid input leaves that filter out and shows the
field's error (django-filter), never a server error."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.inputs import CleanForm
from portal.models import Department

from .models import Inquiry, Topic


class InquiryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Reference"),
        method="filter_reference",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Inquiry.Status.choices, empty_label=_("Open and closed")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Inquiry.Kind.choices, empty_label=_("Every kind")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.all(),
        empty_label=_("Every topic"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.all(),
        empty_label=_("Every department"),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Deadlines"),
        choices=[
            ("yes", _("Past a deadline")),
            ("handed_around", _("Handed over more than twice")),
        ],
        method="filter_overdue",
        empty_label=_("All cases"),
    )

    class Meta:
        model = Inquiry
        fields = ["q", "status", "kind", "topic", "department", "overdue"]
        form = CleanForm

    def filter_reference(self, queryset, name, value):
        return queryset.filter(reference__icontains=value.strip()) if value.strip() else queryset

    def filter_overdue(self, queryset, name, value):
        if value == "yes":
            return queryset.overdue()
        if value == "handed_around":
            return queryset.open().handed_around()
        return queryset
