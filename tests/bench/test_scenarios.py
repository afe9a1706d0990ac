"""The benchmark's seeded rows are what the models would store themselves (they are written with COPY)."""

import datetime
import random

import pytest

from accreditation.bin import validate_bin
from accreditation.models import Membership
from bench.scenarios import PROFILE, _members

pytestmark = pytest.mark.django_db


def test_seeded_members_match_what_save_would_store():
    rows = list(_members(300, datetime.date.today(), random.Random(300)))
    assert len({row["slug"] for row in rows}) == len(rows)
    assert len({row["bin"] for row in rows}) == len(rows)
    assert sum(row["is_published"] for row in rows) == 300  # plus the unlisted extra ones
    for row in rows[:40]:
        validate_bin(row["bin"])
        membership = Membership(**{k: v for k, v in row.items() if k not in PROFILE})
        membership.save()
        saved = membership.profile
        for name in PROFILE:
            if name not in ("slug", "search_text"):
                setattr(saved, name, row[name])
        saved.save()
        assert saved.search_text == row["search_text"]
        # The first member of a name gets the bare slug, as save() gives it.
        if not row["slug"][-1].isdigit():
            assert saved.slug == row["slug"]
        membership.delete()


def test_varied_traffic_lists_are_distinct_urls_of_each_kind():
    from bench.traffic import KINDS, SEARCHES, url_lists

    members = [(f"member-{n}", f"{n:012d}") for n in range(6000)]
    lists = url_lists(1000, members, list(range(1, 30000)))
    assert [kind for kind, _text in KINDS] == list(lists)
    for kind, urls in lists.items():
        assert len(set(urls)) == len(urls) > 1000, kind
    searches = lists["searches"]
    assert len(searches) == SEARCHES
    assert any("%D2%" in url or "%D3%" in url for url in searches)  # Kazakh letters (ә, қ, ұ …)
    assert any("%D0%" in url for url in searches)  # Cyrillic
    assert all("utm_" in url or "clid" in url for url in lists["list + tracking"])
    assert url_lists(1000, members, list(range(1, 30000))) == lists  # the same URLs every run


def test_seeded_items_match_what_save_would_store():
    from bench.scenarios import _equipment
    from directory.models import Equipment
    from tests.accreditation.factories import MembershipFactory
    from tests.directory.factories import vocabulary

    vocabulary()
    members = list(_members(20, datetime.date.today(), random.Random(20)))
    items, _specifications = _equipment(members, list(range(1, 21)), random.Random(20))
    owner = MembershipFactory()
    given = ["name_kk", "name_ru", "name_en", "category", "model"]
    given += ["description_kk", "description_ru", "description_en"]
    for row in items[:10]:
        item = Equipment(member=owner, **{name: row[name] for name in given})
        item.save()
        for name in (
            "name",
            "name_sort_key",
            "name_sort_key_ru",
            "name_sort_key_en",
            "search_text",
        ):
            assert getattr(item, name) == row[name], name


@pytest.mark.django_db(transaction=True)
def test_seeding_writes_every_table_the_pages_read(settings):
    """COPY names every column, so a field added to a model must not break the benchmark's seeding: columns the
    seeder does not know get the model's default."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the benchmark seeds PostgreSQL with COPY")
    from bench.scenarios import seed_database
    from directory.models import Equipment, MemberProfile, categories_value

    seed_database({}, 20)
    assert MemberProfile.objects.filter(is_published=True).count() == 20
    assert MemberProfile.objects.filter(logo="").count() == 20
    assert Equipment.objects.count() == 20 * 5
    for profile in MemberProfile.objects.all():  # as the items' hooks keep them
        codes = Equipment.objects.filter(member_id=profile.pk).values_list("category", flat=True)
        assert profile.categories == categories_value(codes)
