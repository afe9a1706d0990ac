"""The sitemap: one section per app, each URL with its three language alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": StaticPagesSitemap}


# enquiries: the contact page
class ContactPageSitemap(StaticPagesSitemap):
    def items(self):
        return ["enquiries:contact"]


SITEMAPS["contact"] = ContactPageSitemap
