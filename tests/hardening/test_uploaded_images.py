"""Uploaded equipment pictures, through the admin (the only way in) and back out through the public page.

Each hostile upload is refused with the reason and leaves nothing behind: no item, no file. An accepted
picture is stored re-encoded (nothing of the upload survives but the pixels) and served with the content
type of what is stored, judged by its bytes, never by a name.
"""

import io
import os
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.images import MAX_BYTES, validate_equipment_image
from directory.models import Equipment
from tests.accreditation.factories import MembershipFactory
from tests.directory.factories import EquipmentFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/directory/equipment/add/"


def picture(image_format="PNG", size=(64, 48), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "green").save(out, format=image_format)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels: a decompression bomb's calling card."""
    data = picture("PNG", size=(1, 1), mode="L")
    header = struct.pack(">II", width, height) + data[24:29]
    chunk = b"IHDR" + header
    return data[:16] + header + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


def noise_png(min_bytes: int) -> bytes:
    """A real PNG bigger than `min_bytes` (random pixels do not compress)."""
    side = int((min_bytes / 3) ** 0.5) + 64
    return _save(Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)), "PNG")


def _save(image, image_format) -> bytes:
    out = io.BytesIO()
    image.save(out, format=image_format)
    return out.getvalue()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)

HOSTILE = {
    "decompression bomb (30000 x 30000 claimed)": ("bomb.png", png_claiming(30_000, 30_000)),
    "over the pixel limit (5000 x 5000 claimed)": ("wide.png", png_claiming(5000, 5000)),
    "text file named .png": ("photo.png", b"Just some text, not a picture at all.\n"),
    "HTML named .jpg": ("photo.jpg", b"<html><script>alert(1)</script></html>"),
    "SVG": ("drawing.svg", SVG),
    "SVG named .png": ("drawing.png", SVG),
    "GIF named .png": ("anim.png", picture("GIF")),
    "oversized file": ("huge.png", None),  # built on demand: over 2 MB
}


def admin_add(client, name, content):
    data = {
        "member": MembershipFactory().pk,
        "name_en": "Uploaded item",
        "category": "network",
        "image": SimpleUploadedFile(name, content, content_type="image/png"),
        "specifications-TOTAL_FORMS": "0",
        "specifications-INITIAL_FORMS": "0",
    }
    return client.post(f"{ADD}?category=network", data)


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_upload_is_refused_and_leaves_nothing(
    admin_client_trained, settings, tmp_path, case
):
    settings.MEDIA_ROOT = tmp_path
    name, content = HOSTILE[case]
    if content is None:
        content = noise_png(MAX_BYTES + 1)
        assert len(content) > MAX_BYTES
    response = admin_add(admin_client_trained, name, content)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "image" in errors, errors
    assert not Equipment.objects.exists()
    assert stored_files(tmp_path) == []


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_the_model_refuses_the_same_files_whatever_the_path(case):
    """The model field's validator: the same judgement for any other way a file reaches an item."""
    name, content = HOSTILE[case]
    if content is None:
        content = noise_png(MAX_BYTES + 1)
    with pytest.raises(ValidationError):
        validate_equipment_image(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("upload_name", "content", "served_type", "stored_format"),
    [
        ("photo.png", picture("PNG"), "image/jpeg", "JPEG"),
        ("logo.png", picture("PNG", mode="RGBA"), "image/png", "PNG"),
        ("photo.webp", picture("WEBP"), "image/jpeg", "JPEG"),
        ("photo.jpg", picture("JPEG") + b"<?php system($_GET['c']); ?>", "image/jpeg", "JPEG"),
    ],
)
def test_accepted_picture_is_reencoded_and_served_with_its_real_type(
    admin_client_trained,
    client,
    settings,
    tmp_path,
    upload_name,
    content,
    served_type,
    stored_format,
):
    settings.MEDIA_ROOT = tmp_path
    response = admin_add(admin_client_trained, upload_name, content)
    assert response.status_code == 302
    item = Equipment.objects.get()
    stored = item.image.read()
    assert b"<?php" not in stored  # re-encoded: a payload riding along is gone
    assert upload_name.split(".")[0] not in item.image.name

    served = client.get(f"/kk/equipment/{item.pk}/image/")
    assert served.status_code == 200
    assert served["Content-Type"] == served_type
    assert served["X-Content-Type-Options"] == "nosniff"
    body = b"".join(served.streaming_content)
    assert Image.open(io.BytesIO(body)).format == stored_format


@pytest.mark.parametrize(
    ("stored_name", "content"),
    [("equipment/x.svg", SVG), ("equipment/x.html", b"<html></html>"), ("equipment/x.png", SVG)],
)
def test_a_file_that_is_not_a_picture_is_never_served(
    client, settings, tmp_path, stored_name, content
):
    """Put in storage some other way (a shell, a restored backup): the name does not decide the type."""
    settings.MEDIA_ROOT = tmp_path
    item = EquipmentFactory()
    item.image.save(stored_name.split("/")[1], ContentFile(content), save=False)
    Equipment.objects.filter(pk=item.pk).update(image=item.image.name)
    response = client.get(f"/kk/equipment/{item.pk}/image/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")  # the site's own 404 page
