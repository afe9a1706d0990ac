"""Tests for accreditation.regions (ISO 3166-2:KZ first-level divisions)."""

import re

from django.utils import translation
from django.utils.functional import Promise

from accreditation.regions import CITY_CODES, Region


def test_twenty_unique_codes():
    assert len(Region.values) == 20
    assert len(set(Region.values)) == 20


def test_codes_are_numeric_iso_3166_2_kz():
    assert all(re.fullmatch(r"KZ-\d\d", code) for code in Region.values)


def test_seventeen_regions_and_three_cities():
    cities = [region for region in Region if region.is_city]
    assert cities == [Region.ASTANA, Region.ALMATY, Region.SHYMKENT]
    assert len(Region) - len(cities) == 17
    assert sorted(CITY_CODES) == ["KZ-71", "KZ-75", "KZ-79"]


def test_labels_are_unique_lazy_translations():
    translation.activate("en")
    assert len({str(label) for label in Region.labels}) == 20
    assert all(isinstance(label, Promise) for label in Region.labels)
    assert Region("KZ-71").label == "Astana"
    assert Region.ALMATY_REGION.label == "Almaty Region"
    assert Region.ALMATY.label == "Almaty"
    with translation.override("kk"):
        assert Region.ALMATY_REGION.label == "Алматы облысы"
    translation.deactivate()


def test_regions_created_in_2022_are_present():
    assert {Region.ABAI, Region.ZHETYSU, Region.ULYTAU} == {
        Region("KZ-10"),
        Region("KZ-33"),
        Region("KZ-62"),
    }
