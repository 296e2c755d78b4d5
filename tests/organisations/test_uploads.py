"""Logos: a file that declares more pixels than a logo may have is refused from its
header, in every form; a replaced or cleared logo's file is deleted once the change
has committed, and not when it rolls back."""

import io
import struct
import zlib

import pytest
from django.contrib.admin.sites import site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import modelform_factory
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from organisations import services
from organisations.models import Organisation
from organisations.uploads import LOGO_MAX_PIXELS
from tests.organisations.factories import (
    CategoryFactory,
    MembershipFactory,
    OrganisationFactory,
    make_municipal_coordinator,
)
from tests.organisations.steps import register

pytestmark = pytest.mark.django_db


def declared_png(width: int, height: int) -> SimpleUploadedFile:
    """A valid PNG of a few hundred bytes whose header declares width × height:
    what the probe uploaded (nothing here decodes it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("logo.png", data, "image/png")


def real_png(size=(20, 20), colour="red") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png")


LogoForm = modelform_factory(Organisation, fields=["logo"])


def _logo_errors(upload) -> list[str]:
    form = LogoForm(data={}, files={"logo": upload}, instance=Organisation())
    form.is_valid()
    return [error.code for error in form.errors.as_data().get("logo", [])]


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    "size",
    [(9000, 9000), (4001, 10), (10, 4001), (3500, 3500)],
    ids=["the probe's bomb", "too wide", "too high", "too many pixels"],
)
def test_a_logo_declaring_too_many_pixels_is_refused_by_every_form(size):
    upload = declared_png(*size)
    assert upload.size < 600
    assert _logo_errors(upload) == ["dimensions"]


def test_a_logo_within_the_limits_is_accepted():
    assert _logo_errors(declared_png(4000, 3000)) == []
    assert _logo_errors(real_png()) == []


def test_pillow_refuses_to_open_far_larger_images_anywhere():
    assert Image.MAX_IMAGE_PIXELS == LOGO_MAX_PIXELS


def test_the_registration_form_says_why_in_swedish(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(MembershipFactory().user)
    data = {"name": "Ny förening", "legal_form": "annan", "categories": [CategoryFactory().pk]}
    response = register(client, {**data, "logo": declared_png(9000, 9000)})
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["logo"])
    assert "4000 pixlar" in message and "12 megapixlar" in message
    assert not list(tmp_path.rglob("*.png"))


# --- replaced and cleared logos leave storage ------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def org_with_logo(media):
    org = OrganisationFactory()
    org.logo.save("old.png", real_png(colour="blue"))
    return org


def _files(media) -> set[str]:
    return {p.name for p in media.rglob("*.png")}


def test_a_replaced_logo_is_deleted_after_commit(
    client, media, org_with_logo, django_capture_on_commit_callbacks
):
    member = MembershipFactory(organisation=org_with_logo, role="editor").user
    client.force_login(member)
    old = org_with_logo.logo.name
    data = {
        "name": org_with_logo.name,
        "legal_form": org_with_logo.legal_form,
        "categories": [c.pk for c in org_with_logo.categories.all()],
        "logo": real_png(colour="green"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organisations:edit", args=[org_with_logo.slug]), data)
    assert response.status_code == 302
    org_with_logo.refresh_from_db()
    assert org_with_logo.logo.name != old
    assert _files(media) == {org_with_logo.logo.name.rsplit("/", 1)[1]}


def test_a_cleared_logo_is_deleted_after_commit(
    media, org_with_logo, django_capture_on_commit_callbacks
):
    by = MembershipFactory(organisation=org_with_logo, role="admin").user
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(organisation=org_with_logo, by=by, changes={"logo": False})
    assert Organisation.objects.get(pk=org_with_logo.pk).logo.name == ""
    assert _files(media) == set()


def test_a_rolled_back_change_keeps_the_old_logo(
    media, org_with_logo, django_capture_on_commit_callbacks
):
    by = MembershipFactory(organisation=org_with_logo, role="admin").user
    old = org_with_logo.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.organisation_update(
                organisation=org_with_logo, by=by, changes={"logo": real_png(colour="green")}
            )
            raise RuntimeError("a later step failed")
    assert Organisation.objects.get(pk=org_with_logo.pk).logo.name == old
    assert old.rsplit("/", 1)[1] in _files(media)


def test_a_logo_replaced_in_the_admin_is_deleted_after_commit(
    media, org_with_logo, django_capture_on_commit_callbacks
):
    coordinator = make_municipal_coordinator()
    request = RequestFactory().post("/")
    request.user = coordinator
    model_admin = site.get_model_admin(Organisation)
    obj = Organisation.objects.get(pk=org_with_logo.pk)
    obj.logo = real_png(colour="green")
    form = model_admin.get_form(request, obj)(instance=obj)
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.save_model(request, obj, form, change=True)
    assert _files(media) == {obj.logo.name.rsplit("/", 1)[1]}
