"""The organisation-number field: normalised before it is validated, so every
form (the register's, the admin's) accepts what people type and stores one
canonical form that the unique constraint and the duplicate check compare."""

from django import forms
from django.db import models

from .validators import TYPED_MAX_LENGTH, normalise_organisation_number


class OrganisationNumberFormField(forms.CharField):
    def to_python(self, value):
        return normalise_organisation_number(super().to_python(value))

    def widget_attrs(self, widget):
        # Room for "16NNNNNN-NNNN" and spaces; the stored form is NNNNNN-NNNN.
        return {**super().widget_attrs(widget), "maxlength": str(TYPED_MAX_LENGTH)}


class OrganisationNumberField(models.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return normalise_organisation_number(value) if value else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": OrganisationNumberFormField, **kwargs})
