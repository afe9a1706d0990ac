"""Proof of the staff mailbox before a first authenticator is enrolled.

Enrolment is the one moment the password alone decides who holds the second factor: whoever signs in first with a
new account's password would set up their own phone. So the QR code is shown only once the staff member opens a
link emailed to the account's address, in the same signed-in session. The link names the account and a digest of
its password hash (a new password kills it) and expires after STAFF_ENROLMENT_LINK_MINUTES.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from dkz_site.signed_links import LinkExpired, LinkInvalid, SignedLink
from outbox.services import queue_email

SALT = "accounts.enrolment-mailbox"
CONFIRMED_SESSION_KEY = "staff_auth_mailbox_confirmed"
SENT_SESSION_KEY = "staff_auth_enrolment_link_sent"
RESEND_AFTER_SECONDS = 60  # a button press cannot fill the staff member's mailbox


def _password_digest(user) -> str:
    return hashlib.sha256(f"{SALT}:{user.password}".encode()).hexdigest()[:16]


# Bound to the password: a changed password kills the link.
ENROLMENT_LINK = SignedLink(
    salt=SALT,
    lifetime=lambda: timedelta(minutes=settings.STAFF_ENROLMENT_LINK_MINUTES),
    id_key="u",
    bind=lambda user: {"p": _password_digest(user)},
)


def mailbox_confirmed(request) -> bool:
    return request.session.get(CONFIRMED_SESSION_KEY) == request.user.pk


def link_sent(request) -> bool:
    sent = request.session.get(SENT_SESSION_KEY)
    return bool(sent) and sent["user"] == request.user.pk


def may_resend(request) -> bool:
    return not link_sent(request) or (
        time.time() - request.session[SENT_SESSION_KEY]["at"] >= RESEND_AFTER_SECONDS
    )


def send_link(request, next_to: str) -> None:
    """Queue the email to the signed-in staff member with the link that opens enrolment in this session."""
    user = request.user
    path = reverse("admin:two_factor_enrol_link", args=[ENROLMENT_LINK.make(user)])
    queue_email(
        to=user.email,
        template="accounts/email/enrolment_link",
        context={
            "user": user,
            "link": f"{settings.SITE_URL}{path}?{urlencode({'next': next_to})}",
            "minutes": settings.STAFF_ENROLMENT_LINK_MINUTES,
        },
        language=get_language() or settings.LANGUAGE_CODE,
        regarding=user,
    )
    request.session[SENT_SESSION_KEY] = {"user": user.pk, "at": time.time()}


def confirm_mailbox(request, token: str) -> bool:
    """Accept the emailed link for the signed-in user only, unexpired, and only under the current password."""
    user = request.user
    try:
        ENROLMENT_LINK.check(ENROLMENT_LINK.read(token), user)
    except (LinkExpired, LinkInvalid):
        return False
    request.session[CONFIRMED_SESSION_KEY] = user.pk
    return True
