"""The members page's weight budget: its HTML and every stylesheet it links stay within 40 KB in each language,
uncompressed, as `make bench` measures it, with a full page of 20 cards written as the benchmark seeds them."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from accreditation.regions import Region
from directory.demo import SPECIALITIES, STEMS
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 40 * 1024


@pytest.fixture
def full_page():
    """21 listed members (a full first page and one more): names, descriptions in three languages and equipment
    categories as `bench.scenarios` makes them, a third under their Kazakh name, in every region in turn."""
    regions = list(Region)
    for n in range(21):
        stem_latin, stem_kazakh = STEMS[n % len(STEMS)]
        speciality = SPECIALITIES[n % len(SPECIALITIES)]
        suffix_latin, suffix_kazakh = speciality["suffix"]
        if n % 3 == 1:
            name = f"{stem_kazakh} Digital {suffix_kazakh}"
        else:
            name = f"{stem_latin} Digital {suffix_latin}"
        founded = 1995 + n
        member = MembershipFactory(
            company_name=name,
            region=regions[n % len(regions)],
            description_kk=f"{speciality['kk']} {founded} жылы құрылған. {name}.",
            description_ru=f"{speciality['ru']} Основана в {founded} году.",
            description_en=f"{speciality['en']} Founded in {founded}.",
            oked_sections=speciality["oked"],
        )
        for category in speciality["categories"]:
            EquipmentFactory(member=member, category=category)


def linked_stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_members_page_html_and_css_stay_within_40_kb(client, full_page, language):
    response = client.get(f"/{language}/members/")

    assert len(response.context["page_obj"]) == 20
    html = response.content
    stylesheets = linked_stylesheets(html.decode())
    assert "css/site.css" in stylesheets
    css = sum(Path(finders.find(name)).stat().st_size for name in stylesheets)
    assert len(html) + css <= BUDGET_BYTES, (
        f"{language}: HTML {len(html) / 1024:.1f} KB + CSS {css / 1024:.1f} KB ({', '.join(stylesheets)})"
    )


def test_section_stylesheets_stay_off_the_members_page(client, full_page):
    """A section's own stylesheet (cabinet, catalogue, map, privacy pages) is linked by its pages only, after
    site.css, never from the base template."""
    members = linked_stylesheets(client.get("/en/members/").content.decode())
    catalogue = linked_stylesheets(client.get("/en/equipment/").content.decode())
    privacy = linked_stylesheets(client.get("/en/privacy/").content.decode())

    assert members == ["css/site.css"]
    assert catalogue == ["css/site.css", "css/catalogue.css"]
    assert privacy == ["css/site.css", "css/privacy.css"]
