"""Equipment by the member: items added or changed in the cabinet reach the catalogue only when staff approve
them (a return carries the reason by email), a withdrawal takes effect at once; another company's item is not
found, an ended membership changes nothing, hostile pictures are refused."""

import datetime
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from PIL import Image

from cabinet.models import ProfileChange
from directory.images import MAX_BYTES
from directory.models import Equipment
from outbox.models import Email
from privacy import registry
from tests.accreditation.factories import MembershipFactory
from tests.directory.factories import EquipmentFactory, vocabulary, with_specs
from tests.hardening.test_uploaded_images import HOSTILE, noise_png, stored_files
from tests.queue import sent_mail

from .helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    vocabulary()
    return MembershipFactory(email="contact@example.kz", company_name="Altyn Soft", language="ru")


def png(size=(64, 64)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def item_form(**values):
    data = {
        "item-name_kk": "",
        "item-name_ru": "",
        "item-name_en": "",
        "item-model": "",
        "item-description_kk": "",
        "item-description_ru": "",
        "item-description_en": "",
    }
    data.update({f"item-{key}": value for key, value in values.items()})
    return data


def approve(admin_client, change):
    return admin_client.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/", {"_approve": "1", "reason": ""}
    )


def test_a_new_item_waits_for_approval_then_the_catalogue_shows_it(
    client, member, admin_client_trained
):
    sign_in(client, "contact@example.kz")
    form_page = client.get("/en/cabinet/equipment/new/servers/")
    assert form_page.status_code == 200
    assert "Memory, GB" in form_page.content.decode()  # the category's vocabulary
    picture = SimpleUploadedFile("server.png", png(), content_type="image/png")
    response = client.post(
        "/en/cabinet/equipment/new/servers/",
        {
            **item_form(
                name_en="Edge server",
                name_kk="Шеткі сервер",
                model="ES-2",
                **{"spec_memory": "128 GB", "spec_redundant-power": "yes"},
                **{"spec_form-factor": "rack-1u"},
            ),
            "item-picture": picture,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    change = ProfileChange.objects.get()
    assert change.about == "equipment" and change.equipment is None
    assert change.proposed["specifications"] == {
        "memory": "128",
        "redundant-power": "yes",
        "form-factor": "rack-1u",
    }
    assert not Equipment.objects.exists()
    assert b"Edge server" not in Client().get("/en/equipment/").content
    admin_url = f"/admin/cabinet/profilechange/{change.pk}/change/"
    [staff_mail] = [m for m in sent_mail() if admin_url in m.body]
    assert (
        "Шеткі сервер" in staff_mail.body and "Altyn Soft" in staff_mail.subject
    )  # the first name

    queue = admin_client_trained.get("/admin/cabinet/profilechange/?state__exact=pending")
    assert queue.status_code == 200 and "Шеткі сервер" in queue.content.decode()
    page = admin_client_trained.get(f"/admin/cabinet/profilechange/{change.pk}/change/")
    text = page.content.decode()
    assert "Edge server" in text and "128" in text
    preview = admin_client_trained.get(f"/admin/cabinet/profilechange/{change.pk}/picture/")
    assert preview.status_code == 200 and preview["Content-Type"].startswith("image/")

    approve(admin_client_trained, change)
    item = Equipment.objects.get()
    assert item.member == member and item.category == "servers" and item.name_kk == "Шеткі сервер"
    assert {s.field.key for s in item.specifications.all()} == {
        "memory",
        "redundant-power",
        "form-factor",
    }
    assert item.image
    assert b"Edge server" in Client().get("/en/equipment/").content
    image = Client().get(f"/en/equipment/{item.pk}/image/")
    assert image.status_code == 200
    assert Email.objects.filter(
        to="contact@example.kz", template="cabinet/email/profile_approved"
    ).exists()


def test_a_change_to_an_item_keeps_the_published_one_until_approved(
    client, member, admin_client_trained
):
    item = with_specs(EquipmentFactory(member=member, name="Rack server"), memory="64")
    public = Client()
    assert b"Rack server" in public.get(f"/en/equipment/{item.pk}/").content  # cached now
    sign_in(client, "contact@example.kz")
    assert client.get(f"/en/cabinet/equipment/{item.pk}/").status_code == 200
    data = item_form(
        name_en="Rack server",
        model=item.model,
        description_en=item.description_en,
        **{"spec_memory": "256"},
    )
    assert client.post(f"/en/cabinet/equipment/{item.pk}/", data).status_code == 302
    change = ProfileChange.objects.get()
    assert change.equipment == item and change.proposed == {"specifications": {"memory": "256"}}
    assert "256" not in public.get(f"/en/equipment/{item.pk}/").content.decode()
    page = admin_client_trained.get(f"/admin/cabinet/profilechange/{change.pk}/change/")
    assert "64" in page.content.decode() and "256" in page.content.decode()
    approve(admin_client_trained, change)
    assert "256" in public.get(f"/en/equipment/{item.pk}/").content.decode()


def test_a_returned_item_is_emailed_with_the_reason_and_not_published(
    client, member, admin_client_trained
):
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/equipment/new/drones/", item_form(name_en="Best drone ever!!!"))
    change = ProfileChange.objects.get()
    admin_client_trained.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/",
        {"_return": "1", "reason": "Please give the drone's model."},
    )
    change.refresh_from_db()
    assert change.state == "returned" and not Equipment.objects.exists()
    [mail] = [m for m in sent_mail() if m.to == ["contact@example.kz"] and "model" in m.body]
    assert "Please give the drone's model." in mail.body
    assert b"Please give the drone&#x27;s model." in client.get("/en/cabinet/").content


def test_withdrawal_takes_effect_at_once(client, member):
    item = EquipmentFactory(member=member, name="Old switch")
    public = Client()
    assert b"Old switch" in public.get("/en/equipment/").content  # cached now
    sign_in(client, "contact@example.kz")
    assert client.post(f"/en/cabinet/equipment/{item.pk}/withdraw/").status_code == 302
    assert not Equipment.objects.filter(pk=item.pk).exists()
    assert b"Old switch" not in public.get("/en/equipment/").content


def test_another_companys_item_is_not_found(client, member):
    foreign = EquipmentFactory(member=MembershipFactory())
    sign_in(client, "contact@example.kz")
    assert client.get(f"/en/cabinet/equipment/{foreign.pk}/").status_code == 404
    assert (
        client.post(f"/en/cabinet/equipment/{foreign.pk}/", item_form(name_en="Mine")).status_code
        == 404
    )
    assert client.post(f"/en/cabinet/equipment/{foreign.pk}/withdraw/").status_code == 404
    assert Equipment.objects.filter(pk=foreign.pk).exists()
    assert not ProfileChange.objects.exists()
    assert client.get("/en/cabinet/equipment/new/not-a-category/").status_code == 404


def test_an_ended_membership_is_read_only_for_equipment(client, member):
    item = EquipmentFactory(member=member, name="Rack server")
    sign_in(client, "contact@example.kz")
    member.ended_on = timezone.localdate() - datetime.timedelta(days=1)
    member.save()
    # The link and session were bound to the membership's state; a fresh sign-in opens it read-only.
    client = Client()
    sign_in(client, "contact@example.kz")
    home = client.get("/en/cabinet/").content.decode()
    assert "Rack server" in home and "/withdraw/" not in home and "/equipment/new/" not in home
    assert client.post(f"/en/cabinet/equipment/{item.pk}/withdraw/").status_code == 403
    assert (
        client.post("/en/cabinet/equipment/new/servers/", item_form(name_en="New")).status_code
        == 403
    )
    assert (
        client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(name_en="X")).status_code == 403
    )
    assert Equipment.objects.filter(pk=item.pk).exists() and not ProfileChange.objects.exists()


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_pictures_are_refused_and_leave_nothing(client, member, settings, tmp_path, case):
    """The hardening suite's hostile files, through the cabinet: refused with the reason, nothing stored."""
    settings.MEDIA_ROOT = tmp_path
    name, content = HOSTILE[case]
    if content is None:
        content = noise_png(MAX_BYTES + 1)
    sign_in(client, "contact@example.kz")
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(
        "/en/cabinet/equipment/new/servers/",
        {**item_form(name_en="Server"), "item-picture": upload},
    )
    assert response.status_code == 400
    assert 'id="id_item-picture_error' in response.content.decode()
    assert not ProfileChange.objects.exists()
    assert stored_files(tmp_path) == []


