from django.db import connection, models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership
from dkz_site.collation import Alphabetical, sort_key
from dkz_site.validators import validate_email_address

from .images import validate_equipment_image
from .search import normalise_for_search, transliterate

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
    # The company's name and descriptions, case folded (`search.normalise_for_search`); set on every save.
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
        self.search_text = self.searched_text()
        super().save(*args, **kwargs)

    def searched_text(self) -> str:
        texts = [self.membership.company_name] + [getattr(self, name) for name in SEARCHED_FIELDS]
        return normalise_for_search(" ".join(texts))

    def description(self, language=None) -> str:
        """In the page's language, falling back to another language that has a text."""
        language = (language or get_language() or "kk")[:2]
        order = [language] + [code for code in ("kk", "ru", "en") if code != language]
        for code in order:
            text = getattr(self, f"description_{code}", "")
            if text:
                return text
        return ""

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


def alphabetical_name(*, use_index: bool = True) -> Alphabetical:
    """Items in Kazakh alphabetical order of their name, as the catalogue's index has them."""
    return Alphabetical("name", "name_sort_key", use_index=use_index)


class EquipmentQuerySet(models.QuerySet):
    def by_name(self):
        """Alphabetical, read in the order of the catalogue's index."""
        return self.order_by(alphabetical_name(), "pk")

    def listed(self, today=None):
        """Shown publicly only while the member itself is listed (P07, P19)."""
        return self.filter(member__in=listed_memberships(today))

    def for_catalogue_page(self, ids):
        """The items of a catalogue page (`ids`: a subquery of listed items), with what a card shows, in one
        query."""
        return (
            self.filter(pk__in=ids)
            .select_related("member__profile")
            .only(
                "id", "name", "category", "model", "member__company_name", "member__profile__slug"
            )
        )


def members_with_category(queryset, category: str):
    """Members that offer at least one item of `category`."""
    items = Equipment.objects.filter(member=OuterRef("pk"), category=category)
    return queryset.filter(Exists(items))


def categories_by_member(member_ids) -> dict[int, list[str]]:
    """Category labels per member for a page of cards: one query whatever the page holds, answered from the
    `equipment_member_category` index. Written in SQL: the ORM took longer to build this one line of SQL
    than the database took to answer it."""
    ids = [int(pk) for pk in member_ids]
    if not ids:
        return {}
    table = connection.ops.quote_name(Equipment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT member_id, category FROM {table} "
            f"WHERE member_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY member_id, category",
            ids,
        )
        pairs = cursor.fetchall()
    result: dict[int, list[str]] = {}
    for member_id, category in pairs:
        result.setdefault(member_id, []).append(CATEGORY_LABELS.get(category, category))
    return result


class Equipment(models.Model):
    """An item of equipment a member offers, shown in the public catalogue."""

    member = models.ForeignKey(
        Membership,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="equipment",
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    model = models.CharField(_("model"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    image = models.ImageField(
        _("image"),
        upload_to="equipment/",
        blank=True,
        validators=[validate_equipment_image],
        help_text=_("JPEG, PNG or WebP, at most 2 MB and 4000 × 4000 pixels."),
    )
    # The name's sort key for databases without ICU (dkz_site/collation.py); set on every save.
    name_sort_key = models.TextField(editable=False, blank=True, default="")
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
        return self.name

    def save(self, *args, **kwargs):
        self.name_sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:equipment_detail", args=[self.pk])

    @property
    def category_label(self) -> str:
        """The category's name without translating every category's to find it (see Membership.region_label)."""
        return CATEGORY_LABELS.get(self.category, self.category)


class Specification(models.Model):
    """One row of an item's specification table (name and value), in the order staff gave."""

    equipment = models.ForeignKey(
        Equipment,
        verbose_name=_("equipment item"),
        on_delete=models.CASCADE,
        related_name="specifications",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=100)
    value = models.CharField(_("value"), max_length=200)

    class Meta:
        verbose_name = _("specification")
        verbose_name_plural = _("specifications")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name}: {self.value}"
