"""Whole public pages (the home page and the directory's), kept in the shared cache for anonymous visitors.

A cached page is only ever served to a request that would have rendered the very same bytes, so the key holds
everything the page depends on: scheme, host, path and query string (the language is the path's prefix), the
visitor's answer for every cookie group (the cookie banner and compare buttons depend on it), the day
(memberships start and end by date), and the pages' version, which any change to what they show replaces
(`invalidate`, connected in `dkz_site/apps.py` to policy versions, for the banner every page carries, and by the
directory app to memberships, items, specifications and blocked addresses). Version and page come back in one
round trip.

Pages with forms that POST (the catalogue's "Add to compare" buttons) are cached too: they are rendered with a
placeholder where the CSRF token goes, stored so, and every visitor gets the placeholder replaced with their own
token, exactly as an uncached render would have given it (the same cookie is set or renewed).

**Bounded.** Only pages many visitors share are stored, and never more than a fixed number:
- each view names its query parameters and the values each may take (`shared`); a page asked for with a value
  outside them (`?region=anything`, `?page=999999`) or with a parameter the page does not know is answered and
  not stored;
- tracking tags (`utm_*`, `fbclid`, `gclid` ...) are taken off the request before anything else: the page is the
  one without them, rendered and cached once for every newsletter and post that links to it;
- pages of free text (`free_text`: a search, a comparison's items, a member's slug) are stored too, but within
  a budget of their own, so a burst of distinct searches cannot push out the shared pages;
- at most `PAGE_CACHE_MAX_PAGES` shared pages and `PAGE_CACHE_MAX_SEARCHES` free-text pages are stored per
  `PAGE_CACHE_SECONDS` (a counter per period in the cache); as every page expires after that period, no more than
  twice those numbers are ever held. Beyond the budget pages are rendered as they would be without the cache.
Pages are stored compressed (zlib), about a fifth of their size.

Never cached: requests with a session or pending messages (staff, one-time confirmations), pages the view calls
personal (a compare cart that is not empty), and any response that sets a cookie, read the CSRF token itself,
wrote to the session, or is not a plain 200. `PAGE_CACHE_SECONDS=0` turns the page cache off.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import uuid
import zlib
from collections.abc import Callable, Container
from functools import wraps

from cookie_consent.conf import settings as consent_settings
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from privacy.cookies import group_state

VERSION_KEY = "pages:version"
VALUE_SECONDS = (
    24 * 3600
)  # values kept with the listing (`kept_with_listing`): replaced by the version anyway
HEADER = "X-Page-Cache"
# Parameters that say where a visitor came from, never what the page shows.
TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl)$"
)
CSRF_PLACEHOLDER = "page_cache_csrf_placeholder"  # request attribute, read by `csrf_placeholder`

# Bookkeeping fields no cached page shows: a save that touches only these (the daily renewal-reminder stamp)
# leaves the cached pages alone.
NOT_SHOWN = frozenset({"renewal_reminder_sent_on", "updated_at"})


def listing_version() -> str:
    """The current listing version: a new random one after every change (never reused, never guessed)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate(*args, update_fields=None, **kwargs) -> None:
    """Orphan every cached page (they expire on their own): now, and again once the transaction commits,
    since a page rendered in between still read the old rows."""
    if update_fields and NOT_SHOWN.issuperset(update_fields):
        return
    _new_version()
    transaction.on_commit(_new_version)


def kept_with_listing(key: str, compute: Callable[[], object]):
    """A value worked out from what the directory lists (a list's count), kept in the shared cache until the
    listing changes or the day ends (memberships start and end by date), like the pages themselves."""
    key = f"pages:value:{timezone.localdate().isoformat()}:{key}"
    found = cache.get_many([VERSION_KEY, key])  # one round trip
    version = found.get(VERSION_KEY) or listing_version()
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    if version is None:  # the cache is away: this worker keeps the value a short while itself
        held = _HELD_WHILE_CACHE_AWAY.get(key)
        if held is not None and time.monotonic() - held[0] < HELD_SECONDS:
            return held[1]
        value = compute()
        _HELD_WHILE_CACHE_AWAY[key] = (time.monotonic(), value)
        return value
    value = compute()
    cache.set(key, (version, value), VALUE_SECONDS)
    return value


# Values kept in the worker while the shared cache does not answer, so that an outage does not make every view
# work out the directory's counts again; short-lived, as changes cannot be announced meanwhile.
_HELD_WHILE_CACHE_AWAY: dict[str, tuple[float, object]] = {}
HELD_SECONDS = 30


