"""Signed links in emails: one to prove the address (single use, 24 h), one to download the copy (7 days).

Each link names its request and a random nonce stored on it: a link works only for that request, and clearing
the nonce kills every earlier link (used, replaced or expired).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

VERIFY_SALT = "privacy.requests.verify"
DOWNLOAD_SALT = "privacy.requests.download"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


@dataclass(frozen=True)
class LinkClaim:
    request_id: int
    nonce: str


def verification_token(request) -> str:
    return signing.dumps({"r": request.pk, "n": request.verification_nonce}, salt=VERIFY_SALT)


def download_token(request) -> str:
    return signing.dumps({"r": request.pk, "n": request.export_nonce}, salt=DOWNLOAD_SALT)


def _read(token: str, salt: str, max_age_seconds: int) -> LinkClaim:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age_seconds)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not data.get("n"):
        raise LinkInvalid
    return LinkClaim(request_id=data["r"], nonce=str(data["n"]))


def read_verification_token(token: str) -> LinkClaim:
    return _read(token, VERIFY_SALT, settings.DATA_REQUEST_VERIFY_HOURS * 3600)


def read_download_token(token: str) -> LinkClaim:
    return _read(token, DOWNLOAD_SALT, settings.DATA_REQUEST_EXPORT_DAYS * 86400)


def nonce_matches(stored: str, presented: str) -> bool:
    return bool(stored) and secrets.compare_digest(stored, presented)