def test_a_value_the_field_cannot_take_is_refused(client, member):
    sign_in(client, "contact@example.kz")
    response = client.post(
        "/en/cabinet/equipment/new/servers/",
        item_form(name_en="Server", **{"spec_memory": "lots"}),
    )
    assert response.status_code == 400
    assert "Enter a number in GB" in response.content.decode()
    assert (
        client.post("/en/cabinet/equipment/new/servers/", item_form(model="X")).status_code == 400
    )  # no name
    assert not ProfileChange.objects.exists()


def test_a_second_change_to_an_item_replaces_the_pending_one_and_withdrawal_cancels_it(
    client, member
):
    item = EquipmentFactory(member=member, name="Rack server")
    sign_in(client, "contact@example.kz")
    base = {"name_en": "Rack server", "model": item.model, "description_en": item.description_en}
    client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(**{**base, "model": "RS-10"}))
    client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(**{**base, "model": "RS-20"}))
    assert ProfileChange.objects.get().proposed == {"model": "RS-20"}
    assert client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(**base)).status_code == 400
    assert "awaiting moderation" in client.get("/en/cabinet/").content.decode()
    client.post(f"/en/cabinet/equipment/{item.pk}/withdraw/")
    assert not Equipment.objects.exists()
    change = ProfileChange.objects.get()
    assert change.state == "cancelled" and change.equipment is None
    assert change.withdrawn_item == "Rack server" and change.item_withdrawn_at