def _personal(request) -> bool:
    """Requests whose page may differ from every other visitor's: signed in, or a message waiting."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _cookie_answers(request) -> str:
    """The visitor's answer per optional cookie group (accepted, declined or pending), as the page shows it.

    Without the consent cookie nothing was answered yet: no need to read the groups."""
    if consent_settings.COOKIE_CONSENT_NAME not in request.COOKIES:
        return ""
    return "|".join(f"{name}={answer.state}" for name, answer in group_state(request).items())


def page_key(request) -> str:
    """Everything the page depends on but the version, which is stored with the page and compared."""
    parts = [
        timezone.localdate().isoformat(),
        request.build_absolute_uri(),
        _cookie_answers(request),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pages:page:{digest}"


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # Requests with a session cookie never reach here (_personal); reading the empty session of one without
        # (the messages context processor does, on every page) changes nothing, writing to it would.
        and not getattr(getattr(request, "session", None), "modified", False)
        and "private" not in response.get("Cache-Control", "")
    )


def csrf_placeholder(request) -> dict:
    """Context processor: while a page is rendered for the cache, forms get the placeholder, not a token."""
    placeholder = getattr(request, CSRF_PLACEHOLDER, None)
    return {"csrf_token": placeholder} if placeholder else {}


def _with_token(request, content: bytes, placeholder: str) -> bytes:
    """The stored page with this visitor's own CSRF token where the placeholder stands (only if it does)."""
    marker = placeholder.encode()
    if marker not in content:
        return content
    return content.replace(marker, get_token(request).encode())


def one_of(values) -> Callable[[str], bool]:
    """A parameter whose value must be one of `values` (the empty value, "all", included)."""
    allowed = {"", *map(str, values)}
    return allowed.__contains__


def page_number(most: int) -> Callable[[str], bool]:
    """A page number from 1 to `most` (pages further on show the last page: not worth a page of their own)."""
    return lambda value: value.isascii() and value.isdigit() and 1 <= int(value) <= most


def without_tracking(request) -> None:
    """Take tracking tags off the request, as if the link had none: the page (its links to other languages and
    pages included) is the one without them."""
    if not request.META.get("QUERY_STRING") or not any(
        TRACKING.match(name) for name in request.GET
    ):
        return
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if not TRACKING.match(name):
            kept.setlist(name, values)
    request.META["QUERY_STRING"] = kept.urlencode()
    kept._mutable = False
    request.GET = kept


def _budget(request, shared: dict, free_text: Container) -> str | None:
    """Which budget a page of this request is stored under ("shared" or "free-text"), or None when it is not
    stored at all: an unknown parameter, a value outside the page's, a parameter given twice."""
    budget = "shared"
    for name, values in request.GET.lists():
        if len(values) != 1:
            return None
        if name in free_text:
            if values[0]:
                budget = "free-text"
        elif name not in shared or not shared[name](values[0]):
            return None
    return budget


def _within_budget(budget: str) -> bool:
    """Count one more page stored in this period under `budget`; False once the period's budget is spent."""
    seconds = settings.PAGE_CACHE_SECONDS
    limit = (
        settings.PAGE_CACHE_MAX_SEARCHES if budget == "free-text" else settings.PAGE_CACHE_MAX_PAGES
    )
    key = f"pages:stored:{budget}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=2 * seconds)
    try:
        stored = cache.incr(key)
    except ValueError:  # the counter was evicted in between: count from here
        cache.add(key, 1, timeout=2 * seconds)
        return True
    return stored is not None and stored <= limit  # None: the cache is away, nothing is stored


def cache_for_visitors(
    shared: dict[str, Callable[[str], bool]] | None = None,
    *,
    free_text: Container = (),
    personal: Callable | None = None,
):
    """Serve the view's page from the shared cache to anonymous visitors; store it when it is safe to and the
    period's budget allows.

    `shared`: the query parameters the page reads, each with what its value may be (`one_of`, `page_number`);
    `free_text`: parameters whose any value is read (a search): such pages have a budget of their own;
    `personal(request) -> bool`: the page shows something of this visitor's own (never stored)."""
    shared = shared or {}
    if not isinstance(shared, dict):
        raise TypeError(
            "cache_for_visitors() takes each parameter with the values it may take, "
            'e.g. {"page": page_number(100)}, not parameter names alone'
        )

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            without_tracking(request)
            budget = None
            if (
                settings.PAGE_CACHE_SECONDS > 0
                and request.method in ("GET", "HEAD")
                and not _personal(request)
                and not (personal and personal(request))
            ):
                budget = _budget(request, shared, free_text)
            if budget is None:
                return view(request, *args, **kwargs)
            key = page_key(request)
            found = cache.get_many([VERSION_KEY, key])  # one round trip
            version = found.get(VERSION_KEY) or listing_version()
            stored = found.get(key)
            if stored is not None and stored[0] == version:
                _version, content, content_type, placeholder = stored
                response = HttpResponse(
                    _with_token(request, zlib.decompress(content), placeholder),
                    content_type=content_type,
                )
                response[HEADER] = "hit"
                patch_vary_headers(response, ["Cookie"])
                return response
            # Unguessable, so that no text on the page can pass for it.
            placeholder = f"csrf-placeholder-{secrets.token_hex(16)}"
            setattr(request, CSRF_PLACEHOLDER, placeholder)
            try:
                response = view(request, *args, **kwargs)
                if isinstance(response, SimpleTemplateResponse):
                    response.render()  # now, while the placeholder stands in for the token
            finally:
                delattr(request, CSRF_PLACEHOLDER)
            if _storable(request, response) and _within_budget(budget):
                compressed = zlib.compress(response.content, 1)
                cache.set(
                    key,
                    (version, compressed, response["Content-Type"], placeholder),
                    settings.PAGE_CACHE_SECONDS,
                )
                response[HEADER] = "miss"
            if not response.streaming:
                response.content = _with_token(request, response.content, placeholder)
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapper

    return decorator
