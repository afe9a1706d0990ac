"""The GET forms of the directory and the catalogue.

Any value of any parameter is answered: a value that does not validate is ignored (shown as "all"), never an
error page, because these URLs are shared, bookmarked and crawled.
"""

from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass
from django.utils.translation import gettext_lazy as _

from accreditation.regions import Region
from dkz_site.compiled import CompiledQuery
from dkz_site.page_cache import one_of, page_number
from dkz_site.widgets import PlainSearchInput, PlainSelect

from . import listing
from .compiled_lists import CompiledList
from .models import Category, members_with_category, page_language
from .oked import FILTER_CHOICES
from .search import member_search, query_words, search_members, with_words

Q_MAX_LENGTH = 100


class SortOrder:
    NAME = "name"
    NEWEST = "newest"
    CHOICES = [(NAME, _("Name (A–Z)")), (NEWEST, _("Newest members first"))]


class _SharedFields(dict):
    """A form's fields, shared by its instances rather than deep-copied for each (a filter form's selects and
    their choices: a third of a millisecond per list page). Nothing changes a filter form's fields per request."""

    def __deepcopy__(self, memo):
        return dict(self)


class _SharingFields(DeclarativeFieldsMetaclass):
    def __new__(mcs, name, bases, attrs):
        form = super().__new__(mcs, name, bases, attrs)
        form.base_fields = _SharedFields(form.base_fields)
        return form


class LenientForm(forms.Form, metaclass=_SharingFields):
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
        help_text=_("Company name, words from its description, its region or city, or its BIN."),
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
    oked = forms.ChoiceField(
        label=_("Line of business"),
        required=False,
        choices=[("", _("All lines of business")), *FILTER_CHOICES],
        widget=PlainSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SortOrder.CHOICES, widget=PlainSelect
    )

    @classmethod
    def shared_values(cls) -> dict:
        """The values of each parameter whose pages every visitor shares (for the page cache; `q` is free text)."""
        fields = cls.base_fields
        return {
            "region": one_of(value for value, _label in fields["region"].choices),
            "category": one_of(value for value, _label in fields["category"].choices),
            "oked": one_of(value for value, _label in fields["oked"].choices),
            "sort": one_of(value for value, _label in fields["sort"].choices),
            "page": page_number(listing.MAX_PAGES),
        }

    def apply(self, members):
        """Filter and order listed members as the form says."""
        chosen = self.filters()
        if chosen.get("q"):
            members = search_members(members, chosen["q"])
        return self.filtered(members, **self._values(), sort=chosen.get("sort") or "")

    @staticmethod
    def filtered(
        members,
        *,
        bin=None,
        words=None,
        region=None,
        category=None,
        oked=None,
        sort="",
        few=False,
    ):
        """`members` found by a search (the `bin`, or each of the `words` in the profile's search column:
        `search.member_search`), in the region, offering the category, in the line of business (each when
        given), in the order chosen (by name in the order for a short list when `few`: see
        `listing.by_name_for_few`)."""
        if bin is not None:
            members = members.filter(bin=bin)
        if words is not None:
            members = with_words(members, words, "profile__search_text")
        if region is not None:
            members = members.filter(region=region)
        if category is not None:
            members = members_with_category(members, category)
        if oked is not None:
            members = members.filter(profile__oked_sections__contains=oked)
        if sort == SortOrder.NEWEST:
            return members.order_by(*listing.newest_first())
        return members.order_by(*(listing.by_name_for_few() if few else listing.by_name()))

    def _values(self) -> dict:
        """The filters chosen but the search, as `filtered` takes them."""
        chosen = self.filters()
        return {name: chosen[name] for name in ("region", "category", "oked") if chosen.get(name)}

    def listed(self):
        """The list of listed members the form asks for, compiled (`MEMBER_LIST`), searches included; None
        for a search with no word to look for (it finds nothing)."""
        values = self._values()
        if self.is_search:
            found = member_search(self.filters()["q"])
            if found is not None:
                if found.get("words") == []:
                    return None
                values = {**found, **values}
        return MEMBER_LIST.bind(values, sort=self.filters().get("sort") or "")

    def order_for_few(self):
        """The same order as `apply`, for a list known to be short (see `listing.by_name_for_few`)."""
        if self.filters().get("sort") == SortOrder.NEWEST:
            return None
        return listing.by_name_for_few()

    @property
    def is_search(self) -> bool:
        return bool(self.filters().get("q"))

    def count_key(self) -> str | None:
        """What the list's count depends on, when every visitor asking for it shares it (no search text)."""
        if self.is_search:
            return None
        chosen = self.filters()
        key = f"members:{chosen.get('region') or ''}:{chosen.get('category') or ''}"
        return f"{key}:{chosen['oked']}" if chosen.get("oked") else key

    def counted(self):
        """The list's count from the directory's counts per region and category, unless it is a search or
        filtered by line of business (then counted once per change of the directory under `count_key`)."""
        chosen = self.filters()
        if self.is_search or chosen.get("oked"):
            return None
        combination = (chosen.get("region") or "", chosen.get("category") or "")
        return lambda: listing.member_counts().get(combination, 0)

    @property
    def is_filtered(self) -> bool:
        chosen = self.filters()
        return any(chosen.get(name) for name in ("q", "region", "category", "oked"))


