from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import formats, translation
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership
from dkz_site.collation import COLLATIONS, Alphabetical, sort_key
from dkz_site.validators import validate_email_address

from .images import validate_equipment_image
from .oked import normalise_sections, section_labels
from .search import searched_text, transliterate

# Addresses under /members/ that are pages of their own, never a member's profile.
RESERVED_SLUGS = frozenset({"feed", "map", "verify"})

# The profile's texts the search column is made of, with the company's name.
SEARCHED_FIELDS = ("description_kk", "description_ru", "description_en")


def listed_memberships(today=None):
    """Memberships shown in the public directory: active, consented to publication (the profile's
    `is_published`), and not blocked."""
    return Membership.objects.active(today).filter(profile__is_published=True).not_blocked()


class MemberProfile(models.Model):
    """A member's public profile: what the directory shows and searches, and what a member may edit. The
    membership (accreditation) keeps the legal and contractual facts: name, BIN, region, contact, term."""

    privacy_coverage_exempt = {
        "retention": "deleted with its membership (accreditation's member rule)"
    }

    membership = models.OneToOneField(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(
        _("public contact email"), blank=True, validators=[validate_email_address]
    )
    public_phone = models.CharField(_("public contact phone"), max_length=40, blank=True)
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("The office address visitors see, as the company writes it."),
    )
    # The company's OKED sections as letters in the classifier's order ("JM"): `oked.normalise_sections`.
    oked_sections = models.CharField(
        _("line of business (OKED sections)"),
        max_length=21,
        blank=True,
        help_text=_("Letters of the OKED sections, A to U, for example JM."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[validate_equipment_image],
        help_text=_("JPEG, PNG or WebP, at most 2 MB and 4000 × 4000 pixels."),
    )
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_published = models.BooleanField(
        _("listed in the directory"),
        default=False,
        help_text=_(
            "Only with the company's consent to publication; withdrawing it unlists at once."
        ),
    )
    # The company's name, descriptions and region's names, folded for the search (`search.fold`); set on save.
    search_text = models.TextField(editable=False, blank=True, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.membership.company_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        self.oked_sections = normalise_sections(self.oked_sections)
        self.search_text = self.searched_text()
        super().save(*args, **kwargs)

    def searched_text(self) -> str:
        membership = self.membership
        texts = [membership.company_name] + [getattr(self, name) for name in SEARCHED_FIELDS]
        return searched_text(*texts, region=membership.region)

    def description(self, language=None) -> str:
        """In the page's language, falling back to another language that has a text."""
        language = (language or get_language() or "kk")[:2]
        order = [language] + [code for code in ("kk", "ru", "en") if code != language]
        for code in order:
            text = getattr(self, f"description_{code}", "")
            if text:
                return text
        return ""

    @property
    def oked_labels(self) -> list[str]:
        """The line of business as the page shows it: "J — Information and communication", ..."""
        return section_labels(self.oked_sections)

    def _unique_slug(self) -> str:
        membership = self.membership
        base = slugify(transliterate(membership.company_name))[:200] or f"member-{membership.bin}"
        slug, n = base, 2
        while slug in RESERVED_SLUGS or type(self).objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Category(models.TextChoices):
    """Kinds of equipment members offer; the catalogue filters and the member cards use them."""

    SERVERS = "servers", _("Servers")
    NETWORK = "network", _("Network equipment")
    STORAGE = "storage", _("Data storage")
    WORKSTATIONS = "workstations", _("Workstations and laptops")
    PRINTERS_3D = "3d-printers", _("3D printers")
    MEASUREMENT = "measurement", _("Test and measurement")
    DRONES = "drones", _("Drones")
    IOT = "iot", _("IoT devices and sensors")


CATEGORY_LABELS = dict(Category.choices)  # lazy labels: translated when shown


def alphabetical_name(language: str = "kk", *, use_index: bool = True) -> Alphabetical:
    """Items by the name a page in `language` shows (its own, else the fallback `name`), in that language's
    alphabetical order, as the catalogue's indexes for that language have them (directory migrations 0005 and
    0014)."""
    if language == "kk":  # the Kazakh name, else the fallback: `name` itself
        return Alphabetical("name", "name_sort_key", use_index=use_index)
    shown = Coalesce(NullIf(F(f"name_{language}"), Value("")), F("name"))
    return Alphabetical(
        shown,
        f"name_sort_key_{language}",
        use_index=use_index,
        collation=COLLATIONS[language][0],
    )


class EquipmentQuerySet(models.QuerySet):
    def by_name(self, language: str | None = None):
        """By the name shown in `language` (the page's by default) in that language's alphabetical order, read
        in the order of the catalogue's index for it."""
        return self.order_by(alphabetical_name(page_language(language)), "pk")

    def listed(self, today=None):
        """Shown publicly only while the member itself is listed (P07, P19)."""
        return self.filter(member__in=listed_memberships(today))

    def with_specifications(self):
        """Items with their specifications, each with its field and choice: one query for all of them."""
        rows = Specification.objects.select_related("field", "choice")
        return self.prefetch_related(models.Prefetch("specifications", queryset=rows))

    def for_catalogue_page(self, ids):
        """The items of a catalogue page (`ids`: a subquery of listed items), with what a card shows, in one
        query."""
        return (
            self.filter(pk__in=ids)
            .select_related("member__profile")
            .only(
                "id",
                "name_kk",
                "name_ru",
                "name_en",
                "category",
                "model",
                "member__company_name",
                "member__profile__slug",
            )
        )


def specifications_of(item_ids):
    """The specifications of these items, each with its field and choice (`with_specifications` for a compiled
    read: `dkz_site.compiled`)."""
    return Specification.objects.filter(equipment__in=item_ids).select_related("field", "choice")


def members_with_category(queryset, category: str):
    """Members that offer at least one item of `category`."""
    items = Equipment.objects.filter(member=OuterRef("pk"), category=category)
    return queryset.filter(Exists(items))


class _Categories(models.Aggregate):
    """The distinct categories of a member's items, joined by commas, in no particular order."""

    function = "STRING_AGG"
    template = "%(function)s(DISTINCT %(expressions)s, ',')"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(DISTINCT %(expressions)s)",
        )


def offered_categories():
    """For a member (a membership queryset's row), the categories of its items: a subquery answered from the
    `equipment_member_category` index, read with the page's cards instead of by a query of its own."""
    items = Equipment.objects.filter(member=OuterRef("pk")).order_by().values("member")
    return Subquery(items.annotate(codes=_Categories("category")).values("codes"))


def category_labels(codes: str | None) -> list:
    """The labels of `offered_categories()`'s answer, in the categories' order by code."""
    return [CATEGORY_LABELS.get(code, code) for code in sorted((codes or "").split(",")) if code]


LANGUAGE_CODES = ("kk", "ru", "en")
# An item's texts its search column is made of.
ITEM_SEARCHED_FIELDS = (
    "name_kk",
    "name_ru",
    "name_en",
    "model",
    "description_kk",
    "description_ru",
    "description_en",
)


class Translated(str):
    """A text in the language it was found in: `lang` is that language, `fallback` says it is not the page's.

    Templates write `lang="{{ text.lang }}"` on fallbacks so screen readers switch voice, and say which
    language the text is in (`language_name`)."""

    lang: str
    fallback: bool

    def __new__(cls, text: str, lang: str, fallback: bool = False):
        value = super().__new__(cls, text)
        value.lang = lang
        value.fallback = fallback
        return value

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.lang, self.lang))


