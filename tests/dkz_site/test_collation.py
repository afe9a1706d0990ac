"""Kazakh (and so Russian) alphabetical order of names, on SQLite and on PostgreSQL.

The same expected order is checked on both databases; on PostgreSQL the Python sort key is also checked against
the ICU collation itself, on names Hypothesis makes up.
"""

import random

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from accreditation.models import Membership
from directory.models import Equipment, MemberProfile
from dkz_site.collation import KAZAKH_ALPHABET, KAZAKH_COLLATION, LATIN_ALPHABET, sort_key
from privacy.models import Processor
from tests.accreditation.factories import MembershipFactory
from tests.directory.factories import EquipmentFactory

# One name for each letter Kazakh adds to Russian's alphabet, each after its Russian neighbour (І after Ы),
# then Latin names after all Cyrillic ones, in Latin order whatever their case.
ALPHABETICAL = [
    "«Арай» ЖШС",
    "Ағаш Сервис",
    "Әлем Телеком",
    "Бастау",
    "Гүлдер",
    "Ғарыш Дата",
    "Ели",
    "Ёлка",
    "Ирис",
    "Йод",
    "Кент Софт",
    "Қазақ Цифр",
    "Нұр Сеть",
    "Ңоқ",
    "Орда",
    "Өрнек",
    "Уфа",
    "Ұлы Дала",
    "Үміт",
    "Фараб",
    "Хан Тәңірі",
    "Һаким",
    "Цифра",
    "Ыстық",
    "Іле Желілері",
    "Эра",
    "Юрта",
    "Ясная",
    "Alpha Systems",
    "bravo labs",
    "Charlie",
    "Éclair Tech",
    "Zhetysu Data",
]
KAZAKH_SPECIFIC = "ӘҒҚҢӨҰҮҺІ"


def test_every_kazakh_specific_letter_is_covered():
    assert {name[0] for name in ALPHABETICAL} >= set(KAZAKH_SPECIFIC)


def test_sort_key_gives_the_kazakh_alphabet_and_latin_after_cyrillic():
    shuffled = random.Random(18).sample(ALPHABETICAL, len(ALPHABETICAL))
    assert sorted(shuffled, key=sort_key) == ALPHABETICAL


def test_sort_key_levels_letters_then_accents_then_case():
    assert sorted(["Ea", "éa", "ea", "eb"], key=sort_key) == ["ea", "Ea", "éa", "eb"]
    assert sorted(["Ә", "ә", "Ӛ"], key=sort_key) == ["ә", "Ә", "Ӛ"]
    assert sorted(["10", "9", "Б", " А", "A"], key=sort_key) == [" А", "10", "9", "Б", "A"]
    assert sort_key("Қ") < sort_key("Қа")  # a prefix first


@pytest.mark.django_db
def test_directory_lists_members_in_kazakh_alphabetical_order(client):
    for name in reversed(ALPHABETICAL):
        MembershipFactory(company_name=name)
    for language in ("kk", "ru", "en"):
        response = client.get(f"/{language}/members/", {"sort": "name"})
        assert [m.company_name for m in response.context["page_obj"]] == ALPHABETICAL[:20]
        response = client.get(f"/{language}/members/", {"sort": "name", "page": 2})
        assert [m.company_name for m in response.context["page_obj"]] == ALPHABETICAL[20:]


@pytest.mark.django_db
def test_short_lists_sort_the_same_way(client):
    """A search known to be short is sorted through the expression no index serves: the same order."""
    for name in reversed(ALPHABETICAL):
        MembershipFactory(company_name=name, description_en="Cloud services.")
    response = client.get("/kk/members/", {"q": "cloud"})
    assert response.context["page_obj"].paginator.order_for_few is not None
    shown = [m.company_name for m in response.context["page_obj"]]
    assert shown == ALPHABETICAL[:20]


