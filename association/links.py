"""The signed link in every registration email: it lets the attendee cancel without an account.

Like the enquiry and application links (`dkz_site.signed_links`), the token signs the registration's number and a
keyed digest of the address it was sent to. It works only for its own registration, stops working once the address
changes (erased on request), and cancels nothing once the event has started (LinkExpired). Links made before
carried an unkeyed digest ("a"); they keep working.
"""

import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dkz_site.signed_links import LinkExpired, SignedLink, keyed_digest

from .models import Registration

SALT = "association.registration-link"


def _legacy_address_digest(email: str) -> str:
    return hashlib.sha256(f"{SALT}:{email}".encode()).hexdigest()[:16]


REGISTRATION_LINK = SignedLink(
    salt=SALT,
    lifetime=lambda: None,  # good until the event starts
    id_key="r",
    bind=lambda registration: {"k": keyed_digest(SALT, registration.email)},
    also_bound=lambda registration: {"a": _legacy_address_digest(registration.email)},
)


def registration_for_token(token: str) -> Registration:
    """The registration the token was made for, while its address is unchanged and its event still to start;
    else LinkInvalid, or LinkExpired once the event has started."""
    registrations = (
        Registration.objects.select_related("event")
        .filter(anonymised_at__isnull=True)
        .exclude(email="")
    )
    registration = REGISTRATION_LINK.open(token, registrations)
    if registration.event.has_started():
        raise LinkExpired
    return registration


def cancel_url(registration: Registration) -> str:
    """The absolute link for emails, in the attendee's language."""
    with translation.override(registration.language):
        path = reverse(
            "association:registration", kwargs={"token": REGISTRATION_LINK.make(registration)}
        )
    return f"{settings.SITE_URL}{path}"
