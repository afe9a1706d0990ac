"""Member profiles: public facts in the page's language, machine-readable data, and 404 for the unlisted."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accreditation.regions import Region
from directory.models import Category
from privacy.services import block_email
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db


def profile(client, member, language="en"):
    return client.get(f"/{language}/members/{member.profile.slug}/")


@pytest.fixture
def member():
    member = MembershipFactory(
        company_name="Алтын Жүйелері",
        region=Region.PAVLODAR,
        website="https://altyn.example.kz/",
        public_email="info@altyn.example.kz",
        public_phone="+7 718 255 00 00",
        description_kk="Жұмыс станцияларын жеткізуші.",
        description_ru="Поставщик рабочих станций.",
        description_en="Supplier of workstations.",
        starts_on=datetime.date(2025, 3, 1),
        email="private.contact@altyn.kz",
        contact_person="Private Person",
        phone="+7 700 111 22 33",
    )
    EquipmentFactory(member=member, name="Rugged laptop X1", category=Category.WORKSTATIONS)
    return member


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("kk", "Жұмыс станцияларын жеткізуші."),
        ("ru", "Поставщик рабочих станций."),
        ("en", "Supplier of workstations."),
    ],
)
def test_description_in_page_language(client, member, language, text):
    assert text in profile(client, member, language).content.decode()


def test_description_falls_back_to_another_language(client, member):
    member.profile.description_en = ""
    member.profile.save()

    html = profile(client, member, "en").content.decode()

    assert "Жұмыс станцияларын жеткізуші." in html


def test_public_facts_and_equipment_shown_private_contact_not(client, member):
    html = profile(client, member).content.decode()

    assert "Pavlodar Region" in html
    assert 'href="https://altyn.example.kz/"' in html
    assert "mailto:info@altyn.example.kz" in html
    assert "+7 718 255 00 00" in html
    assert "Member since" in html and "2025" in html
    assert "Rugged laptop X1" in html
    assert "private.contact@altyn.kz" not in html
    assert "Private Person" not in html
    assert "+7 700 111 22 33" not in html


def test_opengraph_jsonld_and_hreflang(client, member):
    html = profile(client, member, "ru").content.decode()

    assert '<meta property="og:title" content="Алтын Жүйелері">' in html
    assert (
        f'<meta property="og:url" content="http://testserver/ru/members/{member.profile.slug}/">'
        in html
    )
    assert '<meta property="og:description" content="Поставщик рабочих станций.">' in html
    for language in ("kk", "ru", "en"):
        assert (
            f'<link rel="alternate" hreflang="{language}" '
            f'href="http://testserver/{language}/members/{member.profile.slug}/">' in html
        )
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == "Алтын Жүйелері"
    assert data["url"] == "https://altyn.example.kz/"
    assert data["email"] == "info@altyn.example.kz"
    assert data["address"]["addressCountry"] == "KZ"
    assert data["description"] == "Поставщик рабочих станций."


def test_jsonld_cannot_break_out_of_its_script_element(client, member):
    member.profile.description_en = "</script><script>alert(1)</script> & <!--"
    member.profile.save()

    html = profile(client, member).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["description"] == member.profile.description_en


@pytest.mark.parametrize(
    "change",
    [
        {"is_published": False},
        {"ended_on": "yesterday"},
        {"ends_on": "yesterday", "starts_on": "last year"},
    ],
)
def test_unlisted_or_ended_member_profile_is_404(client, member, change):
    today = timezone.localdate()
    dates = {
        "yesterday": today - datetime.timedelta(days=1),
        "last year": today - datetime.timedelta(days=365),
    }
    for field, value in change.items():
        owner = member.profile if field == "is_published" else member
        setattr(owner, field, dates.get(value, value))
    member.profile.save()
    member.save()

    assert profile(client, member).status_code == 404


def test_P19_blocked_member_profile_is_404(client, member):
    assert profile(client, member).status_code == 200
    block_email(email="private.contact@altyn.kz")
    assert profile(client, member).status_code == 404


def test_unknown_slug_is_404(client):
    assert client.get("/en/members/no-such-member/").status_code == 404


def test_profile_url_is_named(member):
    with translation.override("kk"):
        assert (
            reverse("directory:member", args=[member.profile.slug])
            == f"/kk/members/{member.profile.slug}/"
        )
