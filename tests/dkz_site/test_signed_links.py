"""The one signed-link helper: a link that carries a secret its object keeps only as a digest."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

import pytest

from dkz_site.signed_links import LinkExpired, LinkInvalid, LinkUsed, SignedLink


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class Stored:
    pk: int
    secret_digest: str


LINK = SignedLink(
    salt="tests.secret-link",
    lifetime=lambda: timedelta(minutes=5),
    id_key="l",
    secret_claim="s",
    secret_matches=lambda obj, secret: obj.secret_digest == _digest(secret),
)


def test_a_link_with_its_secret_opens_only_the_object_that_keeps_that_secret():
    stored = Stored(pk=7, secret_digest=_digest("the-secret"))
    token = LINK.make(stored, "the-secret")
    LINK.check(LINK.read(token), stored)
    with pytest.raises(LinkInvalid):
        LINK.check(LINK.read(token), Stored(pk=7, secret_digest=_digest("another secret")))
    with pytest.raises(LinkInvalid) as other:
        LINK.check(LINK.read(token), Stored(pk=8, secret_digest=_digest("the-secret")))
    assert other.value.other_object


def test_a_secret_link_is_not_made_or_read_without_its_secret():
    with pytest.raises(ValueError):
        LINK.make(Stored(pk=7, secret_digest=""))
    no_secret = SignedLink(salt=LINK.salt, lifetime=LINK.lifetime, id_key="l")
    with pytest.raises(LinkInvalid):
        LINK.read(no_secret.make(Stored(pk=7, secret_digest="")))


def test_a_used_link_is_one_whose_use_has_passed():
    assert issubclass(LinkUsed, LinkExpired) and not issubclass(LinkUsed, LinkInvalid)
