"""The cabinet's emailed sign-in link (`dkz_site.signed_links`).

The token signs the stored link's id and a random secret the link keeps only as a digest (a leaked table opens no
cabinet). It expires after CABINET_LINK_MINUTES; the link's own checks (used once, its membership unchanged, its
address still a representative and not blocked) are `cabinet.services`'.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare

from dkz_site.signed_links import SignedLink

from .models import SignInLink, digest

SALT = "cabinet.sign-in-link"

SIGN_IN_LINK = SignedLink(
    salt=SALT,
    lifetime=lambda: timedelta(minutes=settings.CABINET_LINK_MINUTES),
    id_key="l",
    secret_claim="s",
    secret_matches=lambda link, secret: constant_time_compare(link.secret_digest, digest(secret)),
)


def sign_in_url(link: SignInLink, secret: str, language: str) -> str:
    """The absolute link for the email, in the language the member asked in."""
    with translation.override(language):
        path = reverse("cabinet:link", kwargs={"token": SIGN_IN_LINK.make(link, secret)})
    return settings.SITE_URL + path
