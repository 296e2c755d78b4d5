import io
import re
from uuid import uuid4

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisations.forms import SUBMISSION_SALT
from organisations.models import Membership, Organisation
from portal.models import AuditEntry
from tests.concurrency import first_holds_then
from tests.organisations.factories import (
    CategoryFactory,
    DistrictFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)
from tests.organisations.steps import register, review_hidden_fields, send_review, walk

pytestmark = pytest.mark.django_db
URL = reverse("organisations:register")
REVIEW_URL = reverse("organisations:register_review")


def image_file(fmt="PNG", size=(20, 20), name=None, pad_bytes=0):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format=fmt)
    data = buffer.getvalue() + b"\0" * pad_bytes
    return SimpleUploadedFile(name or f"logo.{fmt.lower()}", data, f"image/{fmt.lower()}")


@pytest.fixture
def category():
    return CategoryFactory(name="Idrottsförening", slug="idrottsforening")


@pytest.fixture
def district():
    return DistrictFactory(name="Vivalla", slug="vivalla")


@pytest.fixture
def data(person, category, district):
    return {
        "name": "Vivalla Schackklubb",
        "legal_form": "ideell_forening",
        "organisation_number": "8024567896",
        "categories": [category.pk],
        "districts": [district.pk],
        "description": "Vi spelar schack <b>varje</b> tisdag.",
        "email": "info@schack.example.se",
        "contact_name": "Anna Andersson",
        "contact_email": "anna@example.se",
        "contact_is_public": "on",
        "member_count": "42",
        "seeks_collaboration": "on",
        "is_public": "on",
    }


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert "next=" in response["Location"]


def test_the_form_opens_at_its_first_step(client, person, category):
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "Steg 1 av 5: Om föreningen" in content
    assert 'name="name"' in content and category.name not in content  # on step 2
    assert "css/organisations.css" in content


def test_register_happy_path(client, person, data, django_capture_on_commit_callbacks):
    coordinator = make_municipal_coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, data)
    assert response.status_code == 302, response.context["form"].errors
    org = Organisation.objects.get()
    assert response["Location"] == org.get_absolute_url()
    assert org.status == Organisation.Status.PENDING
    assert org.slug == "vivalla-schackklubb"
    assert org.organisation_number == "802456-7896"
    assert org.created_by == person
    assert list(org.categories.all()) and list(org.districts.all())
    assert Membership.objects.get(organisation=org).role == Membership.Role.ADMIN
    assert AuditEntry.objects.filter(action="organisation.registered", object_id=str(org.pk))
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([coordinator.email, person.email])
    coordinator_mail = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert "Vivalla Schackklubb" in coordinator_mail.subject


