"""The signed link in a reply email: it lets the visitor answer in the same thread without an account.

The token carries the enquiry's number and a keyed digest (HMAC with SECRET_KEY) of the address it was sent to,
signed with SECRET_KEY (django.core.signing). The token's content is readable, so the digest must be keyed: an
unkeyed one would let anyone holding a link check guessed addresses offline. Links made before carried an unkeyed
digest ("a"); they keep working until they expire. It expires after REPLY_LINK_MAX_AGE_DAYS, works only for its own enquiry, and stops
working once the enquiry's address changes (e.g. erased on the visitor's request).
"""

import hashlib
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "enquiries.reply-link"


class LinkProblem(Enum):
    EXPIRED = "expired"
    INVALID = "invalid"
    OTHER_THREAD = "other_thread"


class BadReplyLink(Exception):
    def __init__(self, problem: LinkProblem):
        super().__init__(problem.value)
        self.problem = problem


def _address_key(email: str) -> str:
    return salted_hmac(SALT, email, algorithm="sha256").hexdigest()[:32]


def _legacy_address_digest(email: str) -> str:
    """The unkeyed digest of links made before the keyed one; accepted until those links expire."""
    return hashlib.sha256(f"{SALT}:{email}".encode()).hexdigest()[:16]


def _address_matches(payload: dict, email: str) -> bool:
    if "k" in payload:
        return constant_time_compare(str(payload["k"]), _address_key(email))
    return constant_time_compare(str(payload.get("a", "")), _legacy_address_digest(email))


def make_token(enquiry) -> str:
    return signing.dumps({"e": enquiry.pk, "k": _address_key(enquiry.email)}, salt=SALT)


def max_age() -> timedelta:
    return timedelta(days=settings.REPLY_LINK_MAX_AGE_DAYS)


def check_token(token: str, enquiry) -> None:
    """Raise BadReplyLink unless `token` is a current link for exactly this enquiry and address."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise BadReplyLink(LinkProblem.EXPIRED) from error
    except signing.BadSignature as error:
        raise BadReplyLink(LinkProblem.INVALID) from error
    if not isinstance(payload, dict) or payload.get("e") != enquiry.pk:
        raise BadReplyLink(LinkProblem.OTHER_THREAD)
    if not _address_matches(payload, enquiry.email):
        raise BadReplyLink(LinkProblem.INVALID)


def answer_url(enquiry) -> str:
    """The absolute link to the answer page, in the visitor's language."""
    with translation.override(enquiry.language):
        path = reverse(
            "enquiries:answer", kwargs={"number": enquiry.pk, "token": make_token(enquiry)}
        )
    return f"{settings.SITE_URL}{path}"
