"""Uploaded pictures (equipment, the board and staff): checked by their content (not their name), bounded in
size and pixels, re-encoded.

Re-encoding drops whatever rides along in an upload (EXIF with GPS positions, comments, trailing bytes, a
polyglot payload) and caps the dimensions the public pages serve.
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
SERVED_SIDE = 1600
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def _rewind(file):
    if hasattr(file, "seek"):
        file.seek(0)


def _open_checked(file) -> Image.Image:
    """Open the upload with Pillow and refuse what is not a small JPEG, PNG or WebP picture."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("The image is larger than 2 MB; please upload a smaller file."), code="image_size"
        )
    _rewind(file)
    try:
        image = Image.open(file)
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="image_type")
        width, height = image.size
        if width > MAX_SIDE or height > MAX_SIDE:
            raise ValidationError(
                _("The image is %(width)s × %(height)s pixels; at most 4000 × 4000 is accepted."),
                code="image_pixels",
                params={"width": width, "height": height},
            )
        image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a readable JPEG, PNG or WebP image."), code="image_invalid"
        ) from None
    finally:
        _rewind(file)
    return image


def validate_image(file) -> None:
    """Model-field validator: the same checks the admin form runs before re-encoding."""
    if file and not getattr(file, "_committed", False):
        _open_checked(file)


def reencode_image(file) -> ContentFile:
    """A fresh JPEG (or PNG when the picture has transparency) at most 1600 pixels on its longest side."""
    _open_checked(file)
    try:
        with Image.open(file) as source:
            image = ImageOps.exif_transpose(source)
            image.thumbnail((SERVED_SIDE, SERVED_SIDE))
            has_alpha = image.mode in ("RGBA", "LA") or (
                image.mode == "P" and "transparency" in image.info
            )
            out = BytesIO()
            if has_alpha:
                image.convert("RGBA").save(out, format="PNG", optimize=True)
                extension = "png"
            else:
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                extension = "jpg"
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a readable JPEG, PNG or WebP image."), code="image_invalid"
        ) from None
    finally:
        _rewind(file)
    return ContentFile(out.getvalue(), name=f"{get_random_string(16).lower()}.{extension}")


# The first bytes of each format the site stores (see `reencode_image`).
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def served_content_type(file) -> str | None:
    """The content type of a stored picture, read from its first bytes; None when it is none of ours.

    Not from the file's name: a file put in storage some other way (a shell, a restored backup) named .svg or
    .html must never be served as such from the site's own origin.
    """
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def picture_response(picture) -> FileResponse:
    """A stored picture (an image field's file) as a response typed by its content (`served_content_type`);
    Http404 when there is none, it is gone from storage, or it is not one of ours."""
    if not picture:
        raise Http404
    try:
        file = picture.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = served_content_type(file)
    if content_type is None:
        file.close()
        raise Http404
    return FileResponse(file, content_type=content_type)


def delete_after_commit(storage, name: str) -> None:
    """Delete a stored file once the transaction that stops pointing at it commits (at once outside one): a
    rollback then leaves the row and its file together, never a row naming a file that is gone."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))