def _picture(name="server.png"):
    return SimpleUploadedFile(name, png(), content_type="image/png")


def test_a_pending_change_is_cancelled_from_the_cabinet(
    client, member, admin_client_trained, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    item = EquipmentFactory(member=member, name="Rack server", model="RS-1")
    sign_in(client, "contact@example.kz")
    base = {"name_en": "Rack server", "model": "RS-2", "description_en": item.description_en}
    client.post(
        f"/en/cabinet/equipment/{item.pk}/", {**item_form(**base), "item-picture": _picture()}
    )
    change = ProfileChange.objects.get()
    assert change.picture and stored_files(tmp_path)
    home = client.get("/en/cabinet/").content.decode()
    cancel = f"/en/cabinet/equipment/changes/{change.pk}/cancel/"
    assert cancel in home and "Cancel the change to Rack server" in home

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the cancel commits
        assert client.post(cancel).status_code == 302
    change.refresh_from_db()
    assert change.state == "cancelled" and change.decided_at and not change.picture
    assert stored_files(tmp_path) == []  # the proposed picture goes with the proposal
    item.refresh_from_db()
    assert item.model == "RS-1"  # nothing was published
    home = client.get("/en/cabinet/").content.decode()
    assert cancel not in home and "awaiting moderation" not in home
    # Staff who open the change from their email see it cancelled and can no longer approve it.
    page = admin_client_trained.get(f"/admin/cabinet/profilechange/{change.pk}/change/")
    assert "Компанияның өзі болдырмады" in page.content.decode()  # the admin speaks Kazakh
    approve(admin_client_trained, change)
    item.refresh_from_db()
    assert item.model == "RS-1"
    # A change can then be proposed again.
    client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(**base))
    assert ProfileChange.objects.filter(state="pending").count() == 1


def test_a_pending_new_item_is_cancelled_from_the_cabinet(client, member, admin_client_trained):
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/equipment/new/drones/", item_form(name_en="Survey drone"))
    change = ProfileChange.objects.get()
    home = client.get("/en/cabinet/").content.decode()
    assert "Cancel the new item Survey drone" in home
    assert client.post(f"/en/cabinet/equipment/changes/{change.pk}/cancel/").status_code == 302
    change.refresh_from_db()
    assert change.state == "cancelled"
    assert "Survey drone" not in client.get("/en/cabinet/").content.decode()
    approve(admin_client_trained, change)
    assert not Equipment.objects.exists()


