"""The registration as five steps (organisations/registration.py): each step checked
on its own, everything kept going back and forth (as typed, even when a step did not
pass), a review of everything, one association from the one submission, and a draft
that expired or was lost sending the person back to the first step."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.forms import OrganisationForm
from organisations.models import ActivityArea, Category, Organisation
from organisations.registration import REVIEW, SESSION_KEY, STEPS, step_url
from tests.organisations.factories import (
    ActivityAreaFactory,
    CategoryFactory,
    DistrictFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.organisations.steps import part, register, review_hidden_fields, send_review, walk

pytestmark = pytest.mark.django_db

ABOUT, WHERE, CONTACT, OFFERS = STEPS[:4]


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def data():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    culture = CategoryFactory(name="Kulturförening", slug="kulturforening")
    return {
        "name": "Vårby Gårds Schackklubb",
        "legal_form": "ideell_forening",
        "organisation_number": "802456-7896",
        "description": "Schack varje tisdag.\nNybörjare välkomna.",
        "member_count": "42",
        "has_staff": "on",
        "districts": [
            DistrictFactory(name="Vårby", slug="varby").pk,
            DistrictFactory(name="Flemingsberg", slug="flemingsberg").pk,
        ],
        "categories": [sport.pk, culture.pk],
        "areas": [ActivityAreaFactory(name="Spel och lek", slug="spel").pk],
        "target_groups": [
            ActivityAreaFactory(
                name="Barn och unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP
            ).pk
        ],
        "website": "https://schack.example.se/",
        "email": "info@schack.example.se",
        "phone": "08-123 45 67",
        "contact_name": "Anna Andersson",
        "contact_email": "anna@example.se",
        "seeks_collaboration": "on",
        "offers_premises": "on",
        "offers_needs_text": "Vi lånar gärna ut våra bord.",
        "contact_is_public": "on",
    }


def _next(client, step, values):
    return client.post(step_url(step), {**values, "action": "next"})


def _back(client, step, values):
    return client.post(step_url(step), {**values, "action": "back"})


def _html(response) -> str:
    return response.content.decode()


def test_the_steps_ask_for_every_field_of_the_association_once():
    asked = [name for step in STEPS for name in step.fields if name != "target_groups"]
    assert sorted(asked) == sorted(OrganisationForm.Meta.fields)


def test_each_step_shows_where_it_is(client, person, data):
    assert walk(client, data, until=CONTACT) is None
    html = _html(client.get(step_url(CONTACT)))
    assert "<title>Steg 3 av 5: Kontakt – Registrera en förening" in html
    assert '<h2 class="reg-heading">Steg 3 av 5: Kontakt</h2>' in html
    current = re.findall(r'<li class="[^"]*"[^>]*aria-current="step"', html)
    assert len(current) == 1 and "reg-steps__item--current" in current[0]
    assert html.count("reg-steps__item--done") == 2
    assert "Nästa: Erbjuder och söker" in html
    assert 'name="action" value="back"' in html


@pytest.mark.parametrize(
    ("step", "changes", "errors"),
    [
        (ABOUT, {"name": ""}, ["name"]),
        (ABOUT, {"organisation_number": "802456-7890"}, ["organisation_number"]),
        (ABOUT, {"member_count": "många"}, ["member_count"]),
        (WHERE, {"categories": []}, ["categories"]),
        (WHERE, {"districts": ["999999"]}, ["districts"]),
        (CONTACT, {"email": "inte en adress"}, ["email"]),
        (CONTACT, {"website": "schack"}, ["website"]),
        (OFFERS, {"offers_needs_text": "x" * 2001}, ["offers_needs_text"]),
    ],
)
def test_each_step_is_checked_on_its_own(client, person, data, step, changes, errors):
    assert walk(client, data, until=step) is None
    response = _next(client, step, part(step, {**data, **changes}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == errors
    assert response.context["step"] is step
    # Not further: the next step sends back here until this one passes.
    later = STEPS[STEPS.index(step) + 1]
    assert client.get(step_url(later))["Location"] == step_url(step)
    assert _next(client, step, part(step, data))["Location"] == step_url(later)


def test_the_steps_cannot_be_skipped(client, person, data):
    assert client.get(step_url(CONTACT))["Location"] == step_url(ABOUT)  # nothing yet
    _next(client, ABOUT, part(ABOUT, data))
    assert client.get(step_url(CONTACT))["Location"] == step_url(WHERE)
    assert client.get(step_url(REVIEW))["Location"] == step_url(WHERE)
    assert (
        client.get(reverse("organisations:register_step", args=["finns-inte"])).status_code == 404
    )


def test_back_keeps_what_was_typed_even_when_it_does_not_pass(client, person, data):
    assert walk(client, data, until=CONTACT) is None
    typed = {**part(CONTACT, data), "email": "inte en adress", "phone": "070-1"}
    response = _back(client, CONTACT, typed)
    assert response["Location"] == step_url(WHERE)
    # The step before shows its own answers, every box as ticked.
    where = _html(client.get(step_url(WHERE)))
    for pk in data["districts"] + data["categories"] + data["areas"] + data["target_groups"]:
        assert re.search(rf'<input[^>]*value="{pk}"[^>]*checked', where), pk
    assert "field--error" not in where
    # Forward again: the step that did not pass shows what was typed, no errors yet.
    assert _next(client, WHERE, part(WHERE, data))["Location"] == step_url(CONTACT)
    contact = _html(client.get(step_url(CONTACT)))
    assert 'value="inte en adress"' in contact and 'value="070-1"' in contact
    assert 'value="Anna Andersson"' in contact
    assert "error-summary" not in contact
    assert _next(client, CONTACT, typed).status_code == 200  # and it is checked when sent


def test_unticked_boxes_stay_unticked(client, person, data):
    """A box left unticked is not sent at all: the draft keeps that it was not, so
    the default (shown in the directory: ticked) does not come back."""
    assert walk(client, data) is None
    _back(client, REVIEW, {"contact_is_public": "on"})  # is_public unticked
    html = _html(client.get(step_url(REVIEW)))
    assert re.search(r'<input[^>]*name="contact_is_public"[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="is_public"[^>]*checked', html)
    about = _html(client.get(step_url(ABOUT)))
    assert re.search(r'<input[^>]*name="has_staff"[^>]*checked', about)


def test_the_review_shows_everything_with_a_link_to_change_each_step(client, person, data):
    assert walk(client, data) is None
    response = client.get(step_url(REVIEW))
    html = _html(response)
    for text in (
        "Vårby Gårds Schackklubb",
        "Ideell förening",
        "802456-7896",
        "Schack varje tisdag.<br>Nybörjare välkomna.",
        "42",
        "Flemingsberg, Vårby",
        "Idrottsförening, Kulturförening",
        "Spel och lek",
        "Barn och unga",
        "https://schack.example.se/",
        "08-123 45 67",
        "anna@example.se",
        "Vi lånar gärna ut våra bord.",
    ):
        assert text in html, text
    assert "<dt>Postadress</dt><dd>Inte angivet</dd>" in html
    for step in STEPS[:-1]:
        assert (
            f'<a href="{step_url(step)}">Ändra<span class="visually-hidden">: {step.title}' in html
        )
    assert 'enctype="multipart/form-data"' in html and 'name="logo"' in html


def test_a_change_from_the_review_comes_back_to_it(client, person, data):
    assert walk(client, data) is None
    changed = _next(client, ABOUT, {**part(ABOUT, data), "name": "Vårby Schackklubb"})
    assert changed["Location"] == step_url(REVIEW)
    assert "Vårby Schackklubb" in _html(client.get(step_url(REVIEW)))


def test_a_passed_step_sent_again_with_what_no_browser_sends_is_an_error(client, person, data):
    """Its districts were read as checked before the check (found by the form fuzzer)."""
    assert walk(client, data) is None
    response = _next(client, WHERE, {**part(WHERE, data), "districts": ["_", "2026-02-30"]})
    assert response.status_code == 200
    assert response.context["form"].errors["districts"]
    assert client.get(step_url(REVIEW)).url == step_url(WHERE)


def test_the_submission_makes_exactly_one_association_with_everything(client, person, data):
    response = register(client, {**data, "is_public": "on"})
    org = Organisation.objects.get()
    assert response["Location"] == org.get_absolute_url()
    assert org.status == Organisation.Status.PENDING
    assert (org.name, org.member_count, org.has_staff) == ("Vårby Gårds Schackklubb", 42, True)
    assert org.contact_name == "Anna Andersson" and org.contact_is_public and org.is_public
    assert org.offers_premises and not org.offers_volunteers
    assert set(org.districts.values_list("pk", flat=True)) == set(data["districts"])
    assert set(org.categories.values_list("pk", flat=True)) == set(data["categories"])
    areas = set(org.areas.values_list("pk", flat=True))
    assert areas == set(data["areas"] + data["target_groups"])
    assert org.memberships.get().user == person
    # The draft is gone: the form starts afresh.
    assert SESSION_KEY not in client.session
    assert client.get(step_url(REVIEW))["Location"] == step_url(ABOUT)
    assert Organisation.objects.count() == 1


def test_an_expired_draft_starts_again_and_keeps_the_page_sent(client, person, data):
    assert walk(client, data, until=CONTACT) is None
    session = client.session
    draft = session[SESSION_KEY]
    draft["touched"] = (timezone.now() - timedelta(days=3)).isoformat()
    session[SESSION_KEY] = draft
    session.save()
    response = _next(client, CONTACT, part(CONTACT, data))
    assert response["Location"] == step_url(ABOUT)
    first = client.get(step_url(ABOUT))
    assert "Registreringen hade gått ut" in _html(first)
    assert 'value="Vårby Gårds Schackklubb"' not in _html(first)
    assert walk(client, data, until=CONTACT) is None
    assert 'value="Anna Andersson"' in _html(client.get(step_url(CONTACT)))


def test_a_lost_session_at_the_review_starts_again(client, person, data):
    assert walk(client, data) is None
    hidden = review_hidden_fields(client)
    session = client.session
    del session[SESSION_KEY]
    session.save()
    response = send_review(client, data, hidden=hidden, follow=True)
    assert response.redirect_chain == [(step_url(ABOUT), 302)]
    assert "Registreringen hade gått ut" in _html(response)
    assert not Organisation.objects.exists()


def test_an_error_on_the_review_loses_nothing(client, person, data, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    assert walk(client, data) is None
    response = send_review(
        client,
        {"contact_is_public": "on", "logo": SimpleUploadedFile("logo.png", b"nej", "image/png")},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["logo"]
    html = _html(response)
    assert re.search(r'<input[^>]*name="contact_is_public"[^>]*checked', html)
    assert "Vårby Gårds Schackklubb" in html  # the summary is still there
    assert not Organisation.objects.exists()
    assert send_review(client, {"contact_is_public": "on"}).status_code == 302
    assert Organisation.objects.get().contact_name == "Anna Andersson"


def test_a_category_removed_meanwhile_sends_back_to_its_step(client, person, data):
    assert walk(client, data) is None
    Category.objects.filter(pk=data["categories"][0]).delete()
    response = client.get(step_url(REVIEW))
    assert response["Location"] == step_url(WHERE)
    where = client.get(step_url(WHERE))
    assert list(where.context["form"].errors) == ["categories"]
    assert "autofocus" in _html(where)


# --- the duplicate check, and the error summary's wording --------------------------


def test_a_match_on_the_first_step_is_pointed_to_below_the_summary(client, person, data):
    existing = OrganisationFactory(name="Annan klubb", organisation_number="802456-7896")
    response = _next(client, ABOUT, part(ABOUT, data))
    html = _html(response)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'tabindex="-1" autofocus' in summary
    # The summary comes before the box of matches, the field after it.
    assert "(se nedan)" in summary and "(se ovan)" not in summary
    assert html.index("error-summary") < html.index('id="duplicates-title"')
    assert html.index('id="duplicates-title"') < html.index('id="id_organisation_number_error"')
    field_error = re.search(r'id="id_organisation_number_error">(.*?)</ul>', html, re.S).group(1)
    assert "(se ovan)" in field_error
    assert reverse("organisations:join_request", args=[existing.slug]) in html


def test_a_similar_name_is_asked_about_once(client, person, data):
    similar = OrganisationFactory(name="Vårby Gårds schackklubb!")
    del data["organisation_number"]
    response = _next(client, ABOUT, part(ABOUT, data))
    summary = re.search(r'<div class="error-summary".*?</div>', _html(response), re.S).group(0)
    assert 'href="#duplicates-title"' in summary and "(se nedan)" in summary
    assert response.context["form"].duplicates == [similar]
    ticked = {**part(ABOUT, data), "not_duplicate": "on"}
    assert _next(client, ABOUT, ticked)["Location"] == step_url(WHERE)
    # Not asked again on the next step, nor when it is sent.
    assert register(client, data).status_code == 302
    assert Organisation.objects.count() == 2


def test_a_similar_name_in_the_same_district_is_asked_about_on_the_second_step(
    client, person, data
):
    district = data["districts"][0]
    OrganisationFactory(name="Vårby Schackklubb", districts=[district])
    data["name"] = "Schackklubben i Vårby"
    del data["organisation_number"]
    assert _next(client, ABOUT, part(ABOUT, data))["Location"] == step_url(WHERE)
    response = _next(client, WHERE, part(WHERE, data))
    assert response.status_code == 200
    assert response.context["form"].duplicates
    assert 'name="not_duplicate"' in _html(response)


def test_a_match_registered_meanwhile_is_shown_on_the_first_step(client, person, data):
    assert walk(client, data) is None
    hidden = review_hidden_fields(client)
    OrganisationFactory(name="Helt annat namn", organisation_number="802456-7896")
    response = send_review(client, data, hidden=hidden, follow=True)
    assert response.redirect_chain == [(step_url(ABOUT), 302)]
    assert list(response.context["form"].errors) == ["organisation_number"]
    assert "Något i det här steget behöver ändras." in _html(response)
    assert Organisation.objects.count() == 1
