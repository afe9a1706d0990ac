"""The GET forms of the directory and the catalogue.

Any value of any parameter is answered: a value that does not validate is ignored (shown as "all"), never an
error page, because these URLs are shared, bookmarked and crawled.
"""

from django import forms
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership
from accreditation.regions import Region
from dkz_site.widgets import PlainSearchInput, PlainSelect

from .models import Category, members_with_category

Q_MAX_LENGTH = 100


class SortOrder:
    NAME = "name"
    NEWEST = "newest"
    CHOICES = [(NAME, _("Name (A–Z)")), (NEWEST, _("Newest members first"))]


class LenientForm(forms.Form):
    """A filter form whose valid fields apply even when another field's value is nonsense."""

    def filters(self) -> dict:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) for name in self.fields if name not in self.errors}

    def clean_q(self):
        return " ".join((self.cleaned_data.get("q") or "").split())[:Q_MAX_LENGTH]


class MemberFilterForm(LenientForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Company name, a word from its description, or its BIN."),
        widget=PlainSearchInput(attrs={"maxlength": Q_MAX_LENGTH}),
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
        widget=PlainSelect,
    )
    category = forms.ChoiceField(
        label=_("Equipment"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
        widget=PlainSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SortOrder.CHOICES, widget=PlainSelect
    )

    def apply(self, members):
        """Filter and order listed members as the form says."""
        chosen = self.filters()
        if chosen.get("q"):
            members = members.search(chosen["q"])
        if chosen.get("region"):
            members = members.filter(region=chosen["region"])
        if chosen.get("category"):
            members = members_with_category(members, chosen["category"])
        if chosen.get("sort") == SortOrder.NEWEST:
            return members.order_by("-starts_on", "company_name", "pk")
        return members.order_by("company_name", "pk")

    def order_for_few(self):
        """The same order as `apply`, through an expression the name index cannot serve, for a list known to
        be short: PostgreSQL then finds the few matches by the trigram or region index and sorts them, instead
        of walking the name index past every other member (55,000 rows for a name starting with T, at
        100,000 members)."""
        if self.filters().get("sort") == SortOrder.NEWEST:
            return None
        return [Coalesce("company_name", Value("")), "pk"]

    @property
    def is_filtered(self) -> bool:
        chosen = self.filters()
        return any(chosen.get(name) for name in ("q", "region", "category"))


class EquipmentFilterForm(LenientForm):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
        widget=PlainSelect,
    )
    # A member's profile links here with its slug. No select of every member: at 100,000 members it would
    # weigh megabytes; the chosen member is named above the list instead, with a link back to all.
    member = forms.SlugField(required=False, widget=forms.HiddenInput)

    def clean_member(self):
        """The listed member with that slug, or None (an unknown slug shows every member's items)."""
        slug = self.cleaned_data.get("member")
        if not slug:
            return None
        return (
            Membership.objects.listed().filter(slug=slug).only("pk", "slug", "company_name").first()
        )

    @property
    def chosen_member(self):
        return self.filters().get("member")

    def apply(self, items):
        chosen = self.filters()
        if chosen.get("category"):
            items = items.filter(category=chosen["category"])
        if chosen.get("member"):
            items = items.filter(member=chosen["member"])
        return items.order_by("name", "pk")

    @property
    def is_filtered(self) -> bool:
        chosen = self.filters()
        return any(chosen.get(name) for name in ("category", "member"))
