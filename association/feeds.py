"""The news feed: an Atom feed per language, of the posts written in that language."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dkz_site.feeds import CachedAtomFeed

from .markdown import render_markdown
from .models import NewsPost

FEED_ITEMS = 20


class NewsFeed(CachedAtomFeed):
    cache_name = "news-feed"

    def title(self):
        return _("Digital Kazakhstan: news")

    def subtitle(self):
        return _("News of the Digital Kazakhstan association of digital and technology companies.")

    def link(self):
        return reverse("association:news")

    def author_name(self):
        return settings.ASSOCIATION["name"]

    def items(self):
        language = get_language()[:2]
        return NewsPost.objects.published().written_in(language).latest_first()[:FEED_ITEMS]

    def item_title(self, item):
        return item.localised("title")

    def item_description(self, item):
        summary = item.localised("summary")
        return escape(summary) if summary else None  # plain text, in an element of type "html"

    def item_content(self, item):
        return str(render_markdown(item.localised("body")))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated_at)