class EquipmentFilterForm(LenientForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Words from the item’s name, model or description, in any language."),
        widget=PlainSearchInput(attrs={"maxlength": Q_MAX_LENGTH}),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
        widget=PlainSelect,
    )
    supplier = forms.CharField(
        label=_("Member"),
        required=False,
        help_text=_("The company’s name or BIN."),
        widget=PlainSearchInput(attrs={"maxlength": Q_MAX_LENGTH}),
    )
    # A member's profile links here with its slug. No select of every member: at 100,000 members it would
    # weigh megabytes; the chosen member is named above the list instead, with a link back to all.
    member = forms.SlugField(required=False, widget=forms.HiddenInput)

    @classmethod
    def shared_values(cls) -> dict:
        """The values of each parameter whose pages every visitor shares (`member`, a slug, is free text)."""
        return {
            "category": one_of(value for value, _label in cls.base_fields["category"].choices),
            "page": page_number(listing.MAX_PAGES),
        }

    def clean_supplier(self):
        return " ".join((self.cleaned_data.get("supplier") or "").split())[:Q_MAX_LENGTH]

    def clean_member(self):
        """The listed member with that slug, or None (an unknown slug shows every member's items)."""
        slug = self.cleaned_data.get("member")
        if not slug:
            return None
        return next(iter(LISTED_MEMBER_BY_SLUG.objects(slug)), None)

    @property
    def chosen_member(self):
        return self.filters().get("member")

    def apply(self, items):
        """Filter the listed items as the form says: every word of the search in the item's names, model or
        descriptions (`search.matching`), the category, and the member (by name or BIN, or a profile's slug)."""
        chosen = self.filters()
        if chosen.get("supplier"):
            items = items.filter(
                member__in=search_members(listing.listed_members(), chosen["supplier"])
            )
        return self.filtered(items, **self._values(), language=page_language())

    @staticmethod
    def filtered(items, *, category=None, member=None, words=None, language=None, few=False):
        """`items` of the category, of the member (its id), with each of the words in their search column
        (`query_words`), each when given, by the name the page in `language` shows."""
        if category is not None:
            items = items.filter(category=category)
        if member is not None:
            items = items.filter(member=member)
        if words is not None:
            items = with_words(items, words, "search_text")
        return items.by_name(language)

    def _values(self) -> dict:
        """The filters chosen but the supplier, as `filtered` takes them."""
        chosen = self.filters()
        values = {}
        if chosen.get("category"):
            values["category"] = chosen["category"]
        if member := chosen.get("member"):
            values["member"] = member.pk
        if chosen.get("q"):
            values["words"] = query_words(chosen["q"])
        return values

    def listed(self):
        """The list of listed items the form asks for, compiled (`ITEM_LIST`); None when narrowed to the
        members a search by name or BIN finds, or when the search has no word to look for."""
        values = self._values()
        if self.filters().get("supplier") or values.get("words") == []:
            return None
        return ITEM_LIST.bind(values, language=page_language())

    def count_key(self) -> str | None:
        """The catalogue's count by category is shared by every visitor; a search's or a member's few items are
        not kept."""
        chosen = self.filters()
        if chosen.get("member") or chosen.get("q") or chosen.get("supplier"):
            return None
        return f"equipment:{chosen.get('category') or ''}"

    @property
    def is_filtered(self) -> bool:
        chosen = self.filters()
        return any(chosen.get(name) for name in ("q", "category", "supplier", "member"))


# The lists of the two forms, compiled once a day per filters (see `compiled_lists`), and the member a catalogue
# page is narrowed to, by its profile's slug.
MEMBER_LIST = CompiledList(
    lambda **chosen: MemberFilterForm.filtered(listing.listed_members(), **chosen)
)
ITEM_LIST = CompiledList(
    lambda **chosen: EquipmentFilterForm.filtered(listing.listed_items(), **chosen)
)
LISTED_MEMBER_BY_SLUG = CompiledQuery(
    lambda slug: (
        listing.listed_members()
        .filter(profile__slug=slug)
        .select_related("profile")
        .only("pk", "company_name", "profile__slug")[:1]
    )
)
