"""Atom feeds of the site (news, new members): Django's syndication framework, kept in the shared cache.

Atom (RFC 4287) requires an `updated` date on every entry and on the feed: each feed gives one for every item, and
an empty feed is dated by a fixed moment rather than "now", so that rebuilding it changes nothing. Titles are plain
text (Django escapes them for RSS, which would show `&amp;` in an Atom reader), and an entry may carry its full
text as `content`.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

from .machine_documents import cached_document, document_response

EMPTY_FEED_UPDATED = datetime.datetime(2026, 5, 14, tzinfo=datetime.UTC)  # the site's first policy


class AtomFeed(Atom1Feed):
    def latest_post_date(self):
        if not self.items:
            return EMPTY_FEED_UPDATED
        return super().latest_post_date()

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class CachedAtomFeed(Feed):
    """A feed in the page's language, built once per change of what the site shows (dkz_site.machine_documents)."""

    feed_type = AtomFeed
    cache_name = "feed"

    def __call__(self, request, *args, **kwargs):
        name = f"{self.cache_name}:{request.scheme}://{request.get_host()}:{get_language()}"
        document = cached_document(name, lambda: self._build(request, *args, **kwargs))
        return document_response(request, document)

    def _build(self, request, *args, **kwargs) -> tuple[bytes, str]:
        feed = self.get_feed(self.get_object(request, *args, **kwargs), request)
        return feed.writeString("utf-8").encode(), feed.content_type

    def item_title(self, item):
        return str(item)  # plain text in Atom: no double escaping

    def item_extra_kwargs(self, item):
        content = self.item_content(item)
        return {"content": content} if content else {}

    def item_content(self, item) -> str:
        return ""
