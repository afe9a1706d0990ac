"""Signed links that let an applicant see, correct or withdraw an application without an account.

The token signs the application's id and reference; it expires after REPLY_LINK_MAX_AGE_DAYS. A token is
valid only for the application it was made for, and never for an anonymised one.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Application

SALT = "accreditation.application-link"


class InvalidLink(Exception):
    """The link was tampered with, has expired, or belongs to another application."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def make_token(application: Application) -> str:
    return signing.dumps({"a": application.pk, "r": application.reference}, salt=SALT)


def application_for_token(reference: str, token: str) -> Application:
    """The application the token was made for, if it matches ``reference``; else InvalidLink."""
    max_age = settings.REPLY_LINK_MAX_AGE_DAYS * 86400
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidLink("expired") from None
    except signing.BadSignature:
        raise InvalidLink("invalid") from None
    if not isinstance(payload, dict) or payload.get("r") != reference:
        raise InvalidLink("invalid")
    application = Application.objects.filter(
        pk=payload.get("a"), reference=reference, anonymised_at__isnull=True
    ).first()
    if application is None:
        raise InvalidLink("invalid")
    return application


def application_url(application: Application) -> str:
    """The absolute link for emails, in the applicant's language."""
    with translation.override(application.language):
        path = reverse(
            "accreditation:application",
            kwargs={"reference": application.reference, "token": make_token(application)},
        )
    return settings.SITE_URL + path


def site_url(name: str, language: str, *args) -> str:
    """The absolute link to a public page in `language` (the member's profile, the membership page)."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)
