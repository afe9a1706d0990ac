"""Sitemap sections of the association's pages; a news post or an event is listed in the languages it is
written in, each with its alternates (hreflang)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event, NewsPost, WorkingGroup


class AssociationSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class AssociationPagesSitemap(AssociationSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "association:about",
            "association:membership",
            "association:news",
            "association:events",
            "association:working_groups",
        ]

    def location(self, item):
        return reverse(item)


class WrittenInSitemap(AssociationSitemap):
    """Items written in fewer than three languages are listed in those only."""

    def get_languages_for_item(self, item):
        return item.languages

    def lastmod(self, item):
        return item.updated_at


class NewsSitemap(WrittenInSitemap):
    changefreq = "monthly"

    def items(self):
        return NewsPost.objects.published().order_by("pk")


class EventsSitemap(WrittenInSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("pk")


class WorkingGroupsSitemap(WrittenInSitemap):
    changefreq = "monthly"

    def items(self):
        return WorkingGroup.objects.active().order_by("pk")


ASSOCIATION_SITEMAPS = {
    "association": AssociationPagesSitemap,
    "news": NewsSitemap,
    "events": EventsSitemap,
    "working-groups": WorkingGroupsSitemap,
}
