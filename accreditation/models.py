from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from privacy.models import BlockedEmail, normalise_email

from .bin import validate_bin
from .regions import Region
from .search import normalise_for_search, transliterate


class MembershipQuerySet(models.QuerySet):
    def active(self, today=None):
        """Memberships in their term today and not ended early."""
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today, ends_on__gte=today, ended_on__isnull=True)

    def not_blocked(self):
        blocked = BlockedEmail.objects.active().filter(email=OuterRef("email"))
        return self.exclude(Exists(blocked))

    def listed(self, today=None):
        """Shown in the public directory: active, consented to publication, and not blocked."""
        return self.active(today).filter(is_published=True).not_blocked()

    def search(self, query: str):
        """Case-insensitive for every alphabet on every database, through the normalised search column."""
        needle = normalise_for_search(query)
        if not needle:
            return self
        digits = needle.replace(" ", "")
        if digits.isdigit() and len(digits) == 12:
            return self.filter(bin=digits)
        return self.filter(search_text__contains=needle)


class Membership(models.Model):
    """An accredited company's membership, and the public profile shown while it is listed."""

    company_name = models.CharField(_("company name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    bin = models.CharField(_("BIN"), max_length=12, validators=[validate_bin], db_index=True)
    region = models.CharField(_("region"), max_length=5, choices=Region.choices, db_index=True)
    contact_person = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("contact email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public contact email"), blank=True)
    public_phone = models.CharField(_("public contact phone"), max_length=40, blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_on = models.DateField(_("membership starts"))
    ends_on = models.DateField(_("membership ends"))
    ended_on = models.DateField(
        _("ended early on"),
        null=True,
        blank=True,
        help_text=_("Set when a membership ends before its term."),
    )
    is_published = models.BooleanField(
        _("listed in the directory"),
        default=False,
        help_text=_(
            "Only with the company's consent to publication; withdrawing it unlists at once."
        ),
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["company_name"]
        indexes = [
            models.Index(
                fields=["is_published", "ends_on", "starts_on"], name="membership_listing"
            ),
            models.Index(fields=["-starts_on"], name="membership_newest"),
        ]

    def __str__(self):
        return self.company_name

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        if not self.slug:
            self.slug = self._unique_slug()
        self.search_text = normalise_for_search(
            " ".join(
                [self.company_name, self.description_kk, self.description_ru, self.description_en]
            )
        )
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.ended_on is None and self.starts_on <= today <= self.ends_on

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
        base = slugify(transliterate(self.company_name))[:200] or f"member-{self.bin}"
        slug, n = base, 2
        while type(self).objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug
