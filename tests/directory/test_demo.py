"""Demo data: enough listed members and equipment that paging and comparing are real; idempotent."""

import io

import pytest
from django.core.management import call_command

from accreditation.bin import validate_bin
from accreditation.models import Membership
from accreditation.regions import Region
from directory import demo
from directory.models import Equipment, Specification, listed_memberships

pytestmark = pytest.mark.django_db


def test_seed_is_rich_enough_and_idempotent():
    demo.seed(io.StringIO())
    counts = (Membership.objects.count(), Equipment.objects.count(), Specification.objects.count())
    demo.seed(io.StringIO())

    assert (
        Membership.objects.count(),
        Equipment.objects.count(),
        Specification.objects.count(),
    ) == counts
    listed = listed_memberships()
    assert listed.count() >= 60
    assert set(listed.values_list("region", flat=True)) == set(Region.values)
    assert Membership.objects.count() > listed.count()  # some are deliberately not listed
    assert Equipment.objects.listed().count() >= 150
    assert Equipment.objects.values("category").distinct().count() >= 5
    for member in listed:
        validate_bin(member.bin)
        assert member.profile.description_kk and member.profile.description_ru
    assert listed.exclude(profile__description_en="").count() >= 50
    assert listed.filter(company_name__regex=r"[А-Яа-яӘәҚқҢңӨөҰұҮүІі]").count() >= 10


def test_specifications_overlap_across_items():
    demo.seed(io.StringIO())
    shared = Specification.objects.filter(field__key="memory").values("equipment").distinct()
    assert shared.count() >= 10


def test_every_item_is_named_and_described_in_three_languages():
    demo.seed(io.StringIO())
    items = Equipment.objects.all()
    for language in ("kk", "ru", "en"):
        assert not items.filter(**{f"name_{language}": ""}).exists()
        assert not items.filter(**{f"description_{language}": ""}).exists()
    item = items.filter(name_en__startswith="Rack server").select_related("member").first()
    assert item.name_kk.startswith("Стойкалық сервер ")
    assert item.description_kk.startswith(
        f"«{item.member.company_name}» компаниясы ұсынатын стойкалық"
    )
    # Every kind of value is used: numbers, yes/no, choices and text.
    assert Specification.objects.filter(number__isnull=False).exists()
    assert Specification.objects.filter(flag__isnull=False).exists()
    assert Specification.objects.filter(choice__isnull=False).exists()
    assert Specification.objects.exclude(text="").exists()
    # Text in words is written in each language ("In the box").
    in_words = Specification.objects.filter(field__key="in-the-box")
    assert in_words.exists()
    for language in ("kk", "ru", "en"):
        assert not in_words.filter(**{f"text_{language}": ""}).exists()


def test_seed_demo_command_finds_it():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "listed members" in out.getvalue()
    assert Equipment.objects.exists()
