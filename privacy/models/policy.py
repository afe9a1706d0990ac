from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import localised

MATERIAL_CHANGE_NOTICE = timedelta(days=14)
ANNOUNCED_CHANGE_CACHE_KEY = "privacy:announced-change:{today}"
ANNOUNCED_CHANGE_CACHE_SECONDS = 600


class PolicyVersionQuerySet(models.QuerySet):
    def published(self, today=None):
        """Versions whose text is public: published on or before today."""
        return self.filter(published_on__lte=today or timezone.localdate())

    def in_force(self, today=None):
        """The version in force is the latest one whose effective date has come."""
        today = today or timezone.localdate()
        return (
            self.published(today).filter(effective_on__lte=today).order_by("-effective_on", "-id")
        )

    def announced(self, today=None):
        """Published material changes not yet in effect: the site-wide banner announces these."""
        today = today or timezone.localdate()
        return (
            self.published(today)
            .filter(is_material=True, effective_on__gt=today)
            .order_by("effective_on")
        )

    def current(self, today=None):
        return self.in_force(today).first()

    def superseded(self, today=None):
        """Published versions that were in force before the current one (the policy page links them)."""
        today = today or timezone.localdate()
        current = self.current(today)
        if current is None:
            return self.none()
        return self.in_force(today).exclude(pk=current.pk)

    def with_status(self):
        """Each version annotated with the version in force today (`in_force_pk`): `status()` then needs no
        query per row (the admin's list of versions)."""
        in_force = self.model.objects.in_force().values("pk")[:1]
        return self.annotate(in_force_pk=Subquery(in_force))

    def upcoming(self, today=None):
        """Published versions that take effect later (material or not): announced on the policy page."""
        today = today or timezone.localdate()
        return self.published(today).filter(effective_on__gt=today).order_by("effective_on", "id")


def announced_change(today=None) -> dict | None:
    """The nearest announced material change, for the site-wide banner: one cached query per day and cache.

    Returns {"pk", "label", "effective_on"} or None. Saving a version forgets today's answer.
    """
    today = today or timezone.localdate()
    key = ANNOUNCED_CHANGE_CACHE_KEY.format(today=today.isoformat())
    cached = cache.get(key)
    if cached is None:
        version = (
            PolicyVersion.objects.announced(today).values("pk", "label", "effective_on").first()
        )
        cached = {"version": version}
        cache.set(key, cached, ANNOUNCED_CHANGE_CACHE_SECONDS)
    return cached["version"]


def forget_announced_change() -> None:
    cache.delete(ANNOUNCED_CHANGE_CACHE_KEY.format(today=timezone.localdate().isoformat()))


class PolicyVersion(models.Model):
    """One version of the privacy policy, in three languages; the body is structured plain text.

    Body format: first line the title; blocks separated by one blank line; "N. Heading" lines; bullet lines
    starting with "  • "; anything else a paragraph. Rendered by `privacy.policy_text`, never as raw HTML.
    """

    label = models.CharField(_("label"), max_length=50, unique=True)
    published_on = models.DateField(_("publication date"))
    effective_on = models.DateField(_("effective date"))
    is_material = models.BooleanField(_("material change"), default=False)
    summary_kk = models.TextField(_("summary of changes (Kazakh)"), blank=True)
    summary_ru = models.TextField(_("summary of changes (Russian)"), blank=True)
    summary_en = models.TextField(_("summary of changes (English)"), blank=True)
    body_kk = models.TextField(_("text (Kazakh)"))
    body_ru = models.TextField(_("text (Russian)"))
    body_en = models.TextField(_("text (English)"))

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["-effective_on", "-id"]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_announced_change()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_announced_change()
        return result

    def clean(self):
        if self.published_on and self.effective_on:
            if self.effective_on < self.published_on:
                raise ValidationError(
                    {"effective_on": _("A version cannot take effect before it is published.")}
                )
            if self.is_material and self.effective_on < self.published_on + MATERIAL_CHANGE_NOTICE:
                raise ValidationError(
                    {
                        "effective_on": _(
                            "A material change must take effect at least 14 days after it is "
                            "published (on %(date)s or later)."
                        )
                        % {"date": self.published_on + MATERIAL_CHANGE_NOTICE}
                    }
                )
        if self.is_material:
            missing = {
                f"summary_{language}": _("The banner links to the summary of a material change.")
                for language in ("kk", "ru", "en")
                if not getattr(self, f"summary_{language}").strip()
            }
            if missing:
                raise ValidationError(missing)

    @property
    def is_published(self) -> bool:
        return self.published_on <= timezone.localdate()

    def status(self, today=None) -> str:
        """Upcoming, in force or superseded, as the policy pages label each version.

        A version read through `with_status()` (for today) already knows the version in force; any other asks.
        """
        today = today or timezone.localdate()
        if self.effective_on > today:
            return "upcoming"
        if hasattr(self, "in_force_pk") and today == timezone.localdate():
            in_force_pk = self.in_force_pk
        else:
            current = PolicyVersion.objects.current(today)
            in_force_pk = current.pk if current else None
        return "in_force" if in_force_pk == self.pk else "superseded"

    def body(self, language=None) -> str:
        return localised(self, "body", language)

    def summary(self, language=None) -> str:
        return localised(self, "summary", language)