def test_a_decided_change_and_another_companys_are_not_cancelled(
    client, member, admin_client_trained
):
    item = EquipmentFactory(member=member, name="Rack server")
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/equipment/new/drones/", item_form(name_en="Survey drone"))
    decided = ProfileChange.objects.get()
    approve(admin_client_trained, decided)
    assert client.post(f"/en/cabinet/equipment/changes/{decided.pk}/cancel/").status_code == 302
    decided.refresh_from_db()
    assert decided.state == "approved"

    other = MembershipFactory(email="other@example.kz")
    foreign = ProfileChange.objects.create(
        membership=other, about="equipment", proposed={"name_en": "X"}, submitted_by="o@x.kz"
    )
    profile = ProfileChange.objects.create(
        membership=member, proposed={"website": "https://x.kz"}, submitted_by="contact@example.kz"
    )
    for change in (foreign, profile):
        assert client.post(f"/en/cabinet/equipment/changes/{change.pk}/cancel/").status_code == 404
        change.refresh_from_db()
        assert change.state == "pending"
    assert Equipment.objects.filter(pk=item.pk).exists()


def test_the_change_form_shows_the_current_picture_to_the_companys_representatives_only(
    client, member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = EquipmentFactory(member=member, name="Rack server")
    item.image.save("rack.png", ContentFile(png()), save=True)
    picture_url = f"/en/cabinet/equipment/{item.pk}/picture/"
    assert Client().get(picture_url).status_code == 302  # no session: sent to sign in
    sign_in(client, "contact@example.kz")
    form_page = client.get(f"/en/cabinet/equipment/{item.pk}/").content.decode()
    assert f'src="{picture_url}"' in form_page and "current picture" in form_page
    picture = client.get(picture_url)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    # Also while the directory does not list the company (its consent withdrawn).
    member.profile.is_published = False
    member.profile.save()
    assert Client().get(f"/en/equipment/{item.pk}/image/").status_code == 404
    assert client.get(picture_url).status_code == 200

    other = EquipmentFactory(member=MembershipFactory(email="other@example.kz"))
    other.image.save("other.png", ContentFile(png()), save=True)
    assert client.get(f"/en/cabinet/equipment/{other.pk}/picture/").status_code == 404
    stranger = Client()
    sign_in(stranger, "other@example.kz")
    assert stranger.get(picture_url).status_code == 404
    # An item without a picture: no picture shown, none served.
    bare = EquipmentFactory(member=member, name="Bare switch")
    assert "/picture/" not in client.get(f"/en/cabinet/equipment/{bare.pk}/").content.decode()
    assert client.get(f"/en/cabinet/equipment/{bare.pk}/picture/").status_code == 404


PICTURE_PAIR = {
    "en": ("Published", "Awaiting moderation", "Published picture of “Rack server”",
           "Picture of “Rack server” awaiting moderation"),
    "kk": ("Жарияланған", "Модерацияны күтуде", "«Rack server»: жарияланған сурет",
           "«Rack server»: модерацияны күтіп тұрған сурет"),
    "ru": ("Опубликовано", "Ожидает модерации", "Опубликованное изображение «Rack server»",
           "Изображение «Rack server», ожидающее модерации"),
}  # fmt: skip


def test_the_change_form_shows_the_published_picture_and_the_one_awaiting_moderation(
    client, member, admin_client_trained, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = EquipmentFactory(member=member, name="Rack server", model="RS-1")
    item.image.save("rack.png", ContentFile(png()), save=True)
    sign_in(client, "contact@example.kz")
    base = {"name_en": "Rack server", "model": "RS-1", "description_en": item.description_en}
    client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(**{**base, "model": "RS-2"}))
    assert "current-picture" in client.get(f"/en/cabinet/equipment/{item.pk}/").content.decode()
    assert "picture-pair" not in client.get(f"/en/cabinet/equipment/{item.pk}/").content.decode()

    client.post(
        f"/en/cabinet/equipment/{item.pk}/", {**item_form(**base), "item-picture": _picture()}
    )
    change = ProfileChange.objects.get(state="pending")
    assert change.picture
    pending_url = f"/changes/{change.pk}/picture/"
    for language, (published, waiting, published_alt, waiting_alt) in PICTURE_PAIR.items():
        page = client.get(f"/{language}/cabinet/equipment/{item.pk}/").content.decode()
        pair = page.split('<div class="picture-pair">')[1].split("</div>")[0]
        assert (
            f'src="/{language}/cabinet/equipment/{item.pk}/picture/" alt="{published_alt}"' in pair
        )
        assert f'src="/{language}/cabinet/equipment{pending_url}" alt="{waiting_alt}"' in pair
        assert f"<figcaption>{published}</figcaption>" in pair
        assert f"<figcaption>{waiting}</figcaption>" in pair
    served = client.get(f"/en/cabinet/equipment{pending_url}")
    assert served.status_code == 200 and served["Content-Type"].startswith("image/")
    assert served.getvalue() == change.picture.open("rb").read()
    assert Client().get(f"/en/cabinet/equipment{pending_url}").status_code == 302  # sign in first
    MembershipFactory(email="other@example.kz")
    stranger = Client()
    sign_in(stranger, "other@example.kz")
    assert stranger.get(f"/en/cabinet/equipment{pending_url}").status_code == 404

    # An item published without a picture shows only the one awaiting moderation.
    item.image.delete(save=True)
    page = client.get(f"/en/cabinet/equipment/{item.pk}/").content.decode()
    assert pending_url in page and f"/equipment/{item.pk}/picture/" not in page

    # Once approved, the picture is the published one and nothing waits any more.
    approve(admin_client_trained, change)
    page = client.get(f"/en/cabinet/equipment/{item.pk}/").content.decode()
    assert "picture-pair" not in page and "current picture" in page
    assert client.get(f"/en/cabinet/equipment{pending_url}").status_code == 404


def test_withdrawing_an_item_keeps_its_decided_changes_for_staff_and_privacy(
    client, member, admin_client_trained
):
    item = EquipmentFactory(member=member, name="Rack server")
    sign_in(client, "contact@example.kz")
    base = {"name_en": "Rack server", "model": item.model, "description_en": item.description_en}
    client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(**{**base, "model": "ZX-first"}))
    returned = ProfileChange.objects.get()
    admin_client_trained.post(
        f"/admin/cabinet/profilechange/{returned.pk}/change/",
        {"_return": "1", "reason": "Which rack size?"},
    )
    client.post(f"/en/cabinet/equipment/{item.pk}/", item_form(**{**base, "model": "ZX-second"}))
    approved = ProfileChange.objects.get(state="pending")
    approve(admin_client_trained, approved)

    assert client.post(f"/en/cabinet/equipment/{item.pk}/withdraw/").status_code == 302
    assert not Equipment.objects.exists()
    kept = {c.pk: c for c in ProfileChange.objects.all()}
    assert set(kept) == {returned.pk, approved.pk}
    for change in kept.values():
        assert change.equipment is None and change.item_withdrawn_at
        assert change.withdrawn_item == "Rack server" and not change.is_new_item
    assert kept[returned.pk].state == "returned" and kept[returned.pk].reason == "Which rack size?"
    assert kept[approved.pk].state == "approved"
    # Not shown to the member as new items; staff see them marked.
    assert "Which rack size?" not in client.get("/en/cabinet/").content.decode()
    queue = admin_client_trained.get("/admin/cabinet/profilechange/").content.decode()
    assert "каталогтан алынды" in queue and "Rack server" in queue
    page = admin_client_trained.get(f"/admin/cabinet/profilechange/{returned.pk}/change/")
    assert page.status_code == 200 and "ZX-first" in page.content.decode()

    # The privacy export and erasure still cover them.
    provider = next(p for p in registry.providers() if p.name == "cabinet")
    with translation.override("en"):
        exported = provider.export("contact@example.kz")
    rows = exported["Proposed changes to the profile and equipment"]
    assert {row["item"] for row in rows} == {"Rack server"}
    assert {row["reason"] for row in rows} == {"Which rack size?", ""}
    report = provider.erase("contact@example.kz")
    assert report.erased["profile_changes"] == 2
    assert not ProfileChange.objects.exclude(submitted_by="").exists()
    assert ProfileChange.objects.count() == 2


