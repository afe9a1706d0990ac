"""The sitemap: one section per app, each URL with its three language alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from association.sitemaps import ASSOCIATION_SITEMAPS
from directory.sitemaps import DIRECTORY_SITEMAPS
from privacy.sitemaps import PrivacyPagesSitemap


class StaticPagesSitemap(Sitemap):
    """Pages without an object behind them: home, contact, applying."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["home", "enquiries:contact", "accreditation:apply"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "privacy": PrivacyPagesSitemap,
    **DIRECTORY_SITEMAPS,
    **ASSOCIATION_SITEMAPS,
}
