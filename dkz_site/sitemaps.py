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


# accreditation: the application page.
class AccreditationSitemap(StaticPagesSitemap):
    def items(self):
        return ["accreditation:apply"]


SITEMAPS = {"pages": StaticPagesSitemap}
SITEMAPS["accreditation"] = AccreditationSitemap
