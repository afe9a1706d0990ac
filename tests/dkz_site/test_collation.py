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
from directory.models import Category, Equipment, MemberProfile
from dkz_site.collation import (
    COLLATIONS,
    KAZAKH_ALPHABET,
    KAZAKH_COLLATION,
    LATIN_ALPHABET,
    sort_key,
)
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


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "en"])
@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(
        st.text(NAME_CHARACTERS, min_size=1, max_size=8), min_size=2, max_size=12, unique=True
    )
)
def test_russian_and_english_sort_keys_agree_with_their_icu_collations(language, names):
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT n FROM unnest(%s::text[]) AS n ORDER BY n COLLATE "{COLLATIONS[language][0]}"',
            [names],
        )
        by_postgresql = [row[0] for row in cursor.fetchall()]
    assert sorted(names, key=lambda name: sort_key(name, language)) == by_postgresql


def test_russian_and_english_orders():
    """Russian: ICU's Cyrillic order (Ё with Е, І after И, Ү before Ұ), then Latin; English: Latin first."""
    names = ["Ель", "Ёлка", "Есик", "Иса", "Іле", "Йод", "Уфа", "Үміт", "Ұлы", "Alpha"]
    assert sorted(names, key=lambda n: sort_key(n, "ru")) == [
        "Ёлка", "Ель", "Есик", "Иса", "Іле", "Йод", "Уфа", "Үміт", "Ұлы", "Alpha",
    ]  # fmt: skip
    assert sorted(names, key=lambda n: sort_key(n, "en"))[0] == "Alpha"
    assert sorted(names, key=sort_key)[:4] == [
        "Ель",
        "Есик",
        "Ёлка",
        "Иса",
    ]  # Kazakh: Ё is a letter


# Each item's names (kk, ru, en); an empty one shows the first given instead (kk, ru, en).
CATALOGUE = [
    ("Әуе түсірілім дроны", "Дрон для аэросъёмки", "Survey drone"),
    ("Серверлік стойка", "Серверная стойка", ""),
    ("Қыздыру пеші", "", "Annealing oven"),
    ("", "Ёмкостный датчик", "Capacitive sensor"),
    ("Ілмек", "Индикатор", "indicator"),
    ("", "Ель-сервер", ""),
]
CATALOGUE_ORDER = {
    # Kazakh: Ә after А, Ё its own letter after Е, Қ after К, І near the end
    "kk": [0, 5, 3, 2, 1, 4],
    # Russian: Ё sorts with Е, Қ after К, the Kazakh fallback among the Russian names
    "ru": [0, 5, 3, 4, 2, 1],
    # English: Latin first, whatever the case, then the Cyrillic fallbacks
    "en": [2, 3, 4, 0, 5, 1],
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_catalogue_sorts_by_the_name_it_shows_in_the_pages_language(client, language):
    member = MembershipFactory()
    items = [
        EquipmentFactory(member=member, name="", name_kk=kk, name_ru=ru, name_en=en)
        for kk, ru, en in reversed(CATALOGUE)
    ][::-1]
    expected = [items[n].pk for n in CATALOGUE_ORDER[language]]
    response = client.get(f"/{language}/equipment/")
    assert [item.pk for item in response.context["page_obj"]] == expected
    shown = [item.name_in(language) for item in response.context["page_obj"]]
    assert shown == [str(items[n].name_in(language)) for n in CATALOGUE_ORDER[language]]
    category = client.get(f"/{language}/equipment/", {"category": Category.SERVERS})
    assert [item.pk for item in category.context["page_obj"]] == expected
    profile = client.get(f"/{language}/members/{member.profile.slug}/")
    assert [item.pk for item in profile.context["equipment"]] == expected


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
            Equipment(
                member=member,
                name=member.company_name,
                name_sort_key=member.name_sort_key,
                name_ru=member.company_name,
                name_sort_key_ru=sort_key(member.company_name, "ru"),
                name_sort_key_en=sort_key(member.company_name, "en"),
            )
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
        (
            Equipment.objects.by_name("kk"),
            "directory_equipment_name_order",
        ),  # directory migration 0005
        # Russian and English pages: by the name they show, in their order (directory migration 0014)
        (Equipment.objects.by_name("ru"), "directory_equipment_name_order_ru"),
        (Equipment.objects.by_name("en"), "directory_equipment_name_order_en"),
        (
            Equipment.objects.filter(category=Category.SERVERS).by_name("ru"),
            "directory_equipment_category_name_ru",
        ),
    ]:
        plan = queryset[:21].explain()
        assert index in plan, plan
        assert "Sort" not in plan.replace("Sort Key", "") and "TEMP B-TREE" not in plan, plan
