"""Pages of the directory's lists at any size: the orders they are listed in, a capped count, and a page read
from an index.

- **Orders**: members by name or newest first, items by name. `by_name()` is the one place that says how the
  directory sorts names; the indexes of migration 0004 are built in these orders, so a page is read from them.
- **Count**: no further than `max_pages` pages (at 100,000 members an exact COUNT of every view costs more than
  the page); for lists every visitor shares (no search text), kept in the shared cache with the listing's
  version, so it is counted once per change of the directory, not once per view.
- **Page**: the ids of the page first, found by walking the order's index (from the index alone on PostgreSQL),
  then only those rows read whole.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F
from django.utils import timezone
from django.utils.functional import cached_property

from accreditation.models import alphabetical_name
from dkz_site.compiled import CompiledQuery, rows_of
from dkz_site.page_cache import kept_with_listing

from .models import Equipment, listed_memberships

PAGE_SIZE = 20
MAX_PAGES = 100
SEARCH_MAX_PAGES = 10
# A search's walk for a page of 20 goes through the first 1,000 listed members at most (matches of 2% or more).
WALK_ROWS_PER_ROW = 50
EVERY_MATCH = 2**31 - 1  # see `sorted_matches`
WALKED_PAGES = 20  # see `CappedPaginator.read_from`


def listed_members():
    """`listed_memberships()` for today: the listing rules (active, published, not blocked) built into a
    query once a day per process and copied for each use, instead of built anew in every view (about half a
    millisecond of the ORM's time per query)."""
    return _listed_today(timezone.localdate())[0].all()


def listed_items():
    """`Equipment.objects.listed()` for today, built once a day per process (see `listed_members`)."""
    return _listed_today(timezone.localdate())[1].all()


@functools.lru_cache(maxsize=2)
def _listed_today(today):
    return listed_memberships(today), Equipment.objects.listed(today)


def by_name() -> list:
    """Members in Kazakh alphabetical order of their name: `Membership.objects.by_name()`'s order, whose
    expression (`alphabetical_name`) the name indexes are built on."""
    return [alphabetical_name(), "pk"]


def named_up_to(boundary: str) -> dict:
    """Filter arguments for members whose name comes, in `by_name()`'s order, before the one whose order value
    (`member_name_at`) is `boundary`, or is that one."""
    return {"name_order__lte": boundary}


def by_name_for_few() -> list:
    """The same order through an expression no index serves: for a list known to be short, PostgreSQL then
    finds the few matches by the trigram or region index and sorts them, instead of walking the name index past
    every other member (55,000 rows for a name starting with T, at 100,000 members)."""
    return [alphabetical_name(use_index=False), "pk"]


def newest_first() -> list:
    return ["-starts_on", alphabetical_name(), "pk"]


class CappedPaginator(Paginator):
    """Counts no further than `max_pages` pages, and reads a page by its ids.

    `read(ids)`: the page's rows (a queryset filtered by the `ids` subquery, with the fields the page shows);
    `count_key`: for a list every visitor shares, the key its count is kept under with the listing;
    `counted()`: the list's count when it is known without counting (`member_counts`);
    `order_for_few`: the list's order for when it is known to be short (see `by_name_for_few`)."""

    capped = False

    def __init__(
        self,
        object_list,
        per_page,
        *,
        read: Callable,
        order_for_few=None,
        count_key: str | None = None,
        counted: Callable[[], int] | None = None,
        max_pages: int | None = None,
    ):
        super().__init__(object_list, per_page)
        self.read = read
        self.order_for_few = order_for_few
        self.count_key = count_key
        self.counted = counted
        self.max_pages = max_pages or MAX_PAGES

    @cached_property
    def count(self):
        limit = self.max_pages * self.per_page
        if self.counted:
            counted = self.counted()
        elif self.count_key:
            counted = kept_with_listing(self.count_key, lambda: self._count_up_to(limit + 1))
        else:
            counted = self._count_up_to(limit + 1)
        self.capped = counted > limit
        return min(counted, limit)

    def _count_up_to(self, most: int) -> int:
        # Unordered and without joins for display: the database stops at the first `most` rows it finds.
        return self.object_list.order_by().values("pk")[:most].count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.rows(bottom, bottom + self.per_page), number, self)

    def rows(self, bottom: int, top: int):
        if not self.count:
            return []
        members = self.read_from(top)
        if not self.count_key:
            ids = members.values("pk")[bottom:top]
            return self.read(ids).order_by(*members.query.order_by)
        return in_order(self.read, page_ids(self.count_key, members, bottom, top))

    def read_from(self, top: int):
        """The list a page ending at row `top` is read from: in the order of its index, but for a short list (its
        count under the cap) past its first `WALKED_PAGES` pages, in `order_for_few`. The walk to a deep page of
        a rare combination (a category in a region: 1,250 of a region's 5,100 members at 100,000) passes more
        members than sorting them all costs; to an early page it passes a few hundred. Measured there: page 1
        walked in 0.6 ms or sorted in 4.8; page 20, 3.1 or 5.5; page 40, 11.0 or 8.3."""
        if self.order_for_few and not self.capped and top > WALKED_PAGES * self.per_page:
            return self.object_list.order_by(*self.order_for_few)
        return self.object_list


