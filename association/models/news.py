"""News of the association, written in up to three languages."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import Trilingual
from .pages import MARKDOWN_HELP


class NewsPostQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published and due: a post dated in the future appears on its date."""
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def written_in(self, language: str):
        return self.exclude(**{f"title_{language}": ""}).exclude(**{f"body_{language}": ""})

    def latest_first(self):
        return self.order_by("-published_at", "-pk")


class NewsPost(Trilingual, models.Model):
    slug = models.SlugField(
        _("address"),
        max_length=120,
        unique=True,
        help_text=_("Latin letters, digits and hyphens: the post's address on the site."),
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A later date publishes the post on that date."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_kk = models.TextField(_("summary (Kazakh)"), max_length=400, blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), max_length=400, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=400, blank=True)
    body_kk = models.TextField(_("text (Kazakh)"), blank=True, help_text=MARKDOWN_HELP)
    body_ru = models.TextField(_("text (Russian)"), blank=True, help_text=MARKDOWN_HELP)
    body_en = models.TextField(_("text (English)"), blank=True, help_text=MARKDOWN_HELP)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    required_in_language = ("title", "body")

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "-published_at"], name="news_published")]

    def __str__(self):
        return self.localised("title") or self.slug

    def get_absolute_url(self):
        return reverse("association:news_post", args=[self.slug])

    def clean(self):
        from django.core.exceptions import ValidationError

        half = self.half_written_languages()
        if half:
            raise ValidationError(
                _("Each language needs both a title and a text, or neither: %(languages)s.")
                % {"languages": ", ".join(half)}
            )
        if not self.languages:
            raise ValidationError(_("Write the post in at least one language."))
