"""Signed links that let an applicant see, correct or withdraw an application without an account.

The token (`dkz_site.signed_links`) signs the application's id and reference; it expires after
REPLY_LINK_MAX_AGE_DAYS. A token is valid only for the application it was made for, and never for an anonymised
one.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dkz_site.signed_links import SignedLink

from .models import Application

APPLICATION_LINK = SignedLink(
    salt="accreditation.application-link",
    lifetime=lambda: timedelta(days=settings.REPLY_LINK_MAX_AGE_DAYS),
    id_key="a",
    bind=lambda application: {"r": application.reference},
)


def application_for_token(reference: str, token: str) -> Application:
    """The application the token was made for, if it matches ``reference``; else LinkExpired or LinkInvalid."""
    applications = Application.objects.filter(reference=reference, anonymised_at__isnull=True)
    return APPLICATION_LINK.open(token, applications)


def application_url(application: Application) -> str:
    """The absolute link for emails, in the applicant's language."""
    with translation.override(application.language):
        path = reverse(
            "accreditation:application",
            kwargs={
                "reference": application.reference,
                "token": APPLICATION_LINK.make(application),
            },
        )
    return settings.SITE_URL + path


def site_url(name: str, language: str, *args) -> str:
    """The absolute link to a public page in `language` (the member's profile, the membership page)."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)