@functools.cache
def compiled_read(read: Callable) -> CompiledQuery:
    """A page's `read(ids)`, compiled once a day per size of the list of ids (see `dkz_site.compiled`); with
    `order`, `bottom` and `top`, those of the ids in that order, rows `bottom` to `top`."""

    def build(ids, order=None, bottom=None, top=None):
        rows = read(ids)
        return rows if order is None else rows.order_by(*order)[bottom:top]

    return CompiledQuery(build)


def page_ids(key: str, object_list, bottom: int, top: int) -> list:
    """The ids of rows `bottom` to `top` of a shared list (`key` names its filters, as for its count), in the
    list's order. The ORM compiles a list's SQL once per filters, order and day in each worker (it took longer
    than the database took to walk the index); each page then runs it with its own bounds (`rows_of`)."""
    ids = object_list.values_list("pk", flat=True)
    rows = rows_of(("page-ids", key, str(object_list.query.order_by)), ids, window=(bottom, top))
    return [row[0] for row in rows]


class SearchPaginator(CappedPaginator):
    """Pages of a members search (free text, which no two visitors share): `SEARCH_MAX_PAGES` pages at most.

    A search's matches are found through the trigram index on PostgreSQL, in no particular order; the list's
    order costs what sorting them all costs. So the count fetches the ids of up to 201 matches at once: when
    there are no more, the page is those ids sorted (one more query, on 200 rows at most). When there are more,
    the matches are many and usually spread over the alphabet: walking the name index finds a page's 20 within
    a few hundred rows. Not when they are all together late in it (a company name's first word: "Tulpar ..."
    under T, or a Cyrillic name after every Latin one), where the walk would pass most of the directory: so the
    walk goes no further than `WALK_ROWS_PER_ROW` listed members per row wanted, and otherwise every match is
    sorted after all (a few thousand at 100,000 members, not 100,000)."""

    matches: list | None = None

    def __init__(self, object_list, per_page, **options):
        super().__init__(object_list, per_page, max_pages=SEARCH_MAX_PAGES, **options)

    def _count_up_to(self, most: int) -> int:
        found = self._matches_up_to(most)
        if len(found) < most:
            self.matches = found
        return len(found)

    def rows(self, bottom: int, top: int):
        if not self.count:
            return []
        order = self._order()
        if self.matches is not None:
            return compiled_read(self.read).objects(
                self.matches, order=tuple(order), bottom=bottom, top=top
            )
        if list(order) == by_name():
            boundary = member_name_at(top * WALK_ROWS_PER_ROW)
            if boundary is None:  # the directory is shorter than that: the walk is short anyway
                return super().rows(bottom, top)
            rows = self._walk(boundary, bottom, top)
            if len(rows) == top - bottom:
                return rows
            return in_order(self.read, self._sorted_matches(bottom, top))
        return super().rows(bottom, top)

    # What the search asks of its list (`directory.compiled_lists` asks it of a compiled one).

    def _matches_up_to(self, most: int) -> list:
        """The ids of `most` matches at most, in no particular order."""
        return list(self.object_list.order_by().values_list("pk", flat=True)[:most])

    def _order(self) -> list:
        return self.object_list.query.order_by

    def _walk(self, boundary: str, bottom: int, top: int) -> list:
        """Rows `bottom` to `top` of the matches in name order, among those named up to `boundary`."""
        walk = self.object_list.alias(name_order=alphabetical_name())
        walk = walk.filter(**named_up_to(boundary)).values("pk")[bottom:top]
        return list(self.read(walk).order_by(*self._order()))

    def _sorted_matches(self, bottom: int, top: int) -> list:
        """The ids of rows `bottom` to `top` of the matches in name order, every match sorted."""
        return sorted_matches(self.object_list, bottom, top)


