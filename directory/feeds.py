"""New members as an Atom feed per language: the latest listed members, with their public profile only."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from dkz_site.feeds import CachedAtomFeed

from .models import listed_memberships

FEED_ITEMS = 30


class NewMembersFeed(CachedAtomFeed):
    cache_name = "members-feed"

    def title(self):
        return _("Digital Kazakhstan: new members")

    def subtitle(self):
        return _(
            "Companies newly accredited by the Digital Kazakhstan association and listed in its directory."
        )

    def link(self):
        return reverse("directory:members")

    def author_name(self):
        return settings.ASSOCIATION["name"]

    def feed_copyright(self):
        licence = settings.OPEN_DATA_LICENCE
        return _("Licence: %(name)s, %(url)s") % licence

    def items(self):
        return (
            listed_memberships()
            .order_by("-starts_on", "-pk")
            .select_related("profile")
            .only(
                "company_name",
                "region",
                "starts_on",
                "profile__slug",
                "profile__description_kk",
                "profile__description_ru",
                "profile__description_en",
            )[:FEED_ITEMS]
        )

    def item_title(self, member):
        return member.company_name

    def item_link(self, member):
        return reverse("directory:member", args=[member.profile.slug])

    def item_description(self, member):
        parts = [str(member.region_label), member.profile.description()]
        return escape(
            " · ".join(part for part in parts if part)
        )  # plain text, in an element of type "html"

    def _joined(self, member):
        midnight = datetime.datetime.combine(member.starts_on, datetime.time())
        return timezone.make_aware(midnight)

    def item_pubdate(self, member):
        return self._joined(member)

    def item_updateddate(self, member):
        return self._joined(
            member
        )  # the entry is the news of joining; later profile edits are not news
