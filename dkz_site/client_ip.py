"""The one client IP every part of the site uses: rate limits, login lockouts and stored technical data.

With TRUSTED_PROXY_COUNT = 0 it is REMOTE_ADDR. Behind N trusted proxies it is the Nth address from the right of
X-Forwarded-For: each proxy appends the address it saw, so everything further left is the client's own claim.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    meta = request.META
    proxies = settings.TRUSTED_PROXY_COUNT
    address = meta.get("REMOTE_ADDR", "")
    if proxies > 0:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return address if _is_ip(address) else "0.0.0.0"


def client_ip_meta(request) -> str:
    """django-ratelimit's RATELIMIT_IP_META_KEY callable."""
    return client_ip(request)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def technical_data(request) -> dict:
    """What the policy calls visitor technical data, stored with a submission (kept 90 days)."""
    return {
        "client_ip": client_ip(request),
        "user_agent": _storable_header(request, "HTTP_USER_AGENT"),
        "referrer": _storable_header(request, "HTTP_REFERER"),
    }


TECHNICAL_FIELDS = ("client_ip", "user_agent", "referrer")
# A row's technical data once cleared (retention, erasure), with the date it was recorded, where a model keeps one.
TECHNICAL_DATA_CLEARED = {"client_ip": None, "user_agent": "", "referrer": ""}
TECHNICAL_DATA_CLEARED_WITH_DATE = {**TECHNICAL_DATA_CLEARED, "technical_recorded_at": None}


def technical_fields(technical: dict | None, fields=TECHNICAL_FIELDS) -> dict:
    """`technical_data` as the model fields that store it: no address is NULL, texts fit 500 characters.

    `fields` names the ones a model has (a consent record keeps no referrer).
    """
    technical = technical or {}
    values = {
        "client_ip": technical.get("client_ip") or None,
        "user_agent": _storable(technical.get("user_agent", "")),
        "referrer": _storable(technical.get("referrer", "")),
    }
    return {name: values[name] for name in fields}


def _storable_header(request, key: str) -> str:
    return _storable(request.META.get(key, ""))


def _storable(text: str) -> str:
    """At most 500 characters, without NUL bytes: PostgreSQL refuses them in text, the save would fail."""
    return (text or "").replace("\x00", "")[:500]
