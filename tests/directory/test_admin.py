"""Staff manage equipment in the admin: names in three languages, specifications from the category's vocabulary
(offered when an item is added, values read as their field's type), pictures re-encoded."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.admin import EquipmentAdmin
from directory.models import Equipment, SpecificationField
from dkz_site.admin_site import holds_personal_data
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory, vocabulary, with_specs

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/directory/equipment/"


def test_changelist_and_change_page_open(admin_client_trained):
    item = with_specs(EquipmentFactory(), Memory="64 GB")
    EquipmentFactory(member=MembershipFactory(is_published=False))

    changelist = admin_client_trained.get(CHANGELIST)
    change = admin_client_trained.get(f"{CHANGELIST}{item.pk}/change/")

    assert changelist.status_code == 200
    assert change.status_code == 200
    assert 'value="64"' in change.content.decode()
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


def test_adding_an_item_starts_with_its_category_then_offers_its_fields(admin_client_trained):
    vocabulary()

    choose = admin_client_trained.get(f"{CHANGELIST}add/")
    form = admin_client_trained.get(f"{CHANGELIST}add/", {"category": "network"})

    assert choose.status_code == 200
    assert 'href="?category=network"' in choose.content.decode()
    formset = next(
        f for f in form.context["inline_admin_formsets"] if f.formset.prefix == "specifications"
    ).formset
    offered = [f.initial["field"] for f in formset.forms]
    network = list(
        SpecificationField.objects.filter(category="network").values_list("pk", flat=True)
    )
    assert offered == network
    # Only the category's fields can be chosen.
    assert set(formset.forms[0].fields["field"].queryset) == set(
        SpecificationField.objects.filter(category="network")
    )


def _field(category, key):
    return SpecificationField.objects.get(category=category, key=key)


def test_add_with_typed_specifications_and_a_reencoded_picture(
    admin_client_trained, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    vocabulary()
    member = MembershipFactory()
    data = {
        "member": member.pk,
        "name_kk": "C48 ядролық коммутаторы",
        "name_ru": "Коммутатор ядра C48",
        "name_en": "Core switch C48",
        "category": "network",
        "model": "CS-48",
        "description_en": "48 ports.",
        "image": SimpleUploadedFile("switch.png", _picture(), content_type="image/png"),
        "specifications-TOTAL_FORMS": "4",
        "specifications-INITIAL_FORMS": "0",
        "specifications-0-field": _field("network", "ports").pk,
        "specifications-0-value": "48",
        "specifications-1-field": _field("network", "port-speed").pk,
        "specifications-1-value": "2,5 Гбит/с",
        "specifications-2-field": _field("network", "poe").pk,
        "specifications-2-value": "иә",
        "specifications-3-field": _field("network", "form-factor").pk,
        "specifications-3-value": "Стоечный, 1U",
    }

    response = admin_client_trained.post(f"{CHANGELIST}add/?category=network", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    item = Equipment.objects.get(name_en="Core switch C48")
    assert item.name == "C48 ядролық коммутаторы"  # the catalogue's order: the first name given
    values = {spec.field.key: spec for spec in item.specification_rows()}
    assert values["ports"].number == 48
    assert values["port-speed"].number == Decimal("2.5")
    assert values["poe"].flag is True
    assert values["form-factor"].choice.key == "rack-1u"
    assert item.image.name.startswith("equipment/") and item.image.name.endswith(".jpg")
    assert Image.open(item.image.path).size == (1600, 800)


def test_a_value_the_field_cannot_take_is_refused_with_what_it_expects(admin_client_trained):
    vocabulary()
    data = {
        "member": MembershipFactory().pk,
        "name_en": "Core switch",
        "category": "network",
        "specifications-TOTAL_FORMS": "1",
        "specifications-INITIAL_FORMS": "0",
        "specifications-0-field": _field("network", "port-speed").pk,
        "specifications-0-value": "fast",
    }

    response = admin_client_trained.post(f"{CHANGELIST}add/?category=network", data)

    assert response.status_code == 200
    assert not Equipment.objects.filter(name_en="Core switch").exists()
    assert "Гбит/с" in response.content.decode()  # the unit it expects, in the page's language


def test_an_item_needs_a_name_in_one_language(admin_client_trained):
    data = {
        "member": MembershipFactory().pk,
        "category": "network",
        "specifications-TOTAL_FORMS": "0",
        "specifications-INITIAL_FORMS": "0",
    }

    response = admin_client_trained.post(f"{CHANGELIST}add/?category=network", data)

    assert response.status_code == 200
    assert not Equipment.objects.exists()


def test_specification_fields_are_edited_in_the_admin(admin_client_trained):
    vocabulary()
    memory = _field("servers", "memory")

    assert admin_client_trained.get("/admin/directory/specificationfield/").status_code == 200
    assert (
        admin_client_trained.get(
            f"/admin/directory/specificationfield/{memory.pk}/change/"
        ).status_code
        == 200
    )


def test_upload_that_is_not_a_picture_is_refused_with_the_reason(admin_client_trained):
    data = {
        "member": MembershipFactory().pk,
        "name_en": "Fake",
        "category": "network",
        "image": SimpleUploadedFile("x.png", b"not an image", content_type="image/png"),
        "specifications-TOTAL_FORMS": "0",
        "specifications-INITIAL_FORMS": "0",
    }

    response = admin_client_trained.post(f"{CHANGELIST}add/?category=network", data)

    assert response.status_code == 200
    assert not Equipment.objects.filter(name="Fake").exists()
    assert "image" in response.context["adminform"].form.errors


def test_equipment_is_company_data_not_personal_data():
    from django.contrib import admin

    assert not holds_personal_data(EquipmentAdmin(Equipment, admin.site))


def test_a_text_in_words_is_given_per_language(admin_client_trained, client):
    """ "In the box" in Kazakh, Russian and English: each page shows its own; a field that is not a text takes
    no translations."""
    vocabulary()
    data = {
        "member": MembershipFactory().pk,
        "name_en": "Survey drone D1",
        "category": "drones",
        "specifications-TOTAL_FORMS": "2",
        "specifications-INITIAL_FORMS": "0",
        "specifications-0-field": _field("drones", "in-the-box").pk,
        "specifications-0-value": "Басқару пульті, 2 аккумулятор",
        "specifications-0-value_ru": "Пульт управления, 2 аккумулятора",
        "specifications-0-value_en": "Remote controller, 2 batteries",
        "specifications-1-field": _field("drones", "flight-time").pk,
        "specifications-1-value": "45",
    }
    response = admin_client_trained.post(f"{CHANGELIST}add/?category=drones", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = Equipment.objects.get(name_en="Survey drone D1")
    spec = item.specifications.get(field__key="in-the-box")
    assert (spec.text, spec.text_kk, spec.text_ru, spec.text_en) == (
        "",
        "Басқару пульті, 2 аккумулятор",
        "Пульт управления, 2 аккумулятора",
        "Remote controller, 2 batteries",
    )
    for language, shown in [
        ("kk", "Басқару пульті, 2 аккумулятор"),
        ("ru", "Пульт управления, 2 аккумулятора"),
        ("en", "Remote controller, 2 batteries"),
    ]:
        assert shown in client.get(f"/{language}/equipment/{item.pk}/").content.decode()
    change = admin_client_trained.get(f"{CHANGELIST}{item.pk}/change/").content.decode()
    assert 'value="Пульт управления, 2 аккумулятора"' in change

    data["name_en"] = "Survey drone D2"
    data["specifications-1-value_ru"] = "45 минут"
    refused = admin_client_trained.post(f"{CHANGELIST}add/?category=drones", data)
    assert refused.status_code == 200
    assert not Equipment.objects.filter(name_en="Survey drone D2").exists()


def test_a_missing_translation_of_a_text_falls_back_visibly(client):
    vocabulary()
    item = EquipmentFactory(category="drones")
    item.specify("in-the-box", {"kk": "Басқару пульті", "ru": "", "en": ""})
    page = client.get(f"/ru/equipment/{item.pk}/").content.decode()
    assert 'lang="kk"' in page and "Басқару пульті" in page
