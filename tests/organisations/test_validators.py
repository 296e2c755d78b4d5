import pytest
from django.core.exceptions import ValidationError

from organisations.validators import (
    luhn_ok,
    normalise_organisation_number,
    validate_organisation_number,
)
from tests.organisations.factories import organisation_number


@pytest.mark.parametrize("value", ["802456-7890", "8024567890", "16802456-7890", "802456+7890"])
def test_normalise(value):
    assert normalise_organisation_number(value) == "802456-7890"


def test_normalise_keeps_garbage_for_the_validator():
    assert normalise_organisation_number("  abc ") == "abc"


@pytest.mark.parametrize("value", ["802456-7896", "8024567896", "556036-0793"])
def test_valid_numbers(value):
    validate_organisation_number(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [("802456-7890", "checksum"), ("80245-67890", "format"), ("abc", "format"), ("", "format")],
)
def test_invalid_numbers(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_organisation_number(value)
    assert exc.value.code == code


def test_generated_numbers_are_valid():
    for seed in range(50):
        number = organisation_number(seed)
        assert luhn_ok(number.replace("-", ""))
        validate_organisation_number(number)


@pytest.mark.django_db
def test_model_normalises_on_save():
    from tests.organisations.factories import OrganisationFactory

    org = OrganisationFactory(organisation_number="8024567896")
    org.refresh_from_db()
    assert org.organisation_number == "802456-7896"
    blank = OrganisationFactory(organisation_number="")
    blank.refresh_from_db()
    assert blank.organisation_number is None


@pytest.mark.parametrize("zero", [0xFF10, 0x0660, 0x06F0, 0x0966])
def test_unicode_digits_become_ascii(zero):
    """Full-width, Arabic-Indic, Persian and Devanagari digits are the number meant."""
    number = organisation_number(seed=1)
    other = number.translate({ord(d): zero + int(d) for d in "0123456789"})
    assert normalise_organisation_number(other) == number
    validate_organisation_number(other)


@pytest.mark.parametrize("dash", ["\u2013", "\u2212", "\uff0d"])
def test_typographic_dashes(dash):
    number = organisation_number(seed=2)
    assert normalise_organisation_number(number.replace("-", dash)) == number


def test_other_scripts_letters_stay_invalid():
    with pytest.raises(ValidationError):
        validate_organisation_number("٨٠٢٤٥٦-٧٨٩x")
