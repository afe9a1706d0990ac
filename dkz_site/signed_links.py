"""Signed links in emails: one helper for every link the site sends (an application's page, an enquiry's answer
page, an event registration's cancel page, a data-subject request's confirmation and download, a staff member's
two-factor enrolment, a member's cabinet sign-in), so that each is salted, expires and is bound to its object's
state the same way.

A link signs (`django.core.signing`, SECRET_KEY) the object's id under `id_key` and the object's state it is
bound to, `bind(obj)`: a dict such as a keyed digest of the address it was sent to, a reference, or a nonce the
object stores. Changing that state (an address erased, a nonce cleared, a password changed) kills every link made
before. The token's content is readable by whoever holds it, so a bound address must be a keyed digest
(`keyed_digest`), never the address or an unkeyed hash.

    APPLICATION_LINK = SignedLink(
        salt="accreditation.application-link",
        lifetime=lambda: timedelta(days=settings.REPLY_LINK_MAX_AGE_DAYS),
        id_key="a",
        bind=lambda application: {"r": application.reference},
    )
    token = APPLICATION_LINK.make(application)
    application = APPLICATION_LINK.open(token, Application.objects.filter(anonymised_at__isnull=True))

A single-use link that must not be rebuilt from the database alone (a cabinet sign-in) also carries a random
secret the object keeps only as a digest: name its claim `secret_claim`, pass the secret to `make(obj, secret)`,
and `secret_matches(obj, secret)` says whether the object keeps it.

`read(token)` checks the signature and the age and returns the claim (id and bound state) without a query;
`check(claim, obj)` compares the bound state with the object's; `open(token, queryset)` does both around the one
query. They raise `LinkExpired` (too old, or its use has passed: 410) or `LinkInvalid` (tampered, for another
object, or the object's state has changed: 400), and nothing else. `LinkUsed`, a `LinkExpired`, is for the
caller to raise when a single-use link comes back after its use.

Each link keeps the keys (`id_key`, the keys `bind` returns) and salt its tokens were first made with, so that links
already sent keep working; `also_bound` names an earlier binding still accepted until those links expire.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac


class LinkExpired(Exception):
    """The link is genuine but too old, or what it was for is over."""


class LinkUsed(LinkExpired):
    """The single-use link is genuine and was used: what it was for is over."""


class LinkInvalid(Exception):
    """The link was tampered with, names another object (`other_object`), or its object has changed since it
    was sent."""

    def __init__(self, *, other_object: bool = False):
        super().__init__("another object's link" if other_object else "invalid link")
        self.other_object = other_object


@dataclass(frozen=True)
class LinkClaim:
    """What a genuine, unexpired token says: the object's id and the state it was bound to."""

    pk: Any
    bound: dict[str, Any]


def keyed_digest(salt: str, value: str, length: int = 32) -> str:
    """A digest of `value` keyed with SECRET_KEY, to bind a link to an address without revealing it."""
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()[:length]


def _no_binding(obj) -> dict:
    return {}


@dataclass(frozen=True)
class SignedLink:
    """One kind of emailed link. `lifetime` is read at each use (from settings), None for no expiry."""

    salt: str
    lifetime: Callable[[], timedelta | None]
    id_key: str = "id"
    bind: Callable[[Any], dict[str, Any]] = _no_binding
    also_bound: Callable[[Any], dict[str, Any]] | None = None
    secret_claim: str = ""
    secret_matches: Callable[[Any, str], bool] | None = None

    def make(self, obj, secret: str = "") -> str:
        payload = {self.id_key: obj.pk, **self.bind(obj)}
        if self.secret_claim:
            if not secret:
                raise ValueError(f"a {self.salt} link needs its secret")
            payload[self.secret_claim] = secret
        return signing.dumps(payload, salt=self.salt)

    def read(self, token: str) -> LinkClaim:
        try:
            payload = signing.loads(token, salt=self.salt, max_age=self.lifetime())
        except signing.SignatureExpired as error:
            raise LinkExpired from error
        except signing.BadSignature as error:
            raise LinkInvalid from error
        if not isinstance(payload, dict) or payload.get(self.id_key) in (None, ""):
            raise LinkInvalid
        if self.secret_claim and not payload.get(self.secret_claim):
            raise LinkInvalid
        pk = payload.pop(self.id_key)
        return LinkClaim(pk=pk, bound=payload)

    def check(self, claim: LinkClaim, obj) -> None:
        """LinkInvalid unless the claim names `obj` in the state it is in now."""
        if obj is None:
            raise LinkInvalid
        if claim.pk != obj.pk:
            raise LinkInvalid(other_object=True)
        bindings = [self.bind(obj)] + ([self.also_bound(obj)] if self.also_bound else [])
        if not any(_matches(claim.bound, state) for state in bindings):
            raise LinkInvalid
        if self.secret_claim and not self.secret_matches(obj, str(claim.bound[self.secret_claim])):
            raise LinkInvalid

    def open(self, token: str, queryset):
        """The object of `queryset` the token names, in the state it was bound to; else LinkExpired/LinkInvalid."""
        claim = self.read(token)
        if not isinstance(claim.pk, int):
            raise LinkInvalid
        obj = queryset.filter(pk=claim.pk).first()
        self.check(claim, obj)
        return obj


def _matches(bound: dict, state: dict) -> bool:
    """Every value of the object's state is the link's; an empty one (a cleared nonce) matches no link."""
    return all(
        value not in ("", None)
        and key in bound
        and constant_time_compare(str(bound[key]), str(value))
        for key, value in state.items()
    )
