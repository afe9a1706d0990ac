"""Staff manage equipment in the admin: specifications inline and ordered, pictures re-encoded."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.admin import EquipmentAdmin
from directory.models import Equipment
from dkz_site.admin_site import holds_personal_data
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory, with_specs

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/directory/equipment/"


def test_changelist_and_change_page_open(admin_client_trained):
    item = with_specs(EquipmentFactory(), Memory="64 GB")
    EquipmentFactory(member=MembershipFactory(is_published=False))

    changelist = admin_client_trained.get(CHANGELIST)
    change = admin_client_trained.get(f"{CHANGELIST}{item.pk}/change/")

    assert changelist.status_code == 200
    assert change.status_code == 200
    assert "64 GB" in change.content.decode()
    assert admin_client_trained.get(CHANGELIST, {"q": item.member.bin}).status_code == 200


def test_changelist_shows_whether_the_item_is_public(admin_client_trained):
    EquipmentFactory(name="Public")
    EquipmentFactory(name="Hidden", member=MembershipFactory(is_published=False))

    response = admin_client_trained.get(CHANGELIST)

    listed = {item.name: item.member_listed for item in response.context["cl"].result_list}
    assert listed == {"Public": True, "Hidden": False}


def _picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1200), "green").save(out, format="PNG")
    return out.getvalue()


def test_add_with_ordered_specifications_and_a_reencoded_picture(
    admin_client_trained, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    member = MembershipFactory()
    data = {
        "member": member.pk,
        "name": "Core switch C48",
        "category": "network",
        "model": "CS-48",
        "description": "48 ports.",
        "image": SimpleUploadedFile("switch.png", _picture(), content_type="image/png"),
        "specifications-TOTAL_FORMS": "2",
        "specifications-INITIAL_FORMS": "0",
        "specifications-0-order": "2",
        "specifications-0-name": "Port speed",
        "specifications-0-value": "10 Gbit/s",
        "specifications-1-order": "1",
        "specifications-1-name": "Ports",
        "specifications-1-value": "48",
    }

    response = admin_client_trained.post(f"{CHANGELIST}add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    item = Equipment.objects.get(name="Core switch C48")
    assert [(s.name, s.value) for s in item.specifications.all()] == [
        ("Ports", "48"),
        ("Port speed", "10 Gbit/s"),
    ]
    assert item.image.name.startswith("equipment/") and item.image.name.endswith(".jpg")
    assert Image.open(item.image.path).size == (1600, 800)


def test_upload_that_is_not_a_picture_is_refused_with_the_reason(admin_client_trained):
    data = {
        "member": MembershipFactory().pk,
        "name": "Fake",
        "category": "network",
        "image": SimpleUploadedFile("x.png", b"not an image", content_type="image/png"),
        "specifications-TOTAL_FORMS": "0",
        "specifications-INITIAL_FORMS": "0",
    }

    response = admin_client_trained.post(f"{CHANGELIST}add/", data)

    assert response.status_code == 200
    assert not Equipment.objects.filter(name="Fake").exists()
    assert "image" in response.context["adminform"].form.errors


def test_equipment_is_company_data_not_personal_data():
    from django.contrib import admin

    assert not holds_personal_data(EquipmentAdmin(Equipment, admin.site))
