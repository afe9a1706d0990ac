"""The equipment catalogue and item pages: listed only while the member is listed; filters; paging."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from directory.models import Category, Equipment
from privacy.services import block_email
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory, with_specs

pytestmark = pytest.mark.django_db

URL = "/en/equipment/"


def names(response) -> list[str]:
    return [item.name for item in response.context["page_obj"]]


def test_items_are_listed_only_while_their_member_is_listed(client):
    today = timezone.localdate()
    EquipmentFactory(name="Listed item")
    EquipmentFactory(name="Unpublished item", member=MembershipFactory(is_published=False))
    EquipmentFactory(
        name="Ended item", member=MembershipFactory(ended_on=today - datetime.timedelta(days=1))
    )
    blocked = EquipmentFactory(name="Blocked item", member=MembershipFactory(email="b@blocked.kz"))
    block_email(email="b@blocked.kz")

    assert names(client.get(URL)) == ["Listed item"]
    assert client.get(f"/en/equipment/{blocked.pk}/").status_code == 404
    assert set(Equipment.objects.listed().values_list("name", flat=True)) == {"Listed item"}


def test_each_item_has_an_add_to_compare_form(client):
    item = EquipmentFactory()

    html = client.get(URL).content.decode()

    assert 'action="/en/equipment/compare/add/"' in html
    assert f'name="item" value="{item.pk}"' in html


def test_category_and_member_filters_combine_and_stay_in_page_links(client):
    member = MembershipFactory(company_name="Qyran Aero")
    for n in range(21):
        EquipmentFactory(member=member, name=f"Drone {n:02d}", category=Category.DRONES)
    EquipmentFactory(member=member, name="Gateway", category=Category.IOT)
    EquipmentFactory(name="Other drone", category=Category.DRONES)

    first = client.get(URL, {"category": "drones", "member": member.profile.slug})

    assert first.context["page_obj"].paginator.count == 21
    assert f"?category=drones&amp;member={member.profile.slug}&amp;page=2" in first.content.decode()
    second = client.get(URL, {"category": "drones", "member": member.profile.slug, "page": "2"})
    assert names(second) == ["Drone 20"]
    assert names(client.get(URL, {"category": "iot"})) == ["Gateway"]


@pytest.mark.parametrize(
    "params", [{"category": "nope"}, {"member": "ghost"}, {"page": "x"}, {"page": "77"}]
)
def test_nonsense_parameters_are_answered(client, params):
    EquipmentFactory(name="Still here")
    response = client.get(URL, params)
    assert response.status_code == 200
    assert names(response) == ["Still here"]


def test_category_labels_are_translated(client):
    EquipmentFactory(category=Category.NETWORK)
    assert "Сетевое оборудование" in client.get("/ru/equipment/").content.decode()
    assert "Желілік жабдық" in client.get("/kk/equipment/").content.decode()


def _queries(client, url) -> int:
    for _ in range(
        2
    ):  # warm the site-wide caches (change banner; cookie groups once a cookie is sent)
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_catalogue_queries_do_not_grow_with_items(client, django_assert_max_num_queries):
    EquipmentFactory()
    few = _queries(client, URL)
    for member in MembershipFactory.create_batch(10):
        EquipmentFactory.create_batch(3, member=member)
    many = _queries(client, URL)

    assert few == many
    # member filter choices, count, page (+ the cookie-group lookup for the compare buttons, cached)
    with django_assert_max_num_queries(5):
        client.get(URL)


def test_detail_shows_specifications_grouped_in_the_vocabularys_order(client):
    item = with_specs(
        EquipmentFactory(name="GPU server", model="GS-8"),
        power="1600",
        Processor="AMD EPYC 9124",
        Memory="256 GB",
    )

    response = client.get(f"/en/equipment/{item.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Performance") < html.index("Processor") < html.index("Memory")
    assert html.index("Memory") < html.index("Power</th>") < html.index("Power supply")
    assert "AMD EPYC 9124" in html and "256\u00a0GB" in html and "GS-8" in html
    assert item.member.company_name in html


@pytest.mark.parametrize(
    "language, name, value",
    [
        ("kk", "Жедел жады", "1,5\u00a0ГБ"),
        ("ru", "Оперативная память", "1,5\u00a0ГБ"),
        ("en", "Memory", "1.5\u00a0GB"),
    ],
)
def test_labels_units_and_numbers_follow_the_page_language(client, language, name, value):
    item = with_specs(EquipmentFactory(), memory="1.5", redundant_power="yes")

    html = client.get(f"/{language}/equipment/{item.pk}/").content.decode()

    assert f">{name}</th><td>{value}</td>" in html
    assert {"kk": ">Иә<", "ru": ">Да<", "en": ">Yes<"}[language] in html


def test_name_and_description_in_the_page_language(client):
    item = EquipmentFactory(
        name="Survey drone S1",
        name_kk="Аэротүсірілім дроны S1",
        name_ru="Дрон для аэросъёмки S1",
        description_kk="Жалға беріледі.",
        description_ru="Сдаётся в аренду.",
    )

    kk = client.get(f"/kk/equipment/{item.pk}/").content.decode()
    ru = client.get(f"/ru/equipment/{item.pk}/").content.decode()

    assert "<h1>Аэротүсірілім дроны S1</h1>" in kk and "Жалға беріледі." in kk
    assert "<h1>Дрон для аэросъёмки S1</h1>" in ru and "Сдаётся в аренду." in ru
    assert "lang-fallback" not in kk + ru


def test_a_missing_translation_falls_back_visibly_with_its_language(client):
    item = EquipmentFactory(name="Survey drone S1", description_en="For rent.")

    html = client.get(f"/ru/equipment/{item.pk}/").content.decode()
    catalogue = client.get("/ru/equipment/").content.decode()

    assert '<h1 lang="en">Survey drone S1</h1>' in html
    assert '<div class="prose" lang="en">' in html
    assert "показано на английском" in html
    assert (
        'lang="en">Survey drone S1</a> <span class="lang-note">(на английском)</span>' in catalogue
    )


def test_unknown_item_is_404(client):
    assert client.get("/en/equipment/999999/").status_code == 404


def _png() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(out, format="PNG")
    return ContentFile(out.getvalue(), name="pic.png")


def test_image_is_served_while_listed_and_hidden_after(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = EquipmentFactory()
    item.image.save("pic.png", _png())

    response = client.get(f"/en/equipment/{item.pk}/image/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert (
        f'src="/en/equipment/{item.pk}/image/"'
        in client.get(f"/en/equipment/{item.pk}/").content.decode()
    )

    item.member.profile.is_published = False
    item.member.profile.save()
    assert client.get(f"/en/equipment/{item.pk}/image/").status_code == 404


def test_item_without_image_has_no_image_url(client):
    item = EquipmentFactory()
    assert client.get(f"/en/equipment/{item.pk}/image/").status_code == 404


def test_an_item_page_says_how_to_reach_its_supplier(client):
    member = MembershipFactory(
        company_name="Nomad Data",
        public_email="sales@nomad.example.kz",
        public_phone="+7 717 255 00 11",
    )
    item = EquipmentFactory(member=member, name="Backup appliance B1")
    page = client.get(f"/ru/equipment/{item.pk}/").content.decode()
    assert "Связаться с поставщиком: Nomad Data" in page
    assert 'href="mailto:sales@nomad.example.kz?subject=Backup%20appliance%20B1"' in page
    assert 'href="tel:+77172550011"' in page

    silent = EquipmentFactory(
        member=MembershipFactory(public_email="", public_phone="", website="")
    )
    assert "supplier-heading" not in client.get(f"/ru/equipment/{silent.pk}/").content.decode()
