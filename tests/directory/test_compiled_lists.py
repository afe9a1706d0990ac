"""Lists compiled once (`directory.compiled_lists`) give the pages the ORM's querysets give, filter by filter."""

import itertools

import pytest
from django.http import QueryDict
from django.utils import translation

from directory import listing
from directory.compiled_lists import CompiledPaginator, CompiledSearchPaginator
from directory.forms import EquipmentFilterForm, MemberFilterForm
from directory.models import Equipment
from directory.views import member_cards
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 3


@pytest.fixture
def directory():
    members = []
    for n, letter in enumerate("ҚAӘBCDЖEFGHIJ"):
        member = MembershipFactory(
            company_name=f"{letter}{n} Data", region="KZ-71" if n % 2 else "KZ-75"
        )
        for m in range(n % 3):
            EquipmentFactory(
                member=member,
                category=("drones", "servers")[m],
                name_kk=f"Құрал {n}-{m}",
                name_ru=f"Прибор {n}-{m}",
                name_en=f"Device {n}-{m}",
            )
        members.append(member)
    return members


def pages(paginator) -> list[list[int]]:
    return [[row.pk for row in paginator.page(n)] for n in paginator.page_range]


def test_member_lists_page_as_their_querysets_do(directory):
    combinations = itertools.product(["", "KZ-71"], ["", "drones"], ["", "name", "newest"])
    for region, category, sort in combinations:
        query = QueryDict(f"region={region}&category={category}&sort={sort}")
        form = MemberFilterForm(query)
        built = listing.CappedPaginator(
            form.apply(listing.listed_members()), PER_PAGE, read=member_cards
        )
        compiled = CompiledPaginator(
            form.listed(), PER_PAGE, read=member_cards, count_key=form.count_key()
        )
        assert compiled.count == built.count, query
        assert pages(compiled) == pages(built), query


@pytest.mark.parametrize("walked_pages", [0, 1, 20])
def test_a_short_list_is_read_in_the_order_for_few_past_its_first_pages(
    directory, monkeypatch, walked_pages
):
    monkeypatch.setattr(listing, "WALKED_PAGES", walked_pages)
    form = MemberFilterForm(QueryDict("region=KZ-71"))
    paginator = CompiledPaginator(
        form.listed(),
        PER_PAGE,
        read=member_cards,
        order_for_few=form.order_for_few(),
        count_key="k",
    )
    expected = sorted(m.pk for m in directory if m.region == "KZ-71")
    assert sorted(pk for page in pages(paginator) for pk in page) == expected
    assert paginator.read_from(PER_PAGE).options.get("few") is (True if walked_pages == 0 else None)
    assert paginator.read_from(21 * PER_PAGE).options["few"] is True


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    "query",
    [
        "",
        "category=drones",
        "member={slug}",
        "member={slug}&category=servers",
        "q=device",
        "q=прибор 5",
        "q=құрал&category=servers",
        "q=device 1-0 a b&member={slug}",
        "q=nothing-like-it",
    ],
)
def test_the_catalogue_pages_as_its_querysets_do(directory, language, query):
    query = query.format(slug=directory[5].profile.slug)
    read = Equipment.objects.for_catalogue_page
    with translation.override(language):
        form = EquipmentFilterForm(QueryDict(query))
        built = listing.CappedPaginator(form.apply(listing.listed_items()), PER_PAGE, read=read)
        shared = CompiledPaginator(
            form.listed(), PER_PAGE, read=read, count_key=f"test:{hash(query)}"
        )
        alone = CompiledPaginator(form.listed(), PER_PAGE, read=read)  # one query per page
        assert shared.count == alone.count == built.count
        assert pages(shared) == pages(alone) == pages(built)


def test_a_catalogue_page_names_its_member_by_the_profiles_slug(directory):
    member = directory[4]
    form = EquipmentFilterForm(QueryDict(f"member={member.profile.slug}"))
    assert form.chosen_member.pk == member.pk
    assert form.chosen_member.company_name == member.company_name
    assert EquipmentFilterForm(QueryDict("member=nobody-by-that-slug")).chosen_member is None
    member.profile.is_published = False
    member.profile.save()
    assert EquipmentFilterForm(QueryDict(f"member={member.profile.slug}")).chosen_member is None


def test_what_is_left_to_the_orm():
    assert EquipmentFilterForm(QueryDict("supplier=data")).listed() is None
    assert EquipmentFilterForm(QueryDict("q=!!!")).listed() is None  # no word to look for
    assert MemberFilterForm(QueryDict("q=!!!")).listed() is None
    assert EquipmentFilterForm(QueryDict("q=device")).listed() is not None
    assert MemberFilterForm(QueryDict("q=data")).listed() is not None


def test_a_list_is_compiled_once_per_set_of_filters_not_per_value(directory, monkeypatch):
    from directory.forms import MEMBER_LIST

    monkeypatch.setattr(MEMBER_LIST._ids, "_kept", {})
    for region, category in [("KZ-71", "drones"), ("KZ-75", "servers"), ("KZ-75", "drones")]:
        form = MemberFilterForm(QueryDict(f"region={region}&category={category}"))
        assert form.listed().ids(0, 10)
    assert len(MEMBER_LIST._ids._kept) == 1


@pytest.mark.parametrize(
    "most_pages", [2, 10]
)  # 2: "tulpar" has more matches than shown, walked or sorted
@pytest.mark.parametrize(
    "query",
    ["q=tulpar", "q=a", "q=data", "q=tulpar&sort=newest", "q=tulpar&region=KZ-71", "q={bin}"],
)
def test_searches_page_as_their_querysets_do(monkeypatch, query, most_pages):
    monkeypatch.setattr(listing, "SEARCH_MAX_PAGES", most_pages)
    monkeypatch.setattr(listing, "WALK_ROWS_PER_ROW", 2)
    early = [MembershipFactory(company_name=f"{letter}lpha Data") for letter in "ABCDEFGHIJKLM"]
    for n, letter in enumerate("ABCDEFGHIJKLM"):
        MembershipFactory(
            company_name=f"Tulpar {letter} Cloud", region="KZ-71" if n % 2 else "KZ-75"
        )
    query = QueryDict(query.format(bin=early[3].bin))
    form = MemberFilterForm(query)
    options = {"read": member_cards, "order_for_few": form.order_for_few()}
    built = listing.SearchPaginator(form.apply(listing.listed_members()), PER_PAGE, **options)
    compiled = CompiledSearchPaginator(form.listed(), PER_PAGE, **options)
    assert (compiled.count, compiled.capped) == (built.count, built.capped)
    assert pages(compiled) == pages(built)
