"""Filters of the directory, the calendar, the export and the open-data API.

Invalid input (an unknown category id, a date like 2026-13-45 or outside the years
1900–2100: CleanForm, portal/inputs.py) makes the form invalid: django-filter then
leaves that filter out and the template shows the field's error, so bad links never
cause a server error.
"""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelMultipleChoiceField

from portal import pagecache
from portal.inputs import CleanForm

from . import search, search_partial
from .models import Activity, ActivityArea, Category, District, Organisation

OFFERS = [
    ("seeks_collaboration", _("Seeks collaboration")),
    ("offers_premises", _("Offers premises")),
    ("offers_volunteers", _("Offers volunteers")),
    ("offers_knowledge", _("Offers knowledge")),
]
OFFER_FIELDS = {value for value, _label in OFFERS}


def kept_objects(queryset) -> dict[str, object]:
    """{str(pk): object} of a queryset that is the same for every visitor (all the
    categories, districts or areas), read once per content version (``pagecache.kept``,
    as the filters' choice lists are): a chosen filter then costs no query."""
    return pagecache.kept(
        f"objects:{queryset.model._meta.label}", lambda: {str(obj.pk): obj for obj in queryset}
    )


def _as_pk(value) -> str:
    """A chosen id as text, a whole number written "2.0" as "2", by Django's
    IntegerField's own rule: the open-data API's description lists the ids as
    integers, and JSON Schema counts 2.0 as one."""
    return forms.IntegerField.re_decimal.sub("", str(value))


