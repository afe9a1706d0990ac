"""Sitemap sections of the directory: the two listings, every listed member and every listed item."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Equipment, listed_memberships


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
        members = listed_memberships().order_by("pk").select_related("profile")
        return members.only("updated_at", "profile__slug", "profile__updated_at")

    def location(self, member):
        return reverse("directory:member", args=[member.profile.slug])

    def lastmod(self, member):
        """The membership's or its profile's last change, whichever is later."""
        return max(member.updated_at, member.profile.updated_at)


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
