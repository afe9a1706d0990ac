"""The compare cart: up to four equipment items side by side.

The cart is a signed functional cookie, kept only when the visitor accepted functional cookies (P02). A comparison
can always be shared or opened without any cookie as `?items=1,2,3`. Ids that are unknown, unlisted or tampered
with are dropped silently: a stale link still shows what it can.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from privacy.cookies import COMPARE_COOKIE, functional_allowed

from . import listing
from .models import Equipment

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
    found = {
        item.pk: item
        for item in listing.listed_items()
        .filter(pk__in=ids[:_MAX_TOKENS])
        .select_related("member__profile")
        .prefetch_related("specifications")
    }
    return [found[pk] for pk in ids if pk in found][:MAX_ITEMS]


@dataclass
class ComparisonRow:
    name: str
    values: list[str]

    @property
    def differs(self) -> bool:
        return len({value.strip().casefold() for value in self.values}) > 1


@dataclass
class Comparison:
    """One column per item, one row per specification name found in any of them."""

    items: list[Equipment]
    rows: list[ComparisonRow] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [item.pk for item in self.items]

    @property
    def share_query(self) -> str:
        return ",".join(str(pk) for pk in self.ids)


def build_comparison(items: list[Equipment]) -> Comparison:
    """Rows in the order names first appear; names match regardless of case and spacing."""
    order: list[str] = []
    labels: dict[str, str] = {}
    values: list[dict[str, str]] = []
    for item in items:
        by_name: dict[str, str] = {}
        for spec in item.specifications.all():
            key = " ".join(spec.name.split()).casefold()
            if key not in labels:
                labels[key] = spec.name
                order.append(key)
            by_name.setdefault(key, spec.value)
        values.append(by_name)
    rows = [ComparisonRow(labels[key], [v.get(key, "") for v in values]) for key in order]
    return Comparison(items=items, rows=rows)