@pytest.mark.parametrize(
    "typed", ["16802456-7896", "16 802456 - 7896", "٨٠٢٤٥٦-٧٨٩٦", "８０２４５６－７８９６"]
)
def test_organisation_number_as_people_type_it(client, person, data, typed):
    data["organisation_number"] = typed
    response = register(client, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Organisation.objects.get().organisation_number == "802456-7896"


def test_number_in_other_digits_is_caught_as_a_duplicate(client, person, data):
    OrganisationFactory(name="Annan förening", organisation_number="802456-7896")
    data["organisation_number"] = "٨٠٢٤٥٦٧٨٩٦"
    response = register(client, data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organisation_number"]
    assert Organisation.objects.count() == 1


def test_number_field_leaves_room_to_type_the_century(client, person):
    page = client.get(URL).content.decode()
    field = re.search(r'<input[^>]*name="organisation_number"[^>]*>', page).group(0)
    assert 'maxlength="20"' in field


def test_slug_collision_gets_a_suffix(client, person, data):
    from tests.organisations.factories import OrganisationFactory

    OrganisationFactory(name="Något annat", slug="vivalla-schackklubb")
    data["organisation_number"] = ""
    response = register(client, data)
    assert response.status_code == 302
    assert Organisation.objects.get(name="Vivalla Schackklubb").slug == "vivalla-schackklubb-2"


def test_description_html_is_escaped_on_edit_page(client, person, data):
    register(client, data)
    org = Organisation.objects.get()
    response = client.get(reverse("organisations:edit", args=[org.slug]))
    content = response.content.decode()
    assert "<b>varje</b>" not in content
    assert "&lt;b&gt;varje&lt;/b&gt;" in content


def _errors(response):
    assert response.status_code == 200
    assert not Organisation.objects.exists()
    return response.context["form"].errors


def test_wrong_organisation_number_keeps_everything_else(client, person, data):
    data["organisation_number"] = "802456-7890"
    response = register(client, data)
    errors = _errors(response)
    assert list(errors) == ["organisation_number"]
    content = response.content.decode()
    assert "check digit" in content or "kontrollsiffra" in content
    # the other values are still in the step, the later steps still to come
    assert 'value="Vivalla Schackklubb"' in content
    assert "Vi spelar schack &lt;b&gt;varje&lt;/b&gt; tisdag." in content
    assert 'value="42"' in content
    # the error is announced next to the field and in the summary
    assert 'id="id_organisation_number_error"' in content
    assert 'href="#id_organisation_number"' in content
    assert (
        'aria-describedby="id_organisation_number_helptext id_organisation_number_error"' in content
    )


def test_error_in_swedish_by_default(client, person, data):
    data["organisation_number"] = "80245"
    response = register(client, data)
    assert list(_errors(response)) == ["organisation_number"]


def test_missing_categories(client, person, data):
    del data["categories"]
    errors = _errors(register(client, data))
    assert list(errors) == ["categories"]


def test_missing_name(client, person, data):
    data["name"] = ""
    errors = _errors(register(client, data))
    assert "name" in errors


def test_too_long_description(client, person, data):
    data["description"] = "x" * 5001
    errors = _errors(register(client, data))
    assert list(errors) == ["description"]


def test_logo_ok(client, person, data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data["logo"] = image_file("PNG")
    assert register(client, data).status_code == 302
    assert Organisation.objects.get().logo.name.startswith("organisations/logos/")


def test_logo_wrong_type(client, person, data):
    data["logo"] = image_file("GIF", name="logo.png")
    errors = _errors(register(client, data))
    assert list(errors) == ["logo"]


def test_logo_not_an_image(client, person, data):
    data["logo"] = SimpleUploadedFile("logo.png", b"not an image", "image/png")
    errors = _errors(register(client, data))
    assert list(errors) == ["logo"]


def test_logo_too_large(client, person, data):
    data["logo"] = image_file("PNG", pad_bytes=2 * 1024 * 1024 + 1)
    response = register(client, data)
    errors = _errors(response)
    assert list(errors) == ["logo"]
    assert "2 MB" in str(errors["logo"])


# --- editing, confirming and "my associations" ----------------------------------


def _edit_data(org, **extra):
    data = {
        "name": org.name,
        "legal_form": org.legal_form,
        "organisation_number": org.organisation_number or "",
        "categories": [c.pk for c in org.categories.all()],
        "description": org.description,
        "email": org.email,
        "is_public": "on",
    }
    data.update(extra)
    return data


def test_edit_saves_confirms_and_reindexes(client, monkeypatch):
    from organisations import search
    from tests.organisations.factories import MembershipFactory, OrganisationFactory

    org = OrganisationFactory(confirmed_at=None)
    Organisation.objects.filter(pk=org.pk).update(unconfirmed_since="2027-01-01T00:00Z")
    member = MembershipFactory(organisation=org, role="editor").user
    reindexed = []
    monkeypatch.setattr(search, "reindex", lambda pks: reindexed.append(list(pks)))
    client.force_login(member)
    url = reverse("organisations:edit", args=[org.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _edit_data(org, name="Nytt Namn", description="Ny text"))
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.description, org.slug) == ("Nytt Namn", "Ny text", "nytt-namn")
    assert org.confirmed_at is not None and org.unconfirmed_since is None
    assert reindexed == [[org.pk]]
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert set(entry.data["changes"]) >= {"name", "description"}


def test_edit_errors_keep_input(client):
    from tests.organisations.factories import MembershipFactory, OrganisationFactory

    org = OrganisationFactory()
    client.force_login(MembershipFactory(organisation=org).user)
    url = reverse("organisations:edit", args=[org.slug])
    response = client.post(url, _edit_data(org, name="Behållet namn", organisation_number="1"))
    assert response.status_code == 200
    assert 'value="Behållet namn"' in response.content.decode()
    org.refresh_from_db()
    assert org.name != "Behållet namn"


def test_edit_permissions(client):
    from tests.organisations.factories import MembershipFactory, OrganisationFactory

    org = OrganisationFactory()
    url = reverse("organisations:edit", args=[org.slug])
    assert client.get(url).status_code == 302
    client.force_login(MembershipFactory().user)  # represents another association
    assert client.get(url).status_code == 403
    assert client.post(url, _edit_data(org, name="Kapad")).status_code == 403
    client.force_login(make_municipal_coordinator())
    assert client.get(url).status_code == 200


def test_confirm_page(client):
    from tests.organisations.factories import MembershipFactory, OrganisationFactory

    org = OrganisationFactory(confirmed_at=None)
    client.force_login(MembershipFactory(organisation=org).user)
    url = reverse("organisations:confirm", args=[org.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("organisations:edit", args=[org.slug]) in page.content.decode()
    client.post(url)
    org.refresh_from_db()
    assert org.confirmed_at is not None
    assert AuditEntry.objects.filter(action="organisation.confirmed").exists()


def test_mine_lists_with_badges(client, django_assert_max_num_queries):
    from tests.organisations.factories import MembershipFactory, OrganisationFactory

    user = UserFactory()
    pending = OrganisationFactory(name="Väntande", status=Organisation.Status.PENDING)
    unconfirmed = OrganisationFactory(name="Obekräftad")
    Organisation.objects.filter(pk=unconfirmed.pk).update(unconfirmed_since="2027-01-01T00:00Z")
    for org in (pending, unconfirmed):
        MembershipFactory(organisation=org, user=user)
    MembershipFactory()  # someone else's
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("organisations:mine"))
    content = response.content.decode()
    assert "Väntande" in content and "Obekräftad" in content
    assert "badge--pending" in content and "badge--unconfirmed" in content
    assert content.count('class="org-card"') == 2


# --- one submission, one association ----------------------------------------------


def test_a_form_sent_twice_makes_one_association(client, person, data):
    """Two clicks in a row, without a district or a number: the second finds the
    first's association."""
    del data["districts"], data["organisation_number"]
    assert walk(client, data) is None
    review = {**review_hidden_fields(client), "is_public": "on", "action": "send"}
    assert client.post(REVIEW_URL, review).status_code == 302
    response = client.post(REVIEW_URL, review, follow=True)
    org = Organisation.objects.get()
    assert response.redirect_chain == [(org.get_absolute_url(), 302)]
    assert "redan registrerad" in response.content.decode()
    assert AuditEntry.objects.filter(action="organisation.registered").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_form_sent_twice_at_once_makes_one_association(category):
    """A double submission whose second request arrives while the first has not
    committed: neither sees the other's association, the unique token decides."""
    from django.test import Client

    person = UserFactory()
    first = Client()
    first.force_login(person)
    data = {"name": "Samtidiga Schackklubben", "legal_form": "ideell_forening"}
    assert walk(first, {**data, "categories": [category.pk]}) is None
    # The same browser, so the same session: a double click.
    second = Client()
    second.cookies = first.cookies
    review = {**review_hidden_fields(first), "is_public": "on", "action": "send"}
    made, again = first_holds_then(
        lambda: first.post(REVIEW_URL, review), lambda: second.post(REVIEW_URL, review)
    )
    assert made.status_code == 302
    assert again.status_code == 302, getattr(again, "context", None)
    org = Organisation.objects.get()
    assert again["Location"] == org.get_absolute_url()


def test_the_token_is_needed_and_only_its_owner_s(client, person, data):
    other = UserFactory()
    of_other = signing.dumps({"user": other.pk, "token": uuid4().hex}, salt=SUBMISSION_SALT)
    assert walk(client, data) is None
    for submission in ("", "forged", of_other):
        response = send_review(client, {**data, "submission": submission})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            "Formuläret kunde inte kontrolleras. Se över uppgifterna och skicka det igen."
        ]
        # The page carries a fresh token of the person's, so sending it again works.
        fresh = response.context["form"]["submission"].value()
        assert fresh != submission
    assert not Organisation.objects.exists()
    assert send_review(client, {**data, "submission": fresh}).status_code == 302