class KeptChoiceField(forms.ModelChoiceField):
    """A model choice found among ``kept_objects``, with ModelChoiceField's message."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = kept_objects(self.queryset).get(_as_pk(value))
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


class KeptMultipleChoiceField(ModelMultipleChoiceField):
    """Model choices found among ``kept_objects``, with ModelMultipleChoiceField's
    messages: a value that is no id, then one that is no choice."""

    def _check_values(self, value):
        try:
            values = list(dict.fromkeys(_as_pk(v) for v in value))
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        kept = kept_objects(self.queryset)
        for pk in values:
            self.validate_no_null_characters(pk)
            if not pk.isdigit():
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        for pk in values:
            if pk not in kept:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return [kept[pk] for pk in values]


class KeptChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = KeptChoiceField


class KeptMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = KeptMultipleChoiceField


class AreaChoiceField(KeptChoiceField):
    def label_from_instance(self, obj):
        if obj.kind == ActivityArea.Kind.TARGET_GROUP:
            return _("%(name)s (target group)") % {"name": obj.display_name}
        return obj.display_name


class AreaFilter(django_filters.ModelChoiceFilter):
    field_class = AreaChoiceField


def _related(through, column: str, values):
    """An EXISTS on the m2m table: no join, so no duplicate rows and no DISTINCT."""
    return Exists(through.objects.filter(organisation_id=OuterRef("pk"), **{column: values}))


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = KeptMultipleChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.all(),
        method="filter_category",
        widget=forms.CheckboxSelectMultiple,
    )
    district = KeptChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        method="filter_district",
        empty_label=_("All districts"),
    )
    area = AreaFilter(
        label=_("Activity area or target group"),
        queryset=ActivityArea.objects.all(),
        method="filter_area",
        empty_label=_("All areas and target groups"),
    )
    has_staff = django_filters.ChoiceFilter(
        label=_("Staff"),
        choices=[("yes", _("Has staff")), ("no", _("No staff"))],
        method="filter_has_staff",
        empty_label=_("With or without staff"),
    )
    offers = django_filters.MultipleChoiceFilter(
        label=_("Offers and seeks"),
        choices=OFFERS,
        method="filter_offers",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields: list[str] = []
        form = CleanForm

    # Set by filter_queryset for a search: search.alternatives(q), the known words
    # misspelled query words were widened with, and the synonyms each query word was
    # widened with, as "idrottsförening (IF)" (the directory names both).
    found: search.Found = search.Found()
    corrections: list[str] = []
    included: list[str] = []
    _filtered = None  # the queryset with every filter but the search applied

    def filter_q(self, queryset, name, value):
        # Applied last (see filter_queryset) so the ranking wraps the filtered set.
        return queryset

    def _in_search(self, token: str, pks) -> bool:
        """With query words on PostgreSQL a category, district or area filter joins the
        full-text match (tokens in the stored vector, ``search.token_query``): one GIN
        scan instead of the vector of every linked organisation checked in a loop."""
        if not self._search_words:
            return False
        self._search_terms.append(search.token_query(token, pks))
        return True

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        if self._in_search(search.CATEGORY_TOKEN, [c.pk for c in value]):
            return queryset
        return queryset.filter(_related(Organisation.categories.through, "category__in", value))

    def filter_district(self, queryset, name, value):
        if self._in_search(search.DISTRICT_TOKEN, [value.pk]):
            return queryset
        return queryset.filter(_related(Organisation.districts.through, "district", value))

    def filter_area(self, queryset, name, value):
        if self._in_search(search.AREA_TOKEN, [value.pk]):
            return queryset
        return queryset.filter(_related(Organisation.areas.through, "activityarea", value))

    def filter_has_staff(self, queryset, name, value):
        # A column, not a token: services reindex only when names or relations change.
        return queryset.filter(has_staff=(value == "yes"))

    def filter_offers(self, queryset, name, value):
        return queryset.filter(**{field: True for field in value if field in OFFER_FIELDS})

    def filter_queryset(self, queryset):
        self._filter(queryset)
        return search.filter_by_tokens(
            search.search(self._filtered, self._q(), self.found), self._search_terms
        )

    def _filter(self, queryset) -> None:
        """Apply every filter but the search's words (``_filtered``) and find what the
        words also stand for (``found``), once: ``qs`` and ``bounded_qs`` build on it."""
        q = self._q()
        self._search_words = bool(search.words(q))
        self._search_terms = []
        self._filtered = super().filter_queryset(queryset)
        self.found = search.alternatives(q)
        self.corrections = search.corrected(self.found)
        self.included = search.included(q, self.found)

    def bounded_qs(self):
        """The search with a broad one cut to the matches worth ranking
        (``search.bounded``): for a page of results, not for exports (``qs``). Without
        ``qs``'s ranking of every match, which a page does not read."""
        if not self.is_bound:
            return self.qs
        if self._filtered is None:
            self.form.is_valid()  # validates the form, as ``qs`` does
            self._filter(self.queryset.all())
        return search.bounded(self._unsearched(), self._q(), self.found)

    def partial_qs(self):
        """The best partial matches (``search_partial.partial``) with every filter applied, for
        a search of several words that ``bounded_qs`` (called first) found nothing for."""
        if self._filtered is None:  # unbound: no search
            return self.queryset.none()
        return search_partial.partial(self._unsearched(), self._q(), self.found)

    def _q(self) -> str:
        return getattr(self.form, "cleaned_data", {}).get("q") or ""

    def _unsearched(self):
        """Every filter applied, the categories, areas and districts as vector terms, but
        not the search's words: what ``search.bounded`` and ``search_partial`` search."""
        return search.filter_by_tokens(self._filtered, self._search_terms)

    @property
    def has_query(self) -> bool:
        return bool((self.form.cleaned_data or {}).get("q")) if self.is_bound else False


class ExportFilter(OrganisationFilter):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Organisation.Status.choices, empty_label=_("All statuses")
    )


# What <input type="date"> sends and the API's description says; the locale's other
# formats would read 03/05/2026 as the fifth of March.
ISO_DATE = ["%Y-%m-%d"]


def local_day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class ActivityFilter(django_filters.FilterSet):
    district = KeptChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        empty_label=_("All districts"),
    )
    category = KeptChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.all(),
        method="filter_category",
        empty_label=_("All categories"),
    )
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", widget=forms.HiddenInput, label=_("Association")
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        method="filter_from",
        input_formats=ISO_DATE,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        method="filter_to",
        input_formats=ISO_DATE,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Activity
        fields: list[str] = []
        form = CleanForm

    def filter_category(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Organisation.categories.through.objects.filter(
                    organisation_id=OuterRef("organisation_id"), category=value
                )
            )
        )

    def filter_from(self, queryset, name, value):
        # A weekly training begun last year has occasions from this day on.
        return queryset.starting_from(local_day_start(value))

    def filter_to(self, queryset, name, value):
        # A series is let through from its first occasion on.
        return queryset.filter(starts_at__lt=local_day_start(value + timedelta(days=1)))


# The GET parameters are "from" and "to" (keywords in Python, so renamed here).
ActivityFilter.base_filters["from"] = ActivityFilter.base_filters.pop("date_from")
ActivityFilter.base_filters["to"] = ActivityFilter.base_filters.pop("date_to")