def test_the_change_page_says_the_category_is_fixed_and_offers_to_add_the_item_anew(
    client, member, admin_client_trained, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = with_specs(
        EquipmentFactory(member=member, category="servers", name="Edge box", model="EB-1"),
        memory="64",
    )
    item.name_ru = "Пограничный сервер"
    item.save()
    item.image.save("edge.png", ContentFile(png()), save=True)
    sign_in(client, "contact@example.kz")
    page = client.get(f"/en/cabinet/equipment/{item.pk}/").content.decode()
    assert "An item's category cannot be changed" in page
    anew = f"/en/cabinet/equipment/new/network/?replaces={item.pk}"
    assert f'href="{anew}"' in page
    assert f"/new/servers/?replaces={item.pk}" not in page  # not its own category

    form_page = client.get(anew).content.decode()
    assert "takes the place of “Edge box”" in form_page
    assert 'value="Пограничный сервер"' in form_page and 'value="EB-1"' in form_page
    assert f"/en/cabinet/equipment/{item.pk}/picture/" in form_page
    assert "Memory, GB" not in form_page  # the new category's vocabulary
    # Its own category is a change, not a new item; another company's item is not found.
    same = client.get(f"/en/cabinet/equipment/new/servers/?replaces={item.pk}")
    assert same.status_code == 302 and same["Location"].endswith(f"/cabinet/equipment/{item.pk}/")
    foreign = EquipmentFactory(member=MembershipFactory(email="other@example.kz"))
    assert (
        client.get(f"/en/cabinet/equipment/new/network/?replaces={foreign.pk}").status_code == 404
    )
    assert client.get("/en/cabinet/equipment/new/network/?replaces=x").status_code == 404

    response = client.post(
        anew, item_form(name_en="Edge box", name_ru="Пограничный сервер", model="EB-1")
    )
    assert response.status_code == 302
    assert not Equipment.objects.filter(pk=item.pk).exists()  # withdrawn at once
    change = ProfileChange.objects.get(state="pending")
    assert change.is_new_item and change.proposed["category"] == "network"
    assert change.picture  # the old picture, proposed again
    approve(admin_client_trained, change)
    new = Equipment.objects.get(member=member)
    assert new.category == "network" and new.model == "EB-1" and new.image
    assert Client().get(f"/en/equipment/{new.pk}/image/").status_code == 200


def test_adding_an_item_anew_that_is_refused_withdraws_nothing(client, member):
    item = EquipmentFactory(member=member, category="servers", name="Edge box")
    sign_in(client, "contact@example.kz")
    response = client.post(
        f"/en/cabinet/equipment/new/network/?replaces={item.pk}", item_form(model="No name")
    )
    assert response.status_code == 400
    assert Equipment.objects.filter(pk=item.pk).exists() and not ProfileChange.objects.exists()


def test_a_rolled_back_cancel_keeps_the_proposed_picture(member, settings, tmp_path):
    """Files are deleted only once the row stops naming them for good: a rollback keeps both."""
    from django.db import transaction

    from dkz_site.images import delete_after_commit

    settings.MEDIA_ROOT = tmp_path
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("cabinet/pending-pictures/kept.jpg", ContentFile(b"x"))
    assert default_storage.exists(name)
    try:
        with transaction.atomic():
            delete_after_commit(default_storage, name)
            raise RuntimeError("the cancel fails after the file was let go")
    except RuntimeError:
        pass
    assert default_storage.exists(name)
