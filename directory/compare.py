"""The comparison: up to four equipment items side by side.

The selection travels in the address, `?items=1,2,3`: the catalogue, an item's page and the comparison carry it,
and adding, removing and clearing answer with it, so comparing works without any cookie and a comparison can be
shared. The signed functional cookie (only with consent, P02) is a convenience on top: it remembers the last
selection for pages reached without `?items=`. Ids that are unknown, unlisted or tampered with are dropped
silently: a stale link still shows what it can.

Rows are the fields of the items' category vocabulary, grouped as the vocabulary groups them; a row is marked
different only where two or more items give a value and those values differ. Items of several categories share
few fields: the page says so and offers a comparison per category.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dkz_site.compiled import CompiledQuery
from privacy.cookies import COMPARE_COOKIE, functional_allowed

from . import listing
from .models import CATEGORY_LABELS, Equipment, SpecificationField, Translated, specifications_of

MAX_ITEMS = 4
COOKIE_SALT = "directory.compare"
COOKIE_MAX_AGE = int(datetime.timedelta(days=30).total_seconds())
_MAX_TOKENS = 20  # a long hand-made ?items= list is cut short before any lookup
_COOKIE_SEP = "."

FULL_MESSAGE = _(
    "You can compare up to 4 items at a time. Remove one from the comparison to add another."
)


def parse_ids(raw: str, separator: str = ",") -> list[int]:
    """Positive integer ids in the order given, without repeats; everything else is ignored."""
    ids: list[int] = []
    for token in (raw or "").split(separator)[:_MAX_TOKENS]:
        token = token.strip()
        if token.isascii() and token.isdigit() and len(token) <= 18:
            number = int(token)
            if number > 0 and number not in ids:
                ids.append(number)
    return ids


def items_value(ids: list[int]) -> str:
    return ",".join(str(pk) for pk in ids)


def selection(request, cart_ids: list[int] | None = None) -> list[int]:
    """The visitor's selection: `?items=` when the address has it (even empty), else the cart cookie."""
    if "items" in request.GET:
        return parse_ids(request.GET.get("items", ""))
    return read_cart(request) if cart_ids is None else cart_ids


def posted_selection(request) -> list[int]:
    """The selection a form sent (`items`, as the page had it), else the cart cookie."""
    if "items" in request.POST:
        return parse_ids(request.POST.get("items", ""))
    return read_cart(request)


def with_items(path: str, ids: list[int], anchor: str = "") -> str:
    """`path` with its `items` parameter set to `ids` (removed when empty) and, optionally, `#anchor`: the page
    the visitor came from, at the place they were."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "items"]
    if ids:
        query.append(("items", items_value(ids)))
    return urlunsplit(("", "", parts.path, urlencode(query, safe=","), anchor))


def read_cart(request) -> list[int]:
    """The ids in the visitor's cart; empty without functional consent or when the signature fails."""
    if not functional_allowed(request):
        return []
    value = request.get_signed_cookie(
        COMPARE_COOKIE, default="", salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
    )
    return parse_ids(value, _COOKIE_SEP)[:MAX_ITEMS]


def has_items(request) -> bool:
    """Whether the visitor's cart holds anything (as read: an expired or forged cookie is an empty cart). Pages
    that show the cart are the visitor's own then, and the page cache does not keep them."""
    return bool(read_cart(request))


