from django.db import connection, models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership
from dkz_site.collation import Alphabetical, sort_key

from .images import validate_equipment_image


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
        return self.filter(member__in=Membership.objects.listed(today))

    def for_catalogue_page(self, ids):
        """The items of a catalogue page (`ids`: a subquery of listed items), with what a card shows, in one
        query."""
        return (
            self.filter(pk__in=ids)
            .select_related("member")
            .only("id", "name", "category", "model", "member__company_name", "member__slug")
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
