"""The search's synonym groups in the coordinators' admin (beside the register's
other vocabularies in ``admin``): an edit counts in the next search."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin import CleanInputAdminMixin

from .models import SearchSynonymGroup


@admin.register(SearchSynonymGroup)
class SearchSynonymGroupAdmin(CleanInputAdminMixin, admin.ModelAdmin):
    list_display = ("words_shown", "abbreviations_shown")
    fields = ("words", "abbreviations")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "words":
            field.widget.attrs["class"] = "vTextField"  # the admin's wide text input
        return field

    @admin.display(description=_("words"), ordering="words")
    def words_shown(self, obj):
        return ", ".join(obj.words)

    @admin.display(description=_("abbreviations"))
    def abbreviations_shown(self, obj):
        return ", ".join(obj.abbreviations)
