"""Signed links in emails (`dkz_site.signed_links`): one to prove the address (single use, 24 h), one to download
the copy (7 days).

Each link names its request and a random nonce stored on it: a link works only for that request, and clearing
the nonce kills every earlier link (used, replaced or expired).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from dkz_site.signed_links import SignedLink

VERIFY_SALT = "privacy.requests.verify"
DOWNLOAD_SALT = "privacy.requests.download"

VERIFY_LINK = SignedLink(
    salt=VERIFY_SALT,
    lifetime=lambda: timedelta(hours=settings.DATA_REQUEST_VERIFY_HOURS),
    id_key="r",
    bind=lambda subject_request: {"n": subject_request.verification_nonce},
)
DOWNLOAD_LINK = SignedLink(
    salt=DOWNLOAD_SALT,
    lifetime=lambda: timedelta(days=settings.DATA_REQUEST_EXPORT_DAYS),
    id_key="r",
    bind=lambda subject_request: {"n": subject_request.export_nonce},
)
