"""Uploaded files that are not for everyone (En väg in's attachments, agreements'
documents, follow-up reports' attachments): kept outside MEDIA_ROOT, checked by
their first bytes rather than by what the browser says, and served only by views
that have checked who asks, never from a URL of their own."""

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read when used, so a test may move it), with
    no URL: nothing serves them but a view that checks who asks."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def attachment_storage():
    """Attachments are kept outside MEDIA_ROOT, which is served to anyone."""
    return PrivateStorage()


class PrivateFile(models.Model):
    """What every private upload keeps beside its file (which each model declares,
    with its own folder): the name it had, the checked type it is served as, its
    size and when it came."""

    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


# What an attachment may be, recognised by its first bytes (not by what the browser
# says): (signature, file name endings, type served back).
ATTACHMENT_TYPES = (
    (b"%PDF-", (".pdf",), "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", (".png",), "image/png"),
    (b"\xff\xd8\xff", (".jpg", ".jpeg"), "image/jpeg"),
    (
        b"PK\x03\x04",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (b"PK\x03\x04", (".odt",), "application/vnd.oasis.opendocument.text"),
)


class AttachmentField(forms.FileField):
    """PDF, PNG, JPEG, Word or OpenDocument text, at most INQUIRY_ATTACHMENT_MAX_BYTES;
    the checked type goes with the file as ``content_type_checked``. A subclass may
    take other ``types`` and another ``limit_setting`` (agreements' documents)."""

    types = ATTACHMENT_TYPES
    limit_setting = "INQUIRY_ATTACHMENT_MAX_BYTES"
    type_message = _("The file must be a PDF, a PNG or JPEG image, or a Word or OpenDocument text.")

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        limit = getattr(settings, self.limit_setting)
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s MB). It may be at most %(limit)s MB."),
                code="file_size",
                params={"size": f"{upload.size / 1024 / 1024:.1f}", "limit": limit // 1024 // 1024},
            )
        head = upload.read(16)
        upload.seek(0)
        name = upload.name.lower()
        for signature, endings, content_type in self.types:
            if head.startswith(signature) and name.endswith(endings):
                upload.content_type_checked = content_type
                return upload
        raise ValidationError(self.type_message, code="file_type")


def attachment_response(attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
