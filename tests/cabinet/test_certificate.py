"""The verifiable certificate: PDF in kk/ru/en with a QR code to the live verification page, its JSON, the
badge; an ended, unlisted or blocked membership stops verifying at once."""

import datetime
import json
from io import BytesIO

import pypdf
import pytest
from django.test import Client
from django.utils import timezone

from cabinet.models import VerificationCode
from cabinet.verification import code_for
from directory.models import MemberProfile
from privacy.services import block_email
from tests.accreditation.factories import MembershipFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory(email="contact@example.kz", company_name="Altyn Soft")


def test_the_certificate_opens_in_three_languages_with_its_code(client, member):
    sign_in(client, "contact@example.kz")
    for language in ("kk", "ru", "en"):
        response = client.get(f"/en/cabinet/certificate/{language}.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        reader = pypdf.PdfReader(BytesIO(response.content))
        text = reader.pages[0].extract_text()
        code = VerificationCode.objects.get(membership=member).code
        assert "Altyn Soft" in text and code in text
        assert f"/{language}/members/verify/{code}/" in text.replace("\n", "")
        assert reader.pages[0].images, "the QR code is drawn on the page"


def test_the_qr_code_encodes_the_verification_page(member):
    from cabinet.documents import _qr_image

    image = _qr_image("http://127.0.0.1:8000/kk/members/verify/ABC/")
    assert image.size[0] == image.size[1] > 100


def test_an_active_listed_membership_verifies(member):
    code = code_for(member).code
    page = Client().get(f"/kk/members/verify/{code}/")
    assert page.status_code == 200 and "Altyn Soft" in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    data = json.loads(Client().get(f"/en/members/verify/{code}/status.json").content)
    assert data["verified"] is True and data["status"] == "active"
    assert data["active_until"] == member.ends_on.isoformat()
    assert data["profile_url"].endswith(f"/en/members/{member.profile.slug}/")


def test_an_ended_membership_stops_verifying_at_once_and_says_when(member):
    code = code_for(member).code
    assert json.loads(Client().get(f"/en/members/verify/{code}/status.json").content)["verified"]
    member.ended_on = timezone.localdate()
    member.save()
    data = json.loads(Client().get(f"/en/members/verify/{code}/status.json").content)
    assert data["verified"] is False and data["status"] == "ended"
    assert data["ended_on"] == timezone.localdate().isoformat()
    page = Client().get(f"/ru/members/verify/{code}/")
    assert "Altyn Soft" in page.content.decode()


def test_a_blocked_or_unlisted_membership_is_not_confirmed_and_shows_nothing(member):
    """P19: a blocked contact's membership is not confirmed, and the page says nothing about it."""
    code = code_for(member).code
    block_email(email=member.email)
    data = json.loads(Client().get(f"/en/members/verify/{code}/status.json").content)
    assert data["verified"] is False and data["status"] == "unconfirmed"
    assert data["company_name"] is None and data["bin"] is None
    page = Client().get(f"/en/members/verify/{code}/")
    assert "Altyn Soft" not in page.content.decode()


def test_an_unlisted_membership_does_not_verify(member):
    code = code_for(member).code
    MemberProfile.objects.filter(membership=member).update(is_published=False)
    data = json.loads(Client().get(f"/en/members/verify/{code}/status.json").content)
    assert data["verified"] is False


def test_an_unknown_code_is_not_found():
    assert Client().get("/en/members/verify/NOSUCHCODE23/").status_code == 404
    assert Client().get("/en/members/verify/NOSUCHCODE23/status.json").status_code == 404


def test_codes_are_long_and_random(member):
    codes = {code_for(MembershipFactory()).code for _ in range(20)}
    assert len(codes) == 20 and all(len(code) == 12 for code in codes)
    assert code_for(member) == code_for(member)


def test_the_badge_is_an_svg_that_follows_the_status(member):
    code = code_for(member).code
    response = Client().get(f"/kk/members/verify/{code}/badge.svg")
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert b"<script" not in response.content and b"#0b6b3a" in response.content
    member.ended_on = timezone.localdate()
    member.save()
    assert b"#8a1c1c" in Client().get(f"/kk/members/verify/{code}/badge.svg").content


def test_the_cabinet_offers_the_certificate_and_badge_code(client, member):
    page = sign_in(client, "contact@example.kz").content.decode()
    code = VerificationCode.objects.get(membership=member).code
    assert f"/members/verify/{code}/badge.svg" in page
    assert f"/en/members/{member.profile.slug}/" in page


def test_an_ended_membership_gets_no_certificate(client, member):
    member.ended_on = timezone.localdate() - datetime.timedelta(days=2)
    member.save()
    sign_in(client, "contact@example.kz")
    assert client.get("/en/cabinet/certificate/kk.pdf").status_code == 404


def test_verify_is_not_a_member_profile_slug():
    from directory.models import RESERVED_SLUGS

    assert "verify" in RESERVED_SLUGS
