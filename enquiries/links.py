"""The signed link in a reply email: it lets the visitor answer in the same thread without an account.

The token (`dkz_site.signed_links`) carries the enquiry's number and a keyed digest (HMAC with SECRET_KEY) of the
address it was sent to. The token's content is readable, so the digest must be keyed: an unkeyed one would let
anyone holding a link check guessed addresses offline. Links made before carried an unkeyed digest ("a"); they
keep working until they expire. It expires after REPLY_LINK_MAX_AGE_DAYS, works only for its own enquiry, and
stops working once the enquiry's address changes (e.g. erased on the visitor's request).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dkz_site.signed_links import SignedLink, keyed_digest

SALT = "enquiries.reply-link"


def max_age() -> timedelta:
    return timedelta(days=settings.REPLY_LINK_MAX_AGE_DAYS)


def _legacy_address_digest(email: str) -> str:
    """The unkeyed digest of links made before the keyed one; accepted until those links expire."""
    return hashlib.sha256(f"{SALT}:{email}".encode()).hexdigest()[:16]


ENQUIRY_LINK = SignedLink(
    salt=SALT,
    lifetime=max_age,
    id_key="e",
    bind=lambda enquiry: {"k": keyed_digest(SALT, enquiry.email)},
    also_bound=lambda enquiry: {"a": _legacy_address_digest(enquiry.email)},
)


def check_token(token: str, enquiry) -> None:
    """LinkExpired or LinkInvalid (`other_object`: another enquiry's link) unless `token` is a current link for
    exactly this enquiry and address."""
    ENQUIRY_LINK.check(ENQUIRY_LINK.read(token), enquiry)


def answer_url(enquiry) -> str:
    """The absolute link to the answer page, in the visitor's language."""
    with translation.override(enquiry.language):
        path = reverse(
            "enquiries:answer", kwargs={"number": enquiry.pk, "token": ENQUIRY_LINK.make(enquiry)}
        )
    return f"{settings.SITE_URL}{path}"
