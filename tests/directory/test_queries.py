"""Each public page of the directory runs a fixed number of queries, whatever the directory holds, and on
PostgreSQL each list's page is found in the index of its order (EXPLAIN), not by sorting or reading the table."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse

from directory.forms import MemberFilterForm
from directory.listing import listed_members
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory, SpecificationFactory

pytestmark = pytest.mark.django_db


def directory_of(size: int) -> list:
    items = []
    for n, member in enumerate(MembershipFactory.create_batch(size, region="KZ-71")):
        item = EquipmentFactory(member=member, category="drones" if n % 2 else "servers")
        SpecificationFactory(equipment=item)
        items.append(item)
    return items


PAGES = {
    # kind: (path, queries once the day's shared values (counts, banner) are in the cache)
    "members": (lambda items: "/en/members/", 2),  # page ids, rows with their categories
    "filters": (lambda items: "/en/members/?region=KZ-71&category=drones&page=2", 2),
    "search": (
        lambda items: "/en/members/?q=company",
        2,
    ),  # matches (with the count), rows with their categories
    "profile": (lambda items: reverse("directory:member", args=[items[0].member.profile.slug]), 2),
    "catalogue": (
        lambda items: "/en/equipment/?category=servers",
        2,
    ),  # page ids, rows with members
    "member's items": (
        lambda items: f"/en/equipment/?member={items[0].member.profile.slug}",
        3,
    ),  # the member, the count, the page's rows with members
    "item": (lambda items: reverse("directory:equipment_detail", args=[items[0].pk]), 2),
    "comparison": (
        lambda items: f"/en/equipment/compare/?items={items[0].pk},{items[1].pk}",
        2,  # items with members, specifications
    ),
}


@override_settings(PAGE_CACHE_SECONDS=0)  # every request renders
@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("size", [25, 70])
def test_every_page_kind_runs_the_same_queries_at_any_size(
    client, django_assert_num_queries, kind, size
):
    items = directory_of(size)
    path, expected = PAGES[kind]
    url = path(items)
    for _warm_up in range(
        2
    ):  # the day's counts, the banner and (once a cookie is sent) the cookie groups
        assert client.get(url).status_code == 200
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans")


def page_plan(query: str) -> str:
    form = MemberFilterForm(QueryDict(query))
    sql, params = (
        form.apply(listed_members()).values_list("pk", flat=True)[40:60].query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgresql
@pytest.mark.parametrize(
    "query, index",
    [
        ("", "directory_membership_name_order"),
        ("region=KZ-71", "directory_membership_region_name"),
        ("sort=newest", "directory_membership_newest_name"),
    ],
)
def test_a_page_is_walked_in_its_order_from_the_index_alone(query, index):
    directory_of(3)
    plan = page_plan(query)
    assert f"Index Only Scan using {index}" in plan, plan
    assert "Sort" not in plan.replace("Sort Key", ""), plan


@postgresql
def test_the_category_filter_asks_the_member_category_index():
    directory_of(3)
    plan = page_plan("category=drones")
    assert "Index Only Scan using directory_membership_name_order" in plan, plan
    # Which of the indexes depends on the numbers (the category-name ones exist per language, directory
    # migration 0014); either way the items are not read from their table.
    assert re.search(
        r"Index Only Scan using (equipment_member_category|directory_equipment_category_name(_ru|_en)?)"
        r" on directory_equipment",
        plan,
    ), plan


@postgresql
def test_the_cards_categories_are_read_from_the_member_category_index():
    from directory.views import member_cards

    directory_of(3)
    ids = list(listed_members().values_list("pk", flat=True))
    sql, params = member_cards(ids).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using equipment_member_category" in plan, plan
