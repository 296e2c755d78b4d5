"""What the admin and the forms show of our models is translated: every field has
a lazily translated verbose name, and every constraint a form can break has a
message of its own instead of the constraint's name."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db.models import UniqueConstraint
from django.db.models.constraints import BaseConstraint
from django.utils import translation
from django.utils.functional import Promise

OUR_APPS = {
    "portal",
    "contacts",
    "inquiries",
    "organisations",
    "dialogues",
    "partnerships",
    "surveys",
}
MODELS = [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def own_fields(model):
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations are named by the other side
        if isinstance(field, GenericForeignKey):
            continue  # not a column: its content type and id fields are checked
        if getattr(field, "primary_key", False) and field.auto_created:
            continue
        yield field


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_field_has_a_translated_verbose_name(model):
    missing = [f.name for f in own_fields(model) if not isinstance(f.verbose_name, Promise)]
    assert not missing, f"{model._meta.label}: {missing} need verbose_name=_(...)"
    assert isinstance(model._meta.verbose_name, Promise)
    assert isinstance(model._meta.verbose_name_plural, Promise)


def breakable_constraints():
    """Constraints whose default message would be the constraint's name: checks, and
    unique constraints with a condition or expressions (plain unique ones get
    Django's "X with this Y already exists")."""
    for model in MODELS:
        for constraint in model._meta.constraints:
            plain_unique = (
                isinstance(constraint, UniqueConstraint)
                and constraint.fields
                and not constraint.condition
                and not constraint.expressions
            )
            if not plain_unique:
                yield model, constraint


@pytest.mark.parametrize(
    ("model", "constraint"),
    list(breakable_constraints()),
    ids=lambda v: getattr(v, "name", None) or v._meta.label,
)
def test_every_constraint_has_a_message_in_swedish(model, constraint):
    assert constraint.violation_error_message != BaseConstraint.default_violation_error_message
    with translation.override("sv"):
        message = constraint.get_violation_error_message()
    assert constraint.name not in message
    with translation.override("en"):
        english = constraint.get_violation_error_message()
    assert message != english, f"{constraint.name}: no Swedish translation of {english!r}"


@pytest.mark.django_db
def test_a_broken_constraint_reads_as_a_sentence_in_the_admin(client):
    from tests.organisations.factories import make_municipal_coordinator

    client.force_login(make_municipal_coordinator())
    response = client.post(
        "/admin/organisations/confirmationround/add/",
        {"starts_on": "2027-03-01", "deadline": "2027-02-01"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sista dagen måste komma efter startdagen." in html
    assert "confirmationround_deadline_after_start" not in html