# "in Kazakh" as a note after a text shown in another language than the page's.
LANGUAGE_NAMES = {
    "kk": pgettext_lazy("text shown in", "in Kazakh"),
    "ru": pgettext_lazy("text shown in", "in Russian"),
    "en": pgettext_lazy("text shown in", "in English"),
}


def page_language(language: str | None = None) -> str:
    code = (language or get_language() or "kk")[:2]
    return code if code in LANGUAGE_CODES else "kk"


def in_language(obj, field: str, language: str | None = None) -> Translated:
    """`obj.<field>_<language>` for the page's language, else the first of kk, ru, en that has a text (marked as
    a fallback); empty when none has."""
    wanted = page_language(language)
    for code in (wanted, *(c for c in LANGUAGE_CODES if c != wanted)):
        text = getattr(obj, f"{field}_{code}", "") or ""
        if text:
            return Translated(text, code, fallback=code != wanted)
    return Translated("", wanted)


class Equipment(models.Model):
    """An item of equipment a member offers, shown in the public catalogue.

    Its name and description are given per language (`name_kk`, `name_ru`, `name_en`, the same for
    `description_`); at least one name is required. `name_in(language)` and `description_in(language)` give
    the page's language or a marked fallback. `name` is not edited: it is the first name given (kk, ru, en), the
    one the admin lists and Kazakh pages sort by; Russian and English pages sort by their own name (else `name`) in
    their own alphabetical order (`alphabetical_name(language)`).

    Its specifications are `Specification` rows, each a value of one of its category's `SpecificationField`s
    (the vocabulary): set them with `specify(key, value)`; read them with `specification_rows()`."""

    member = models.ForeignKey(
        Membership,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="equipment",
    )
    name = models.CharField(_("name"), max_length=200, editable=False)
    name_kk = models.CharField(
        pgettext_lazy("equipment item", "name (Kazakh)"), max_length=200, blank=True
    )
    name_ru = models.CharField(
        pgettext_lazy("equipment item", "name (Russian)"), max_length=200, blank=True
    )
    name_en = models.CharField(
        pgettext_lazy("equipment item", "name (English)"), max_length=200, blank=True
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    model = models.CharField(_("model"), max_length=200, blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    image = models.ImageField(
        _("image"),
        upload_to="equipment/",
        blank=True,
        validators=[validate_equipment_image],
        help_text=_("JPEG, PNG or WebP, at most 2 MB and 4000 × 4000 pixels."),
    )
    # The name's sort key for databases without ICU (dkz_site/collation.py); set on every save.
    name_sort_key = models.TextField(editable=False, blank=True, default="")
    # The sort keys of the names Russian and English pages show (theirs, else `name`), in their own order.
    name_sort_key_ru = models.TextField(editable=False, blank=True, default="")
    name_sort_key_en = models.TextField(editable=False, blank=True, default="")
    # Names, model and descriptions in every language, folded for the catalogue's search (`search.fold`).
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment")
        ordering = [Alphabetical("name", "name_sort_key"), "id"]
        indexes = [
            # "Does this member offer this category?" from the index alone (the directory's category filter).
            # The catalogue's orders have covering indexes of their own (directory migration 0005).
            models.Index(fields=["member", "category"], name="equipment_member_category"),
        ]

    def __str__(self):
        return self.name or self.name_in()

    def save(self, *args, **kwargs):
        self.name = self.name_kk or self.name_ru or self.name_en or self.name
        self.name_sort_key = sort_key(self.name)
        self.name_sort_key_ru = sort_key(self.name_ru or self.name, "ru")
        self.name_sort_key_en = sort_key(self.name_en or self.name, "en")
        self.search_text = self.searched_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:equipment_detail", args=[self.pk])

    def clean(self):
        if not (self.name_kk or self.name_ru or self.name_en):
            raise ValidationError(_("Give the item's name in at least one language."))

    def searched_text(self) -> str:
        return searched_text(*(getattr(self, name) for name in ITEM_SEARCHED_FIELDS))

    def name_in(self, language: str | None = None) -> Translated:
        """The name in `language` (the page's by default), else a marked fallback."""
        return in_language(self, "name", language)

    def description_in(self, language: str | None = None) -> Translated:
        return in_language(self, "description", language)

    @property
    def display_name(self) -> Translated:
        """The name in the page's language (for templates)."""
        return self.name_in()

    @property
    def display_description(self) -> Translated:
        return self.description_in()

    @property
    def category_label(self) -> str:
        """The category's name without translating every category's to find it (see Membership.region_label)."""
        return CATEGORY_LABELS.get(self.category, self.category)

    def specify(self, key: str, value) -> Specification:
        """Set the specification `key` (a `SpecificationField.key` of the item's category) to `value`: a number,
        True/False, a choice's key or label, or text; a string is read as the field's type (`parse`). Replaces
        an earlier value of the same field. Raises `SpecificationField.DoesNotExist` for a key the category's
        vocabulary lacks, `ValidationError` for a value the field cannot take."""
        spec_field = SpecificationField.objects.get(category=self.category, key=key)
        columns = spec_field.parse(value)
        spec, _created = Specification.objects.update_or_create(
            equipment=self, field=spec_field, defaults=columns
        )
        return spec

    def specification_rows(self) -> list[Specification]:
        """The item's specifications in the vocabulary's order (group, then field order). Reads prefetched
        `specifications` (with `field` and `choice`: `Equipment.objects.with_specifications()`)."""
        return sorted(self.specifications.all(), key=lambda spec: spec.field.sort_key)

    def specification_groups(self) -> list[tuple[str, list[Specification]]]:
        """`specification_rows()` under their group's heading: [(heading, rows), ...]."""
        groups: list[tuple[str, list[Specification]]] = []
        for spec in self.specification_rows():
            heading = spec.field.group_label
            if not groups or groups[-1][0] != heading:
                groups.append((heading, []))
            groups[-1][1].append(spec)
        return groups


class SpecificationGroup(models.TextChoices):
    """Headings the rows of a specification table and a comparison are grouped under, in this order."""

    GENERAL = "general", _("General")
    PERFORMANCE = "performance", _("Performance")
    CONNECTIVITY = "connectivity", _("Connectivity")
    POWER = "power", _("Power")
    PHYSICAL = "physical", _("Size and weight")
    ENVIRONMENT = "environment", _("Operating conditions")


GROUP_ORDER = {value: n for n, value in enumerate(SpecificationGroup.values)}
GROUP_LABELS = dict(SpecificationGroup.choices)


class ValueType(models.TextChoices):
    NUMBER = "number", _("number (with the field's unit)")
    BOOLEAN = "boolean", _("yes or no")
    CHOICE = "choice", _("one of the field's choices")
    TEXT = "text", _("text")


_NUMBER = re.compile(r"^\s*([-−+]?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(.*?)\s*$")
_YES = {"yes", "y", "true", "1", "да", "есть", "иә", "бар", "+"}
_NO = {"no", "n", "false", "0", "нет", "жоқ", "-", "—"}


def _one_line(text) -> str:
    """A value typed on one line: runs of spaces and line breaks made one space; a no-break space kept (it holds
    "3 аккумулятора" together)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", str(text or "")).strip()


def _folded(text: str) -> str:
    return " ".join(str(text).split()).casefold()


class SpecificationField(models.Model):
    """One entry of a category's specification vocabulary: what is specified (label per language), in which
    unit and as which type of value. Items of a category are described with its fields, so their values line
    up in a comparison whatever language each member wrote in.

    Value types: `number` (a decimal in `unit`, e.g. memory in GB), `boolean` (yes/no), `choice` (one of the
    field's `SpecificationChoice`s, each labelled per language), `text` (either the same in every language:
    model numbers, lists of standards; or in words, given per language). The admin offers a category's fields, in `order`, when an item is
    added; `parse(raw)` reads what a person typed into the value's columns."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    key = models.SlugField(
        _("key"), max_length=50, help_text=_("A short name for programs, unique in the category.")
    )
    group = models.CharField(
        _("group"),
        max_length=20,
        choices=SpecificationGroup.choices,
        default=SpecificationGroup.GENERAL,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    value_type = models.CharField(
        _("type of value"), max_length=10, choices=ValueType.choices, default=ValueType.TEXT
    )
    label_kk = models.CharField(_("label (Kazakh)"), max_length=100)
    label_ru = models.CharField(_("label (Russian)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)
    unit_kk = models.CharField(_("unit (Kazakh)"), max_length=20, blank=True)
    unit_ru = models.CharField(_("unit (Russian)"), max_length=20, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("specification field")
        verbose_name_plural = _("specification fields")
        ordering = ["category", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "key"], name="specification_field_key")
        ]

    def __str__(self):
        label = self.label()
        unit = self.unit()
        return f"{label}, {unit}" if unit else label

    @property
    def sort_key(self) -> tuple:
        return (GROUP_ORDER.get(self.group, 99), self.order, self.pk or 0)

    @property
    def group_label(self) -> str:
        return GROUP_LABELS.get(self.group, self.group)

    def label(self, language: str | None = None) -> Translated:
        return in_language(self, "label", language)

    def unit(self, language: str | None = None) -> str:
        return in_language(self, "unit", language)

    def parse(self, raw) -> dict:
        """The value columns (`number`, `flag`, `choice`, `text`, `text_kk`...) for `raw`: a Python value of the
        field's type, or a string as a person would type it ("64", "64 GB", "1,5"; "yes"/"да"/"иә"; a choice's
        key or its label in any language); for a text field, a dict of texts per language ({"kk": ..., "ru":
        ..., "en": ...}) for a value in words. Raises ValidationError when it cannot be read."""
        columns = {
            "number": None,
            "flag": None,
            "choice": None,
            "text": "",
            "text_kk": "",
            "text_ru": "",
            "text_en": "",
        }
        if self.value_type == ValueType.BOOLEAN:
            columns["flag"] = parse_flag(raw)
        elif self.value_type == ValueType.NUMBER:
            columns["number"] = self.parse_number(raw)
        elif self.value_type == ValueType.CHOICE:
            columns["choice"] = self.find_choice(raw)
        elif isinstance(raw, dict):  # in words, per language: {"kk": ..., "ru": ..., "en": ...}
            for code in LANGUAGE_CODES:
                columns[f"text_{code}"] = _one_line(raw.get(code))[:200]
            if not any(columns[f"text_{code}"] for code in LANGUAGE_CODES):
                raise ValidationError(_("Enter a value."))
        else:
            text = _one_line(raw)
            if not text:
                raise ValidationError(_("Enter a value."))
            columns["text"] = text[:200]
        return columns

    def parse_number(self, raw) -> Decimal:
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            return Decimal(str(raw))
        match = _NUMBER.match(str(raw or ""))
        units = {_folded(u) for u in (self.unit_kk, self.unit_ru, self.unit_en) if u}
        if match and (not match.group(2) or _folded(match.group(2)) in units):
            digits = re.sub(r"[\s\u00a0]", "", match.group(1)).replace(",", ".").replace("−", "-")
            try:
                return Decimal(digits)
            except InvalidOperation:
                pass
        unit = self.unit()
        if unit:
            message = _("Enter a number in %(unit)s, for example 16 or 1,5.") % {"unit": unit}
        else:
            message = _("Enter a number, for example 16 or 1,5.")
        raise ValidationError(message)

    def find_choice(self, raw) -> SpecificationChoice:
        if isinstance(raw, SpecificationChoice):
            return raw
        wanted = _folded(raw or "")
        for choice in self.choices.all():
            names = (choice.key, choice.label_kk, choice.label_ru, choice.label_en)
            if wanted in {_folded(name) for name in names if name}:
                return choice
        labels = ", ".join(str(choice.label()) for choice in self.choices.all())
        raise ValidationError(_("Choose one of: %(choices)s.") % {"choices": labels})


def parse_flag(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _folded(raw or "")
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValidationError(_("Enter yes or no."))


class SpecificationChoice(models.Model):
    """One of the values a `choice` field may take, labelled per language (a form factor, a connectivity)."""

    field = models.ForeignKey(
        SpecificationField,
        verbose_name=_("specification field"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    key = models.SlugField(_("key"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label_kk = models.CharField(_("label (Kazakh)"), max_length=100)
    label_ru = models.CharField(_("label (Russian)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)

    class Meta:
        verbose_name = pgettext_lazy("specification value", "choice")
        verbose_name_plural = pgettext_lazy("specification value", "choices")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["field", "key"], name="specification_choice_key")
        ]

    def __str__(self):
        return self.label()

    def label(self, language: str | None = None) -> Translated:
        return in_language(self, "label", language)


def format_number(number: Decimal, language: str | None = None) -> str:
    """A decimal without trailing zeros, with the language's decimal separator and digit grouping."""
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    grouping = abs(number) >= 10_000
    if language and language != page_language():
        with translation.override(language):
            return formats.number_format(number, use_l10n=True, force_grouping=grouping)
    return formats.number_format(number, use_l10n=True, force_grouping=grouping)


class Specification(models.Model):
    """An item's value for one field of its category's vocabulary. One kind of value column is used, by the
    field's type: `number` (in the field's unit), `flag` (yes/no), `choice`, or text: `text` when it reads the
    same in every language, else `text_kk`, `text_ru`, `text_en`. `text` also keeps a value carried over from
    before the vocabulary that could not be read as its field's type (shown as written). Set values through
    `Equipment.specify` or `SpecificationField.parse`."""

    equipment = models.ForeignKey(
        Equipment,
        verbose_name=_("equipment item"),
        on_delete=models.CASCADE,
        related_name="specifications",
    )
    field = models.ForeignKey(
        SpecificationField,
        verbose_name=_("specification field"),
        on_delete=models.PROTECT,
        related_name="values",
    )
    number = models.DecimalField(
        pgettext_lazy("specification value", "number"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
    )
    flag = models.BooleanField(_("yes or no"), null=True, blank=True)
    choice = models.ForeignKey(
        SpecificationChoice,
        verbose_name=pgettext_lazy("specification value", "choice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.CharField(
        pgettext_lazy("specification value", "text"), max_length=200, blank=True
    )
    # A text value in words, per language ("Пульт, 3 аккумулятор" / "Пульт, 3 аккумулятора" / "Remote, 3
    # batteries"): shown in the page's language, else a marked fallback. `text` is for what reads the same in
    # every language (a processor's model, RAID levels).
    text_kk = models.CharField(_("text (Kazakh)"), max_length=200, blank=True)
    text_ru = models.CharField(_("text (Russian)"), max_length=200, blank=True)
    text_en = models.CharField(_("text (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("specification")
        verbose_name_plural = _("specifications")
        ordering = ["id"]  # shown in the vocabulary's order: Equipment.specification_rows()
        constraints = [
            models.UniqueConstraint(fields=["equipment", "field"], name="specification_per_field")
        ]

    def __str__(self):
        return f"{self.field.label()}: {self.display()}"

    @property
    def has_value(self) -> bool:
        return (
            self.number is not None
            or self.flag is not None
            or self.choice_id is not None
            or bool(self.text or self.text_kk or self.text_ru or self.text_en)
        )

    @property
    def in_words(self) -> bool:
        """A text value given per language."""
        return bool(self.text_kk or self.text_ru or self.text_en)

    def comparable(self):
        """What two items' values are compared by: the number, the flag, the choice, or the folded text."""
        if self.number is not None:
            return ("number", self.number.normalize())
        if self.flag is not None:
            return ("flag", self.flag)
        if self.choice_id is not None:
            return ("choice", self.choice_id)
        return ("text", _folded(self.display()))

    def display(self, language: str | None = None) -> Translated:
        """The value as the page shows it: "64 GB" / "64 ГБ", "Yes" / "Иә", a choice's label, or the text."""
        code = page_language(language)
        if self.number is not None:
            unit = self.field.unit(code)
            number = format_number(self.number, code)
            if number.startswith(
                "-"
            ):  # the typographic minus, as printed Kazakh and Russian write it
                number = "\u2212" + number[1:]
            return Translated(f"{number}\u00a0{unit}" if unit else number, code)
        if self.flag is not None:
            return Translated(gettext("Yes") if self.flag else gettext("No"), code)
        if self.choice_id is not None:
            return self.choice.label(code)
        if self.in_words:
            return in_language(self, "text", code)
        return Translated(self.text, code)

    @property
    def value(self) -> Translated:
        return self.display()
