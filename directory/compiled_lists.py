"""Lists whose query is compiled once, not built on every page: the members list by its filters and its search,
the catalogue by category, member and search.

A page of a list built by the ORM cost about as much as the rest of the view: the form applied to the listing
rules (0.1-0.7 ms, more for the category filter), the page's ids query and its count query compiled (0.3-1 ms
each, 2-5 ms for a member's items, which no two visitors share). Here a list's query is given as a function,
`build(**values, **options)`: the values (a region, a category, a member's id, a search's words or BIN) are put in
the compiled SQL as parameters, the options (the order, the page's language) are few and part of its key. Its ids
and its count are compiled once a day per set of filters used and options in each worker (`dkz_site.compiled`) and
run with each request's values and the page's bounds. The rows of a page are then read by their ids, as for any
shared list (`listing.compiled_read`). A search's page of many matches gathered late in the alphabet, seldom
asked, is sorted from the list the ORM builds (`listing.sorted_matches`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accreditation.models import alphabetical_name
from dkz_site.compiled import CompiledQuery

from . import listing
from .listing import CappedPaginator, SearchPaginator, in_order, named_up_to


class CompiledList:
    """A list's query, `build(**values, few=False, **options)`: the listed rows in the list's order, in the order
    for a short list when `few` (see `listing.by_name_for_few`). `bind(values, **options)` gives one request's
    list: `values`, the filters that take any value (a region, a member's id, a search's words), by name, are
    put in the compiled SQL as parameters, so that a list is compiled once per set of filters used, order and
    option, not once per region or category."""

    def __init__(self, build):
        def named(*values, names=(), **options):
            return build(**dict(zip(names, values, strict=True)), **options)

        self.build = named
        self._reads: dict = {}
        self._walks: dict = {}
        self._ids = CompiledQuery(
            lambda *values, **options: named(*values, **options).values_list("pk", flat=True)
        )
        self._unordered = CompiledQuery(
            lambda *values, **options: (
                named(*values, **options).order_by().values_list("pk", flat=True)
            )
        )

    def read(self, read) -> CompiledQuery:
        """A page's rows at once, `read(ids)` of the list's ids (a subquery) in the list's order, for a window of
        its rows: one query for a short list no two visitors share (a member's items)."""
        found = self._reads.get(read)
        if found is None:

            def rows(*values, **options):
                listed = self.build(*values, **options)
                return read(listed.values("pk")).order_by(*listed.query.order_by)

            found = self._reads[read] = CompiledQuery(rows)
        return found

    def walk(self, read) -> CompiledQuery:
        """`BoundList.walk` for `read`: compiled per page (its bounds are the subquery's)."""
        found = self._walks.get(read)
        if found is None:

            def rows(*values, bottom, top, **options):
                *values, boundary = values
                walk = self.build(*values, **options).alias(name_order=alphabetical_name())
                walk = walk.filter(**named_up_to(boundary)).values("pk")[bottom:top]
                return read(walk).order_by(*listing.by_name())

            found = self._walks[read] = CompiledQuery(rows)
        return found

    def bind(self, values: dict, **options) -> BoundList:
        return BoundList(self, tuple(values.values()), {"names": tuple(values), **options})


@dataclass(frozen=True)
class BoundList:
    """One request's list: its compiled queries with the request's values and options."""

    compiled: CompiledList
    values: tuple
    options: dict = field(default_factory=dict)

    def count_up_to(self, most: int) -> int:
        """How many rows there are, counting no further than `most` (unordered: the database stops there)."""
        return len(self.unordered_ids(most))

    def unordered_ids(self, most: int) -> list:
        """The ids of `most` rows at most, in no particular order."""
        rows = self.compiled._unordered.rows(*self.values, window=(0, most), **self.options)
        return [row[0] for row in rows]

    def walk(self, read, boundary: str, bottom: int, top: int) -> list:
        """Rows `bottom` to `top` as `read(ids)` gives them, in name order, of those named up to `boundary`
        (`listing.SearchPaginator`'s walk of the name index)."""
        return self.compiled.walk(read).objects(
            *self.values, boundary, bottom=bottom, top=top, **self.options
        )

    def ids(self, bottom: int, top: int) -> list:
        """The ids of rows `bottom` to `top`, in the list's order."""
        rows = self.compiled._ids.rows(*self.values, window=(bottom, top), **self.options)
        return [row[0] for row in rows]

    def rows(self, read, bottom: int, top: int) -> list:
        """Rows `bottom` to `top` as `read(ids)` gives them, in the list's order, in one query."""
        return self.compiled.read(read).objects(*self.values, window=(bottom, top), **self.options)

    def queryset(self):
        """The list as the ORM builds it, with this request's values."""
        return self.compiled.build(*self.values, **self.options)

    def for_few(self) -> BoundList:
        """The same list in the order for a short list."""
        return BoundList(self.compiled, self.values, {**self.options, "few": True})


class CompiledPaginator(CappedPaginator):
    """`CappedPaginator` for a `BoundList`: the same count (capped, kept with the listing under `count_key`, or
    `counted`) and the same pages, from the compiled queries."""

    def __init__(self, rows: BoundList, per_page, **options):
        super().__init__(None, per_page, **options)  # no queryset: nothing is built
        self.bound = rows

    def _count_up_to(self, most: int) -> int:
        return self.bound.count_up_to(most)

    def read_from(self, top: int) -> BoundList:
        """As `CappedPaginator.read_from`: the list in its index's order, a short one sorted past its first pages."""
        if self.order_for_few and not self.capped and top > listing.WALKED_PAGES * self.per_page:
            return self.bound.for_few()
        return self.bound

    def rows(self, bottom: int, top: int):
        if not self.count:
            return []
        bound = self.read_from(top)
        if not self.count_key:  # a list no two visitors share, short: the page in one query
            return bound.rows(self.read, bottom, top)
        return in_order(self.read, bound.ids(bottom, top))


class CompiledSearchPaginator(SearchPaginator, CompiledPaginator):
    """`SearchPaginator` for a compiled list of members (`forms.MEMBER_LIST` with a search's words or BIN): the
    same way to a page, each of its queries compiled (the matches, the walk in name order, the page)."""

    def _matches_up_to(self, most: int) -> list:
        return self.bound.unordered_ids(most)

    def _order(self) -> list:
        options = self.bound.options
        if options.get("sort") == "newest":
            return listing.newest_first()
        return listing.by_name_for_few() if options.get("few") else listing.by_name()

    def _walk(self, boundary: str, bottom: int, top: int) -> list:
        return self.bound.walk(self.read, boundary, bottom, top)

    def _sorted_matches(self, bottom: int, top: int) -> list:
        # Seldom asked (many matches, all late in the alphabet): the list built by the ORM, not compiled.
        return listing.sorted_matches(self.bound.queryset(), bottom, top)


def paginate_compiled(request, rows: BoundList, *, search: bool = False, **options):
    """`listing.paginate` for a compiled list."""
    paginator = (CompiledSearchPaginator if search else CompiledPaginator)(
        rows, listing.PAGE_SIZE, **options
    )
    page = paginator.get_page(request.GET.get("page"))
    page.links = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page
