"""Sitemap sections of the directory: the two listings, every listed member and every listed item."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from accreditation.models import Membership

from .models import Equipment


class DirectorySitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class DirectoryPagesSitemap(DirectorySitemap):
    changefreq = "daily"

    def items(self):
        return ["directory:members", "directory:equipment_list", "directory:map"]

    def location(self, item):
        return reverse(item)


class MembersSitemap(DirectorySitemap):
    changefreq = "weekly"

    def items(self):
        return Membership.objects.listed().order_by("pk").only("slug", "updated_at")

    def location(self, member):
        return reverse("directory:member", args=[member.slug])

    def lastmod(self, member):
        return member.updated_at


class EquipmentSitemap(DirectorySitemap):
    changefreq = "weekly"

    def items(self):
        return Equipment.objects.listed().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


DIRECTORY_SITEMAPS = {
    "directory": DirectoryPagesSitemap,
    "members": MembersSitemap,
    "equipment": EquipmentSitemap,
}