def sorted_matches(members, bottom: int, top: int) -> list:
    """The ids of rows `bottom` to `top` of `members` (a search) in name order, found by sorting every match.

    Asked for a page in an order no index serves, PostgreSQL's planner supposes the matches are spread evenly
    over the directory, so that sorting every listed member and keeping the first that match would stop early:
    for matches gathered late in the alphabet it sorts all 100,000 members and looks each one's profile up
    (230 ms at 100,000). The matches are a subquery with a LIMIT here, which PostgreSQL plans on its own (it
    does not merge it into the outer query): they are found first, through the trigram index, with their
    names, and only they are sorted (40 ms for "tulpar"'s 4,636). The LIMIT is past any directory's size: it
    fences, never cuts."""
    matches = members.order_by().values(
        found_id=F("pk"), name_order=alphabetical_name(use_index=False)
    )
    sql, params = matches[:EVERY_MATCH].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT found_id FROM ({sql}) found ORDER BY name_order, found_id LIMIT %s OFFSET %s",
            [*params, top - bottom, bottom],
        )
        return [row[0] for row in cursor.fetchall()]


def in_order(read: Callable, ids: list) -> list:
    """The rows `read` gives for `ids`, in the order of `ids`."""
    by_id = {row.pk: row for row in compiled_read(read).objects(ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def member_counts() -> dict[tuple[str, str], int]:
    """How many members are listed in each region offering each category ("" for all), every combination the
    filters can ask for, worked out together in two grouped queries once per change of the directory and kept
    with the listing. Counting one combination at a time walked up to 16,000 members at 100,000 for a rare
    category, on the first view of each of 189 combinations."""

    def count():
        counts: dict[tuple[str, str], int] = defaultdict(int)
        listed = listed_members()
        by_region = listed.order_by().values_list("region").annotate(members=Count("pk"))
        for region, members in by_region:
            counts[region, ""] += members
            counts["", ""] += members
        # Each member's categories once, from the member-category index, joined to the listed members; in
        # SQL around the ORM's own listing query (the ORM's COUNT(DISTINCT) over the join took three times as
        # long: 2.5 s against 0.8 s at 100,000 members).
        columns = listed.order_by().values(listed_id=F("pk"), listed_region=F("region"))
        listed_sql, params = columns.query.sql_with_params()
        table = connection.ops.quote_name(Equipment._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT listed.listed_region, offered.category, COUNT(*) FROM "
                f"(SELECT DISTINCT member_id, category FROM {table}) offered "
                f"JOIN ({listed_sql}) listed ON listed.listed_id = offered.member_id "
                "GROUP BY listed.listed_region, offered.category",
                params,
            )
            offering = cursor.fetchall()
        for region, category, members in offering:
            counts[region, category] += members
            counts["", category] += members
        return dict(counts)

    return kept_with_listing("members:counts", count)


def member_name_at(position: int) -> str | None:
    """The order value (`alphabetical_name`: the name on PostgreSQL, its sort key elsewhere) of the listed
    member at `position` in the name order (None past the end), kept with the listing: read from the name index
    alone once per change of the directory."""

    def value():
        names = listed_members().annotate(name_order=alphabetical_name()).order_by(*by_name())
        return next(iter(names.values_list("name_order", flat=True)[position : position + 1]), None)

    return kept_with_listing(f"members:name-at:{position}", value)


def paginate(request, queryset, *, search: bool = False, **options):
    """A page of 20; a page number that is not a number gives the first page, one too far the last."""
    paginator = (SearchPaginator if search else CappedPaginator)(queryset, PAGE_SIZE, **options)
    page = paginator.get_page(request.GET.get("page"))
    page.links = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page