def write_cart(response, ids: list[int]) -> None:
    """Store the cart, or remove the cookie when it is empty. Callers check consent first."""
    if ids:
        response.set_signed_cookie(
            COMPARE_COOKIE,
            _COOKIE_SEP.join(str(pk) for pk in ids[:MAX_ITEMS]),
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        forget_cart(response)


def forget_cart(response) -> None:
    response.delete_cookie(COMPARE_COOKIE, samesite="Lax")


def listed_items(ids: list[int]) -> list[Equipment]:
    """The listed items among `ids`, in the order given, at most four, with their specifications."""
    if not ids:
        return []
    found = {item.pk: item for item in LISTED_ITEMS.objects(ids[:_MAX_TOKENS])}
    return [found[pk] for pk in ids if pk in found][:MAX_ITEMS]


# What an item's page and a comparison show of an item and its member: not the search columns, sort keys or
# bookkeeping dates, nor the membership's contact details.
ITEM_FIELDS = (
    "id",
    "member_id",
    "name_kk",
    "name_ru",
    "name_en",
    "category",
    "model",
    "description_kk",
    "description_ru",
    "description_en",
    "image",
    "member__company_name",
    "member__profile__slug",
    "member__profile__public_email",
    "member__profile__public_phone",
    "member__profile__website",
)
# Listed items by their ids, with their member and specifications: compiled once a day per number of ids.
LISTED_ITEMS = CompiledQuery(
    lambda ids: (
        listing.listed_items()
        .filter(pk__in=ids)
        .select_related("member__profile")
        .only(*ITEM_FIELDS)
    ),
    prefetch={"specifications": specifications_of},
)


@dataclass
class Cell:
    """One item's value in a row: the text shown (None when the item gives none) and what it compares by."""

    text: Translated | None
    key: object = None
    number: bool = False


@dataclass
class ComparisonRow:
    field: SpecificationField
    cells: list[Cell]

    @property
    def name(self) -> Translated:
        return self.field.label()

    @property
    def numeric(self) -> bool:
        """A row of numbers: its missing values line up with them (right)."""
        return any(cell.number for cell in self.cells)

    @property
    def values(self) -> list[str]:
        return [str(cell.text) if cell.text is not None else "" for cell in self.cells]

    @property
    def differs(self) -> bool:
        """Two or more items give a value, and not the same one (an item without a value differs from none)."""
        given = [cell.key for cell in self.cells if cell.text is not None]
        return len(given) >= 2 and len(set(given)) > 1


@dataclass
class ComparisonGroup:
    heading: str
    rows: list[ComparisonRow]


@dataclass
class CategoryPart:
    """The items of one category among a mixed selection, with the address comparing them alone."""

    label: str
    ids: list[int]

    @property
    def query(self) -> str:
        return items_value(self.ids)


@dataclass
class Comparison:
    """One column per item; rows per specification field found in any of them, grouped."""

    items: list[Equipment]
    groups: list[ComparisonGroup] = field(default_factory=list)
    categories: list[CategoryPart] = field(default_factory=list)

    @property
    def rows(self) -> list[ComparisonRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def ids(self) -> list[int]:
        return [item.pk for item in self.items]

    @property
    def share_query(self) -> str:
        return items_value(self.ids)

    @property
    def columns(self) -> list[tuple[Equipment, str]]:
        """Each item with the selection without it (its "Remove" link)."""
        return [
            (item, items_value([pk for pk in self.ids if pk != item.pk])) for item in self.items
        ]

    @property
    def mixed(self) -> bool:
        """Items of more than one category: few of their fields are shared."""
        return len(self.categories) > 1

    @property
    def category(self) -> str:
        """The one category of the items ("" when mixed), for "add another item" in the catalogue."""
        return self.items[0].category if self.items and not self.mixed else ""


def build_comparison(items: list[Equipment]) -> Comparison:
    """Rows in the vocabulary's order, under its groups; values of the same field line up whatever language
    they were given in. Reads the items' prefetched specifications (`listed_items`): no query of its own."""
    fields: dict[int, SpecificationField] = {}
    values: list[dict[int, Cell]] = []
    by_category: dict[str, list[int]] = {}
    for item in items:
        by_category.setdefault(item.category, []).append(item.pk)
        cells = {}
        for spec in item.specification_rows():
            if not spec.has_value:
                continue
            fields.setdefault(spec.field_id, spec.field)
            cells[spec.field_id] = Cell(spec.display(), spec.comparable(), spec.number is not None)
        values.append(cells)
    groups: list[ComparisonGroup] = []
    for spec_field in sorted(fields.values(), key=lambda f: f.sort_key):
        row = ComparisonRow(spec_field, [cells.get(spec_field.pk, Cell(None)) for cells in values])
        heading = str(spec_field.group_label)
        if not groups or groups[-1].heading != heading:
            groups.append(ComparisonGroup(heading, []))
        groups[-1].rows.append(row)
    categories = [
        CategoryPart(str(CATEGORY_LABELS.get(category, category)), ids)
        for category, ids in by_category.items()
    ]
    return Comparison(items=items, groups=groups, categories=categories)
