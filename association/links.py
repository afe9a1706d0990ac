"""The signed link in every registration email: it lets the attendee cancel without an account.

Like the enquiry and application links, the token signs the registration's number and a digest of the address it
was sent to (django.core.signing, SECRET_KEY). It works only for its own registration, stops working once the
address changes (erased on request), and cancels nothing once the event has started.
"""

import hashlib
from enum import Enum

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Registration

SALT = "association.registration-link"


class LinkProblem(Enum):
    INVALID = "invalid"
    STARTED = "started"


class BadRegistrationLink(Exception):
    def __init__(self, problem: LinkProblem):
        super().__init__(problem.value)
        self.problem = problem


def _address_digest(email: str) -> str:
    return hashlib.sha256(f"{SALT}:{email}".encode()).hexdigest()[:16]


def make_token(registration: Registration) -> str:
    return signing.dumps(
        {"r": registration.pk, "a": _address_digest(registration.email)}, salt=SALT
    )


def registration_for_token(token: str) -> Registration:
    """The registration the token was made for, while its address is unchanged and its event still to start."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise BadRegistrationLink(LinkProblem.INVALID) from error
    if not isinstance(payload, dict):
        raise BadRegistrationLink(LinkProblem.INVALID)
    registration = (
        Registration.objects.select_related("event")
        .filter(pk=payload.get("r"), anonymised_at__isnull=True)
        .exclude(email="")
        .first()
    )
    if registration is None or payload.get("a") != _address_digest(registration.email):
        raise BadRegistrationLink(LinkProblem.INVALID)
    if registration.event.has_started():
        raise BadRegistrationLink(LinkProblem.STARTED)
    return registration


def cancel_url(registration: Registration) -> str:
    """The absolute link for emails, in the attendee's language."""
    with translation.override(registration.language):
        path = reverse("association:registration", kwargs={"token": make_token(registration)})
    return f"{settings.SITE_URL}{path}"
