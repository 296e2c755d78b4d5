"""Association logos: checked from the image header before anything decodes them,
and removed from storage once nothing refers to them.

A few hundred bytes of PNG can declare 9000 × 9000 pixels, which every browser
showing the logo would expand to hundreds of megabytes: besides the file's size
and format, the declared width and height are limited. Pillow's own limit for
whatever opens an image in this process (``Image.MAX_IMAGE_PIXELS``, set in
``OrganisationsConfig.ready``) is the same number of pixels: above it Pillow warns,
above twice it Pillow refuses to open the file, which the field reports the same way.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
LOGO_MAX_SIDE = 4000
LOGO_MAX_PIXELS = 12_000_000


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "The logo's image is too large: it may be at most %(side)s pixels wide or "
            "high and %(megapixels)s megapixels in all."
        ),
        code="dimensions",
        params={"side": LOGO_MAX_SIDE, "megapixels": LOGO_MAX_PIXELS // 1_000_000},
    )


class LogoFormField(forms.ImageField):
    """The upload field of every form with a logo, the admin's included."""

    def to_python(self, data):
        size = getattr(data, "size", 0) or 0
        if size > LOGO_MAX_BYTES:
            raise ValidationError(
                _("The logo is too large (%(size)s MB). It may be at most 2 MB."),
                code="file_size",
                params={"size": f"{size / 1024 / 1024:.1f}"},
            )
        try:
            logo = super().to_python(data)  # opens the header and verifies the file
        except ValidationError as exc:
            if isinstance(exc.__cause__, Image.DecompressionBombError):
                raise _too_many_pixels() from exc
            raise
        if logo is None:
            return None
        if (logo.image.format or "").upper() not in LOGO_FORMATS:
            raise ValidationError(
                _("The logo must be a PNG, JPEG or WebP image."), code="file_type"
            )
        width, height = logo.image.size  # as declared in the header: nothing decoded
        if max(width, height) > LOGO_MAX_SIDE or width * height > LOGO_MAX_PIXELS:
            raise _too_many_pixels()
        return logo


class LogoField(models.ImageField):
    """An ImageField whose forms use ``LogoFormField``."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LogoFormField, **kwargs})


def delete_replaced_logo(old_name: str, organisation) -> None:
    """Once the transaction has committed, delete the file ``old_name`` if the
    organisation's logo no longer is that file (replaced or cleared). After a
    rollback the old logo is still in use and stays."""
    if not old_name or old_name == organisation.logo.name:
        return
    storage = organisation.logo.storage
    transaction.on_commit(lambda: storage.delete(old_name))
