from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PrivacyPagesSitemap(Sitemap):
    """The policy in force and the cookies page, in each language."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["privacy:policy", "privacy:cookies"]

    def location(self, item):
        return reverse(item)
