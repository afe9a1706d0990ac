"""Profile editing with moderation: the member proposes, the directory changes only when staff approve (and the
cached page with it), a return carries the reason by email; hostile uploads refused; consent given again lists
the member only after approval."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from cabinet.models import ProfileChange
from directory.models import MemberProfile
from outbox.models import Email
from privacy.models import ConsentPurpose, ConsentRecord
from tests.accreditation.factories import MembershipFactory
from tests.queue import sent_mail

from .helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory(
        email="contact@example.kz",
        company_name="Altyn Soft",
        description_en="Software.",
        language="ru",
    )


def form(**values):
    data = {
        "profile-description_kk": "",
        "profile-description_ru": "",
        "profile-description_en": "Software.",
        "profile-website": "",
        "profile-public_email": "",
        "profile-public_phone": "",
        "profile-address": "",
    }
    data.update({f"profile-{key}": value for key, value in values.items()})
    return data


def png(size=(64, 64), colour=(200, 30, 30)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def test_a_change_waits_for_approval_then_the_directory_shows_it(
    client, member, admin_client_trained
):
    public = Client()
    assert b"Software." in public.get(f"/en/members/{member.profile.slug}/").content  # now cached
    sign_in(client, "contact@example.kz")
    response = client.post(
        "/en/cabinet/profile/",
        form(description_en="Cloud software and consulting.", website="altyn.example.kz"),
    )
    assert response.status_code == 302
    change = ProfileChange.objects.get()
    assert change.proposed == {
        "description_en": "Cloud software and consulting.",
        "website": "https://altyn.example.kz",
    }
    assert b"Cloud software" not in public.get(f"/en/members/{member.profile.slug}/").content
    assert b"awaiting moderation" in client.get("/en/cabinet/").content
    [staff_mail] = [m for m in sent_mail() if "Altyn Soft" in m.subject]
    assert f"/admin/cabinet/profilechange/{change.pk}/change/" in staff_mail.body

    page = admin_client_trained.get(f"/admin/cabinet/profilechange/{change.pk}/change/")
    assert page.status_code == 200
    assert (
        "Software." in page.content.decode()
        and "Cloud software and consulting." in page.content.decode()
    )
    admin_client_trained.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/", {"_approve": "1", "reason": ""}
    )
    change.refresh_from_db()
    assert change.state == "approved"
    assert (
        b"Cloud software and consulting."
        in public.get(f"/en/members/{member.profile.slug}/").content
    )
    assert Email.objects.filter(
        to="contact@example.kz", template="cabinet/email/profile_approved"
    ).exists()


def test_a_returned_change_is_emailed_with_the_reason_and_not_published(
    client, member, admin_client_trained
):
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/profile/", form(description_en="The best company in the world!!!"))
    change = ProfileChange.objects.get()
    response = admin_client_trained.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/", {"_return": "1", "reason": ""}
    )
    change.refresh_from_db()
    assert change.state == "pending"  # a return needs a reason
    admin_client_trained.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/",
        {"_return": "1", "reason": "Please describe what the company does."},
    )
    change.refresh_from_db()
    assert change.state == "returned"
    member.refresh_from_db()
    assert member.profile.description_en == "Software."
    [mail] = [m for m in sent_mail() if m.to == ["contact@example.kz"] and "describe" in m.body]
    assert "Please describe what the company does." in mail.body
    assert b"Please describe what the company does." in client.get("/en/cabinet/").content
    assert response.status_code == 302


def test_nothing_changed_is_refused(client, member):
    sign_in(client, "contact@example.kz")
    assert client.post("/en/cabinet/profile/", form()).status_code == 400
    assert not ProfileChange.objects.exists()


def test_a_second_proposal_replaces_the_pending_one(client, member):
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/profile/", form(public_phone="+7 701 111 11 11"))
    client.post("/en/cabinet/profile/", form(public_phone="+7 701 222 22 22"))
    assert ProfileChange.objects.get().proposed == {"public_phone": "+7 701 222 22 22"}


def test_a_logo_is_checked_and_re_encoded(client, member, admin_client_trained):
    sign_in(client, "contact@example.kz")
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    assert client.post("/en/cabinet/profile/", {**form(), "profile-logo": logo}).status_code == 302
    change = ProfileChange.objects.get()
    stored = change.logo.read()
    assert stored.startswith(b"\xff\xd8\xff") or stored.startswith(b"\x89PNG")
    assert not change.logo.name.endswith("logo.png")  # a fresh name, never the uploaded one
    preview = admin_client_trained.get(f"/admin/cabinet/profilechange/{change.pk}/logo/")
    assert preview.status_code == 200 and preview["Content-Type"].startswith("image/")
    assert Client().get(f"/en/members/{member.profile.slug}/logo/").status_code == 404  # not yet
    admin_client_trained.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/", {"_approve": "1", "reason": ""}
    )
    served = Client().get(f"/en/members/{member.profile.slug}/logo/")
    assert served.status_code == 200 and served["Content-Type"] in ("image/jpeg", "image/png")
    assert b"/logo/" in Client().get(f"/en/members/{member.profile.slug}/").content
    MemberProfile.objects.filter(membership=member).update(is_published=False)
    assert Client().get(f"/en/members/{member.profile.slug}/logo/").status_code == 404


@pytest.mark.parametrize(
    "name, content",
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("logo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg <?php system($_GET[c]); ?>"),
        ("logo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("logo.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_hostile_uploads_are_refused(client, member, name, content):
    sign_in(client, "contact@example.kz")
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post("/en/cabinet/profile/", {**form(), "profile-logo": upload})
    assert (
        response.status_code == 400
        and b'aria-invalid="true"' in response.content
        or (response.status_code == 400)
    )
    assert not ProfileChange.objects.exists()


def test_a_too_large_logo_is_refused(client, member):
    sign_in(client, "contact@example.kz")
    big = SimpleUploadedFile("logo.png", png(size=(4100, 10)), content_type="image/png")
    assert client.post("/en/cabinet/profile/", {**form(), "profile-logo": big}).status_code == 400
    assert not ProfileChange.objects.exists()


def test_an_ended_membership_cannot_propose(client, member):
    from django.utils import timezone

    member.ended_on = timezone.localdate()
    member.save()
    sign_in(client, "contact@example.kz")
    assert client.post("/en/cabinet/profile/", form(website="x.kz")).status_code == 400
    assert not ProfileChange.objects.exists()


def test_P21_consent_given_again_lists_only_after_approval(client, member, admin_client_trained):
    MemberProfile.objects.filter(membership=member).update(is_published=False)
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/publication/again/")
    record = ConsentRecord.objects.for_email(member.email).get()
    assert record.purpose == ConsentPurpose.DIRECTORY_PUBLICATION and record.withdrawn_at is None
    assert Client().get(f"/en/members/{member.profile.slug}/").status_code == 404
    change = ProfileChange.objects.get()
    assert change.publish
    admin_client_trained.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/", {"_approve": "1", "reason": ""}
    )
    assert Client().get(f"/en/members/{member.profile.slug}/").status_code == 200


def test_another_companys_change_is_not_in_this_cabinet(client, member):
    other = MembershipFactory()
    ProfileChange.objects.create(
        membership=other, proposed={"website": "https://x.kz"}, submitted_by="a@b.kz"
    )
    page = sign_in(client, "contact@example.kz")
    assert b"awaiting moderation" not in page.content


def test_P25_the_moderation_queue_is_for_trained_staff(client, member, django_user_model):
    untrained = django_user_model.objects.create_superuser(
        email="boss@digitalkazakhstan.org", password="a-long-staff-password-42"
    )
    staff = Client(HTTP_ACCEPT_LANGUAGE="en")
    staff.force_login(untrained)
    assert staff.get("/admin/cabinet/profilechange/").status_code == 403


def test_address_and_line_of_business_are_moderated_then_shown_and_filtered(
    client, member, admin_client_trained
):
    sign_in(client, "contact@example.kz")
    data = form(address="Astana, Mangilik El avenue 55/20")
    data["profile-oked_sections"] = ["M", "J"]
    assert client.post("/en/cabinet/profile/", data).status_code == 302
    change = ProfileChange.objects.get()
    assert change.proposed == {
        "address": "Astana, Mangilik El avenue 55/20",
        "oked_sections": "JM",
    }
    page = admin_client_trained.get(f"/admin/cabinet/profilechange/{change.pk}/change/")
    assert "J — Ақпарат және байланыс" in page.content.decode()  # the admin speaks Kazakh
    filtered = "/en/members/?oked=J"
    assert b"Altyn Soft" not in Client().get(filtered).content
    admin_client_trained.post(
        f"/admin/cabinet/profilechange/{change.pk}/change/", {"_approve": "1", "reason": ""}
    )
    profile = Client().get(f"/en/members/{member.profile.slug}/").content.decode()
    assert "Astana, Mangilik El avenue 55/20" in profile
    assert "M — Professional, scientific and technical activities" in profile
    assert "Altyn Soft" in Client().get(filtered).content.decode()
    assert "Altyn Soft" not in Client().get("/en/members/?oked=C").content.decode()
    kazakh = Client().get(f"/kk/members/{member.profile.slug}/").content.decode()
    assert "J — Ақпарат және байланыс" in kazakh
    russian = Client().get(f"/ru/members/{member.profile.slug}/").content.decode()
    assert "J — Информация и связь" in russian


def test_an_unknown_oked_section_is_refused(client, member):
    sign_in(client, "contact@example.kz")
    data = form()
    data["profile-oked_sections"] = ["Z"]
    assert client.post("/en/cabinet/profile/", data).status_code == 400
    assert not ProfileChange.objects.exists()
