"""Documents for programs rather than people (Atom feeds, the directory's open data), kept in the shared cache.

They follow the page cache's version (dkz_site.page_cache.listing_version): any change to what the pages show
replaces them too, and like pages they are kept one day at most, PAGE_CACHE_SECONDS at a time. Unlike pages they
keep their headers: each carries Last-Modified and an ETag, and answers a conditional GET with 304.

Last-Modified is the moment the document's content last changed, found by comparing a digest of each new build
with the previous one's (kept in the cache without expiry). The rows' own dates cannot tell it: a member that left
the directory, or withdrew its consent to publication, leaves no row in the listing to carry the date of its
departure, and a reader told "not modified" would keep publishing it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .page_cache import listing_version


@dataclass(frozen=True)
class MachineDocument:
    body: bytes
    content_type: str
    last_modified: int  # seconds since the epoch
    etag: str


def _changed_at(name: str, digest: str) -> int:
    key = f"documents:changed:{name}"
    known = cache.get(key)
    if known is not None and known[0] == digest:
        return known[1]
    now = int(time.time())
    cache.set(key, (digest, now), timeout=None)
    return now


def cached_document(name: str, build: Callable[[], tuple[bytes, str]]) -> MachineDocument:
    """The document called `name` (it must name everything the body depends on: host, language, format),
    built by `build() -> (body, content type)` only when the cached one is out of date."""
    key = f"documents:{timezone.localdate().isoformat()}:{name}"
    version = listing_version()
    stored = cache.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    body, content_type = build()
    digest = hashlib.sha256(body).hexdigest()
    document = MachineDocument(
        body=body,
        content_type=content_type,
        last_modified=_changed_at(name, digest),
        etag=f'"{digest[:32]}"',
    )
    cache.set(key, (version, document), settings.PAGE_CACHE_SECONDS)
    return document


def document_response(request, document: MachineDocument, headers: dict | None = None):
    """The document, or 304 Not Modified when the client already has this version."""
    response = get_conditional_response(
        request, etag=document.etag, last_modified=document.last_modified
    )
    if response is None:
        response = HttpResponse(document.body, content_type=document.content_type)
    response["ETag"] = document.etag
    response["Last-Modified"] = http_date(document.last_modified)
    for name, value in (headers or {}).items():
        response[name] = value
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    return response
