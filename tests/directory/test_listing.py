"""Pages of the directory's lists: each way a page is found gives the same members in the same order."""

import pytest
from django.urls import reverse

from directory import listing
from dkz_site.reversing import url_for_each
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders (and has a template context)


URL = "/en/members/"


def names(response) -> list[str]:
    return [member.company_name for member in response.context["page_obj"]]


def every_page(client, query: dict) -> list[str]:
    found, page = [], 1
    while True:
        response = client.get(URL, {**query, "page": page})
        found += names(response)
        if not response.context["page_obj"].has_next():
            return found
        page += 1


@pytest.fixture
def directory(monkeypatch):
    """26 members, 13 of them "Tulpar …" (all under T, late in the alphabet), in small pages."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    early = [f"{letter}lpha Data" for letter in "ABCDEFGHIJKLM"]
    late = [f"Tulpar {letter} Cloud" for letter in "ABCDEFGHIJKLM"]
    for name in early + late:
        MembershipFactory(company_name=name)
    return sorted(early + late)


def test_shared_lists_page_through_every_member_in_name_order(client, directory):
    assert every_page(client, {}) == directory
    newest = every_page(client, {"sort": "newest"})
    assert sorted(newest) == directory and len(set(newest)) == len(directory)


def test_a_search_with_few_matches_is_sorted_from_its_matches(client, directory):
    matches = [name for name in directory if "Tulpar" in name]
    response = client.get(URL, {"q": "tulpar"})
    assert response.context["page_obj"].paginator.matches is not None  # fetched with the count
    assert every_page(client, {"q": "tulpar"}) == matches


def test_a_search_with_many_matches_walks_the_names_or_sorts_them_all(
    client, directory, monkeypatch
):
    monkeypatch.setattr(listing, "SEARCH_MAX_PAGES", 2)  # 6 matches at most: "tulpar" has more
    monkeypatch.setattr(
        listing, "WALK_ROWS_PER_ROW", 2
    )  # page 1 walks the first 6 names: all early
    matches = [name for name in directory if "Tulpar" in name]
    first = client.get(URL, {"q": "tulpar"})
    assert first.context["page_obj"].paginator.capped
    assert "More than 6 members found" in first.content.decode()
    assert names(first) == matches[:3]  # the walk found none among A…F: every match sorted instead
    assert names(client.get(URL, {"q": "tulpar", "page": 2})) == matches[3:6]
    # Matches spread over the alphabet are found by the walk itself, without sorting them all.
    sorted_all = []
    original = listing.SearchPaginator.rows

    def rows(paginator, bottom, top):
        found = original(paginator, bottom, top)
        sorted_all.append(list(paginator._order()) != listing.by_name())
        return found

    monkeypatch.setattr(listing.SearchPaginator, "rows", rows)
    assert names(client.get(URL, {"q": "a"})) == directory[:3]
    assert sorted_all == [False]
    assert names(client.get(URL, {"q": "a", "page": 2})) == directory[3:6]


def test_category_and_region_filters_page_through_their_members(client, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    wanted = []
    for n in range(9):
        member = MembershipFactory(company_name=f"Member {n}", region="KZ-71" if n % 2 else "KZ-75")
        EquipmentFactory(member=member, category="drones" if n % 3 else "servers")
        if n % 2 and n % 3:
            wanted.append(member.company_name)
    assert every_page(client, {"region": "KZ-71", "category": "drones"}) == wanted


def test_url_for_each_gives_what_reverse_gives():
    member_url = url_for_each("directory:member")
    item_url = url_for_each("directory:equipment_detail")
    assert member_url("dala-cloud") == reverse("directory:member", args=["dala-cloud"])
    assert item_url(42) == reverse("directory:equipment_detail", args=[42])


def test_page_links_keep_the_other_parameters(client, directory):
    html = client.get("/en/members/", {"region": "", "sort": "name", "page": 2}).content.decode()
    assert 'href="?region=&amp;sort=name&amp;page=3" aria-label="Page 3"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_counts_per_region_and_category_are_those_of_the_lists():
    from directory.forms import MemberFilterForm
    from privacy.services import block_email

    for n in range(12):
        member = MembershipFactory(
            company_name=f"Member {n}",
            region=("KZ-71", "KZ-75", "KZ-11")[n % 3],
            email=f"owner{n}@example.kz",
            is_published=n != 11,
        )
        for category in ("drones", "servers", "drones")[: 1 + n % 3]:
            EquipmentFactory(member=member, category=category)
    block_email(email="owner10@example.kz")
    counts = listing.member_counts()
    for region in ("", "KZ-71", "KZ-75", "KZ-11", "KZ-10"):
        for category in ("", "drones", "servers", "iot"):
            query = {"region": region, "category": category}
            expected = MemberFilterForm(query).apply(listing.listed_members()).count()
            assert counts.get((region, category), 0) == expected, query
    assert counts["", ""] == 10  # neither the unpublished member nor the blocked one
