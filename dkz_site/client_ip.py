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


def _storable_header(request, key: str) -> str:
    """At most 500 characters, without NUL bytes: PostgreSQL refuses them in text, the save would fail."""
    return request.META.get(key, "").replace("\x00", "")[:500]
