"""Categories, activity areas and target groups in English: ``name_en`` beside the
Swedish ``name``, read wherever people meet these names (pages, forms, the admin, the
open-data API, the search), the Swedish name whenever no English one is given."""

import pytest
from django.urls import reverse
from django.utils import translation

from organisations import demo, search
from organisations.filters import OrganisationFilter
from organisations.forms import OrganisationForm
from organisations.models import ActivityArea, Category, Organisation

from .factories import (
    ActivityAreaFactory,
    CategoryFactory,
    DistrictFactory,
    OrganisationFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def names():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening", name_en="Sports club")
    untranslated = CategoryFactory(name="Nätverk", slug="natverk")
    area = ActivityAreaFactory(name="Kultur och musik", name_en="Culture and music")
    group = ActivityAreaFactory(
        name="Unga", name_en="Young people", kind=ActivityArea.Kind.TARGET_GROUP
    )
    district = DistrictFactory(name="Flemingsberg", slug="flemingsberg")
    org = OrganisationFactory(
        name="Flemingsbergs IF",
        slug="flemingsbergs-if",
        categories=[sport, untranslated],
        districts=[district],
        areas=[area, group],
    )
    return {"sport": sport, "untranslated": untranslated, "area": area, "group": group,
            "district": district, "org": org}  # fmt: skip


def english(client):
    client.cookies["portal_language"] = "en"
    return client


def test_the_name_follows_the_language_and_falls_back_to_swedish(names):
    sport, untranslated = names["sport"], names["untranslated"]
    with translation.override("en"):
        assert (sport.display_name, str(sport)) == ("Sports club", "Sports club")
        assert str(untranslated) == "Nätverk"
    with translation.override("sv"):
        assert str(sport) == "Idrottsförening"


@pytest.mark.parametrize(
    "language, shown, hidden",
    [
        ("en", ["Sports club", "Culture and music", "Young people", "Nätverk"],
         ["Idrottsförening", "Kultur och musik"]),
        ("sv", ["Idrottsförening", "Kultur och musik", "Unga"],
         ["Sports club", "Culture and music", "Young people"]),
    ],
)  # fmt: skip
def test_the_association_s_page(client, names, language, shown, hidden):
    client.cookies["portal_language"] = language
    html = client.get(reverse("organisations:detail", args=["flemingsbergs-if"])).content.decode()
    for name in shown:
        assert name in html
    for name in hidden:
        assert name not in html


def test_the_directory_s_filters_and_cards_in_english(client, names):
    html = english(client).get(reverse("organisations:directory")).content.decode()
    assert "Sports club" in html and "Culture and music" in html
    assert "Young people (target group)" in html
    assert "Idrottsförening" not in html
    assert "Flemingsberg" in html  # a place name stays as it is


def test_the_registration_form_s_choices_in_english(names):
    with translation.override("en"):
        form = OrganisationForm()
        categories = [label for _value, label in form.fields["categories"].choices]
        areas = [label for _value, label in form.fields["areas"].choices]
    assert "Sports club" in categories and "Nätverk" in categories
    assert {"Culture and music", "Young people"} <= set(areas)


def test_the_api_gives_both_names(client, names):
    sport, district = names["sport"], names["district"]
    results = client.get(reverse("organisations:api_categories")).json()["results"]
    by_slug = {c["slug"]: c for c in results}
    assert by_slug["idrottsforening"]["name"] == "Idrottsförening"
    assert by_slug["idrottsforening"]["name_en"] == "Sports club"
    assert by_slug["natverk"]["name_en"] is None
    areas = client.get(reverse("organisations:api_areas")).json()["results"]
    assert {a["name_en"] for a in areas} == {"Culture and music", "Young people"}
    # Names are data, the same whatever language the request asks for.
    english(client)
    [org] = client.get(reverse("organisations:api_organisations")).json()["results"]
    assert {"id": sport.pk, "name": "Idrottsförening", "name_en": "Sports club"} in org[
        "categories"
    ]
    assert org["districts"] == [{"id": district.pk, "name": "Flemingsberg"}]
    assert org["target_groups"] == [
        {"id": names["group"].pk, "name": "Unga", "name_en": "Young people"}
    ]


def test_english_words_find_the_association_and_follow_a_rename(names):
    def found(q):
        return [o.name for o in search.search(Organisation.objects.public(), q)]

    assert found("sports") == ["Flemingsbergs IF"]
    assert found("young people") == ["Flemingsbergs IF"]
    sport = names["sport"]
    sport.name_en = "Athletics club"
    sport.save()  # search_sync reindexes the associations that hold it
    assert found("sports") == []
    assert found("athletics") == ["Flemingsbergs IF"]
    # A misspelled English word is corrected from the vocabulary too.
    assert found("athletcs") == ["Flemingsbergs IF"]


def test_a_filter_by_category_labels_it_in_english(names):
    with translation.override("en"):
        form = OrganisationFilter({}).form
        labels = [label for _value, label in form.fields["category"].choices]
    assert "Sports club" in labels


def test_the_admin_lists_and_edits_both_names(client, names):
    client.force_login(make_municipal_coordinator())
    url = reverse("admin:organisations_category_changelist")
    html = client.get(url).content.decode()
    assert 'name="form-0-name_en"' in html and "Sports club" in html
    html = client.get(reverse("admin:organisations_activityarea_changelist")).content.decode()
    assert 'name="form-0-name_en"' in html


def test_the_demo_names_its_categories_and_areas_in_english():
    older = Category.objects.create(name="Idrottsförening", slug="idrottsforening")
    demo._reference_data()
    older.refresh_from_db()
    assert older.name_en == "Sports club"  # made by an older demo, given its English name
    assert not Category.objects.filter(name_en="").exists()
    assert not ActivityArea.objects.filter(name_en="").exists()
    assert ActivityArea.objects.get(name="Äldre").name_en == "Older people"
