"""Equipment pictures: judged by content, bounded in bytes and pixels, and re-encoded without metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.images import reencode_equipment_image, validate_equipment_image


def upload(image_format="PNG", size=(40, 30), name=None, mode="RGB", **save):
    out = io.BytesIO()
    Image.new(mode, size, "red").save(out, format=image_format, **save)
    return SimpleUploadedFile(name or f"pic.{image_format.lower()}", out.getvalue())


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_accepted_formats_pass(image_format):
    validate_equipment_image(upload(image_format))


def test_type_is_judged_by_content_not_by_name():
    with pytest.raises(ValidationError) as error:
        validate_equipment_image(SimpleUploadedFile("photo.jpg", b"<?php system($_GET['c']); ?>"))
    assert error.value.code == "image_invalid"

    with pytest.raises(ValidationError) as error:
        validate_equipment_image(upload("GIF", name="photo.png"))
    assert error.value.code == "image_type"


def test_too_many_bytes_refused():
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        validate_equipment_image(big)
    assert error.value.code == "image_size"


def test_too_many_pixels_refused_before_decoding():
    with pytest.raises(ValidationError) as error:
        validate_equipment_image(upload("PNG", size=(4001, 10)))
    assert error.value.code == "image_pixels"


def test_truncated_image_refused():
    broken = upload("PNG")
    broken = SimpleUploadedFile("cut.png", broken.read()[:60])
    with pytest.raises(ValidationError):
        reencode_equipment_image(broken)


def test_reencoding_strips_metadata_and_bounds_the_size():
    exif = Image.Exif()
    exif[0x010F] = "Secret camera maker"
    original = upload("JPEG", size=(3000, 1500), exif=exif.tobytes())

    result = reencode_equipment_image(original)

    image = Image.open(io.BytesIO(result.read()))
    assert image.format == "JPEG"
    assert image.size == (1600, 800)
    assert not image.getexif()
    assert result.name.endswith(".jpg") and "pic" not in result.name


def test_transparent_picture_stays_png():
    result = reencode_equipment_image(upload("PNG", mode="RGBA"))
    assert Image.open(io.BytesIO(result.read())).format == "PNG"
    assert result.name.endswith(".png")
