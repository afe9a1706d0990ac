"""Hot reads built by the ORM and compiled to SQL once a day in each worker, then run with each request's values.

On the public pages the ORM took longer to build and compile a read than the database took to answer it (a page's
20 member cards: 2 ms of the ORM against 0.2 ms of the database; a profile looked up by its slug through the
listing rules: 1.8 ms against 0.2). A `CompiledQuery` is an ordinary queryset, built by a function from the usual
querysets (so the listing rules stay in `listed_memberships` and the orders in their helpers), with markers
standing for the values that change from one request to the next: a slug, an id, a page's ids. Its SQL is kept per
day (the listing rules read today's date), database and compile-time option (a page's language), and each call
runs it with the request's values put in the markers' places. It answers what the queryset would have: model
instances, with their `select_related` objects (`objects`), or for a `values()` queryset, named tuples (`rows`).

    CARDS = CompiledQuery(lambda ids: Membership.objects.filter(pk__in=ids).select_related("profile"))
    members = CARDS.objects(page_ids)               # compiled once per size of list (see `_shape`) and day

    ITEMS = CompiledQuery(lambda pk, language: ...)
    ITEMS.objects(pk, language="en")                # keyword arguments: compile-time options, part of the key

The function is given markers in place of the positional values (a list of markers for a list), which it may
use only as values of exact, `in` or pattern lookups (`contains`, `startswith`, `endswith` and their `i`
forms), each at least once: the marker has to reach the SQL's parameters unchanged (or, for a pattern, inside
its wildcards, with any fixed text around it) to be found there; a pattern's value is escaped as the ORM escapes
it. An empty list matches nothing and runs no query. `prefetch_related` is not carried over (a prefetch would be
built and compiled by the ORM on every call anyway).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable

from django.db import connections
from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor, ImageFileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import get_related_populators
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone

# Values no real argument of these reads takes (ids fit a 32-bit integer field; slugs have no colon).
_INT_MARKER = 1_946_628_391
_TEXT_MARKER = "dkz:compiled:"
_MOST_KEPT = 256


class CompiledQuery:
    """`build(*markers, **options)` gives the queryset; `prefetch` maps a reverse relation's name (a foreign key to
    this model, as `prefetch_related` names it) to a function giving the related objects of a list of ids (`build`'s
    own `prefetch_related` is not carried over: the ORM would build and compile it on every call)."""

    def __init__(
        self,
        build: Callable | None,
        *,
        prefetch: dict[str, Callable] | None = None,
        most_kept: int = _MOST_KEPT,
    ):
        self.build = build
        self.most_kept = most_kept
        self._kept: dict[tuple, _Compiled] = {}
        self.prefetch = {name: CompiledQuery(read) for name, read in (prefetch or {}).items()}

    def objects(self, *values, window: tuple[int, int] | None = None, **options) -> list:
        """Model instances, as iterating the built queryset would give them, with the `prefetch` relations
        filled (one query each, as `prefetch_related` runs); `window` as for `rows`."""
        values = _usable(values)
        compiled = self._compiled(values, options)
        if compiled is None:
            return []
        found = compiled.objects(compiled.run(values, window))
        for name, related in self.prefetch.items():
            _fill(found, compiled.model, name, related)
        return found

    def rows(self, *values, window: tuple[int, int] | None = None, **options) -> list:
        """Named tuples of the columns of a `values()` queryset (its field names and aliases); with
        `window=(bottom, top)`, rows `bottom` to `top` of an unsliced queryset, the bounds sent as parameters (one
        compiled form serves every page)."""
        values = _usable(values)
        compiled = self._compiled(values, options)
        return [] if compiled is None else compiled.tuples(compiled.run(values, window))

    def _compiled(self, values: tuple, options: dict, build: Callable | None = None):
        shape = tuple(_shape(value) for value in values)
        if any(size == 0 for _kind, size in shape):
            return None
        if any(_out_of_range(value) for value in values):
            return None
        key = (shape, tuple(sorted(options.items())), timezone.localdate())
        compiled = self._kept.get(key)
        if compiled is None:
            if len(self._kept) >= self.most_kept:
                self._kept.clear()
            compiled = self._kept[key] = _Compiled(build or self.build, shape, options)
        return compiled


_BUILT = CompiledQuery(None, most_kept=2048)  # a shared list's filter combinations: a few thousand


def rows_of(key: tuple, queryset, *, window: tuple[int, int] | None = None) -> list:
    """The rows of a `values()` queryset the caller built with no value that changes per request, compiled once a
    day per `key`, which names everything its SQL depends on (for a shared list: its filters and order, see
    `directory.listing.page_ids`); with `window`, as for `CompiledQuery.rows`."""
    compiled = _BUILT._compiled((), {"key": key}, build=lambda key: queryset)
    return compiled.tuples(compiled.run((), window))


def _out_of_range(value) -> bool:
    """A number no 64-bit column holds (`/equipment/99999999999999999999/`): it matches nothing (the ORM's lookups
    answer so too), and the database driver would refuse it. In a list, such numbers are dropped by `_usable`."""
    if isinstance(value, list | tuple):
        return False
    return isinstance(value, int) and not -(2**63) <= value < 2**63


def _usable(values: tuple) -> tuple:
    return tuple(
        [item for item in value if not _out_of_range(item)]
        if isinstance(value, list | tuple)
        else value
        for value in values
    )


def _shape(value) -> tuple[type, int | None]:
    """A value's type and, for a list, its size rounded up to a power of two: a list is compiled for a few sizes
    (1, 2, 4 ... 256 for a search's 200 matches), and shorter lists repeat their last value, which an `in` lookup
    does not mind."""
    if isinstance(value, list | tuple):
        return (
            type(value[0]) if value else int,
            1 << (len(value) - 1).bit_length() if value else 0,
        )
    return (type(value), None)


class _Compiled:
    """One compiled form of a query: its SQL, where each marker sits among the parameters, and what turns a row
    into the answer (converters, columns, the model instances' layout)."""

    def __init__(self, build: Callable, shape: tuple, options: dict):
        counter = iter(range(1_000_000))
        markers = [_markers(kind, size, counter) for kind, size in shape]
        queryset = build(*markers, **options)
        self.alias = queryset.db
        compiler = queryset.query.get_compiler(using=self.alias)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        # For each value, the positions of its marker(s) among the parameters.
        self.places = [_places(self.params, marker) for marker in markers]
        self.converters = list(
            compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]]).items()
        )
        query = queryset.query
        self.model = queryset.model
        if queryset._fields is not None:  # values(), values_list()
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            self.tuple = collections.namedtuple("Row", names, rename=True)
        else:
            select, klass_info = compiler.select, compiler.klass_info
            fields = klass_info["select_fields"]
            self.start, self.end = fields[0], fields[-1] + 1
            self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
            self.populators = get_related_populators(klass_info, select, self.alias)
            self.annotations = dict(compiler.annotation_col_map or {})
            self.layout = _Layout.of(klass_info, select, self.alias)

    def run(self, values: tuple, window: tuple[int, int] | None = None) -> list:
        sql, params = self.sql, list(self.params)
        if window is not None:
            bottom, top = window
            sql, params = f"{sql} LIMIT %s OFFSET %s", [*params, top - bottom, bottom]
        connection = connections[self.alias]
        for value, places in zip(values, self.places, strict=True):
            if isinstance(value, list | tuple):
                value = [*value, *[value[-1]] * (len(places) - len(value))]
                for item, item_places in zip(value, places, strict=True):
                    _put(params, item_places, item, connection)
            else:
                _put(params, places, value, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [self._convert(row, connection) for row in rows]
        return rows

    def _convert(self, row, connection) -> list:
        row = list(row)
        for position, (converters, expression) in self.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return row

    def tuples(self, rows: list) -> list:
        return [self.tuple(*row) for row in rows]

    def objects(self, rows: list) -> list:
        if self.layout is not None:
            found = [self.layout.instance(row) for row in rows]
            if self.annotations:
                for obj, row in zip(found, rows, strict=True):
                    for name, position in self.annotations.items():
                        setattr(obj, name, row[position])
            return found
        found = []
        for row in rows:
            obj = self.model.from_db(self.alias, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found


# The descriptors Django puts on a model's concrete fields, whose setting a value on a new instance only stores it.
_PLAIN_DESCRIPTORS = (
    DeferredAttribute,
    ForeignKeyDeferredAttribute,
    FileDescriptor,
    ImageFileDescriptor,
)


class _Layout:
    """How a row becomes a model instance and the instances its `select_related` joins bring, made as
    `Model.from_db` makes them (the row's values set on the instance, its state "from the database") without
    going through `Model.__init__` and its signals: a card's member and profile, 40 instances on a page, cost
    more to make than the query took. Only for models that nothing listens to while they are made, whose
    fields' values are plain attributes and whose `from_db` is Django's (`of` answers None otherwise, and the
    ORM's own way is used)."""

    def __init__(self, klass_info: dict, select: list, alias: str):
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.attnames = [column[0].target.attname for column in select[self.start : self.end]]
        self.pk = self.attnames.index(self.model._meta.pk.attname)
        self.alias = alias
        self.from_parent = klass_info.get("from_parent", False)  # multi-table inheritance
        self.local_setter = klass_info.get("local_setter")
        self.remote_setter = klass_info.get("remote_setter")
        self.related = [
            _Layout(info, select, alias) for info in klass_info.get("related_klass_infos", [])
        ]

    @classmethod
    def of(cls, klass_info: dict, select: list, alias: str) -> _Layout | None:
        layout = cls(klass_info, select, alias)
        return layout if layout._plain() else None

    def _plain(self) -> bool:
        model = self.model
        return (
            not self.from_parent
            and model.from_db.__func__ is Model.from_db.__func__
            and not signals.pre_init.has_listeners(model)
            and not signals.post_init.has_listeners(model)
            and all(
                type(model.__dict__.get(attname)) in _PLAIN_DESCRIPTORS for attname in self.attnames
            )
            and all(layout._plain() for layout in self.related)
        )

    def instance(self, row):
        obj = self.model.__new__(self.model)
        obj.__dict__.update(zip(self.attnames, row[self.start : self.end], strict=True))
        state = obj._state = ModelState()
        state.adding, state.db = False, self.alias
        for layout in self.related:
            related = None if row[layout.start + layout.pk] is None else layout.instance(row)
            layout.local_setter(obj, related)
            if related is not None:
                layout.remote_setter(related, obj)
        return obj


def _fill(found: list, model, name: str, related: CompiledQuery) -> None:
    """Each object's `name` relation as `prefetch_related` leaves it: read by `obj.<name>.all()` with no query."""
    if not found:
        return
    relation = model._meta.get_field(name)
    foreign_key = relation.field.attname
    by_owner: dict = {obj.pk: [] for obj in found}
    for row in related.objects([obj.pk for obj in found]):
        by_owner[getattr(row, foreign_key)].append(row)
    for obj in found:
        cached = relation.related_model._base_manager.get_queryset()
        cached._result_cache = by_owner[obj.pk]
        cached._prefetch_done = True
        if not hasattr(obj, "_prefetched_objects_cache"):
            obj._prefetched_objects_cache = {}
        obj._prefetched_objects_cache[relation.cache_name] = cached


def _markers(kind: type, size: int | None, counter: Iterable[int]):
    if size is None:
        return _marker(kind, next(counter))
    return [_marker(kind, next(counter)) for _ in range(size)]


def _marker(kind: type, number: int):
    if issubclass(kind, str):
        return f"{_TEXT_MARKER}{number}"
    if issubclass(kind, int) and not issubclass(kind, bool):
        return _INT_MARKER + number
    raise TypeError(f"a compiled query takes numbers and texts, not {kind.__name__}")


def _places(params: list, marker) -> list:
    """Where `marker` sits among the parameters: a position, or for a pattern (`%marker%`) the position and the
    wildcards around it."""
    if isinstance(marker, list):
        return [_places(params, item) for item in marker]
    places: list = []
    for n, param in enumerate(params):
        if type(param) is not type(marker):
            continue
        if param == marker:
            places.append(n)
        elif isinstance(marker, str) and marker in param:
            before, _marker, after = param.partition(marker)
            if _pattern_around(before, after):
                places.append((n, before, after))
    if not places:
        raise ValueError(
            "a compiled query's value did not reach its SQL unchanged: use it only in exact, `in` or "
            "pattern lookups"
        )
    return places


def _pattern_around(before: str, after: str) -> bool:
    """Whether a parameter is a LIKE pattern around the value, as the ORM writes one: a wildcard at either end
    (`contains`, `startswith`, `endswith`), with any fixed text the lookup's value had around the marker kept
    as the ORM escaped it (`contains=f"|{value}|"` gives `%|value|%`)."""
    return (before == "" or before.startswith("%")) and (after == "" or after.endswith("%"))


def _put(params: list, places: list, value, connection) -> None:
    for place in places:
        if type(place) is int:
            params[place] = value
        else:
            n, before, after = place
            params[n] = f"{before}{connection.ops.prep_for_like_query(value)}{after}"