@pytest.mark.django_db
def test_every_list_sorted_by_name_uses_the_same_order(admin_client_trained):
    """Memberships, catalogue items and processors: by default, by the admin's column and in the catalogue."""
    member = MembershipFactory(company_name="Тест")
    for name in reversed(ALPHABETICAL):
        EquipmentFactory(member=member, name=name)
        Processor.objects.create(name=name, country_code="KZ", contract_signed_on="2026-01-01")
        MembershipFactory(company_name=name)
    assert [m.company_name for m in Membership.objects.exclude(pk=member.pk)] == ALPHABETICAL
    assert list(
        Membership.objects.by_name().exclude(pk=member.pk).values_list("company_name", flat=True)
    ) == (ALPHABETICAL)
    assert list(Equipment.objects.values_list("name", flat=True)) == ALPHABETICAL
    assert list(Processor.objects.values_list("name", flat=True)) == ALPHABETICAL

    catalogue = admin_client_trained.get("/kk/equipment/")
    assert [item.name for item in catalogue.context["page_obj"]] == ALPHABETICAL[:20]
    for url, field in [
        ("/admin/accreditation/membership/?o=1", "company_name"),
        ("/admin/directory/equipment/?o=1", "name"),
        ("/admin/privacy/processor/?o=1", "name"),
    ]:
        listed = [
            getattr(row, field) for row in admin_client_trained.get(url).context["cl"].result_list
        ]
        assert [name for name in listed if name != "Тест"] == ALPHABETICAL, url


@pytest.mark.django_db
def test_sort_keys_follow_renames():
    member = MembershipFactory(company_name="Zeta")
    member.company_name = "Әлем"
    member.save()
    member.refresh_from_db()
    assert member.name_sort_key == sort_key("Әлем")


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the ICU collation exists on PostgreSQL only"
)
NAME_CHARACTERS = (
    KAZAKH_ALPHABET
    + KAZAKH_ALPHABET.upper()
    + LATIN_ALPHABET
    + LATIN_ALPHABET.upper()
    + "0123456789"
    " -.,«»\"'()&+/_éÉöÖüçñ№…"
)


@postgresql_only
@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(NAME_CHARACTERS, min_size=1, max_size=8), min_size=2, max_size=12, unique=True)
)
def test_sort_key_agrees_with_the_icu_collation(names):
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT n FROM unnest(%s::text[]) AS n ORDER BY n COLLATE "{KAZAKH_COLLATION}"',
            [names],
        )
        by_postgresql = [row[0] for row in cursor.fetchall()]
    assert sorted(names, key=sort_key) == by_postgresql


@pytest.mark.django_db
def test_the_name_order_is_read_from_an_index():
    """The directory's and the catalogue's first page come from their name indexes, not from sorting every row
    (PostgreSQL's EXPLAIN, or SQLite's EXPLAIN QUERY PLAN)."""
    members = [
        Membership(
            company_name=f"{letter}{n:04d}",
            name_sort_key=sort_key(f"{letter}{n:04d}"),
            bin="940140000386",
            region="KZ-71",
            contact_person="A",
            email=f"m{n}@example.kz",
            starts_on="2026-01-01",
            ends_on="2026-12-31",
        )
        for n in range(300)
        for letter in "ӘҒҚҢӨҰҮҺІAZ"
    ]
    members = Membership.objects.bulk_create(members, batch_size=1000)
    MemberProfile.objects.bulk_create(
        [MemberProfile(membership=m, slug=f"m-{m.pk}", is_published=True) for m in members],
        batch_size=1000,
    )
    Equipment.objects.bulk_create(
        [
            Equipment(member=member, name=member.company_name, name_sort_key=member.name_sort_key)
            for member in Membership.objects.all()
        ],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE accreditation_membership")
            cursor.execute("ANALYZE directory_equipment")
    for queryset, index in [
        (Membership.objects.by_name(), "directory_membership_name_order"),
        (Equipment.objects.by_name(), "directory_equipment_name_order"),  # directory migration 0005
    ]:
        plan = queryset[:21].explain()
        assert index in plan, plan
        assert "Sort" not in plan.replace("Sort Key", "") and "TEMP B-TREE" not in plan, plan
