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

# directory: the members directory, member profiles and the equipment catalogue
from directory.sitemaps import DIRECTORY_SITEMAPS  # noqa: E402

SITEMAPS.update(DIRECTORY_SITEMAPS)

# privacy-core
from privacy.sitemaps import PrivacyPagesSitemap  # noqa: E402

SITEMAPS["privacy"] = PrivacyPagesSitemap


# enquiries: the contact page
class ContactPageSitemap(StaticPagesSitemap):
    def items(self):
        return ["enquiries:contact"]


SITEMAPS["contact"] = ContactPageSitemap
