"""Working groups: where member companies prepare the industry's positions, with their published documents."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .common import Trilingual, first_available
from .pages import MARKDOWN_HELP


class WorkingGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class WorkingGroup(Trilingual, models.Model):
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    name_kk = models.CharField(
        pgettext_lazy("working group", "name (Kazakh)"), max_length=200, blank=True
    )
    name_ru = models.CharField(
        pgettext_lazy("working group", "name (Russian)"), max_length=200, blank=True
    )
    name_en = models.CharField(
        pgettext_lazy("working group", "name (English)"), max_length=200, blank=True
    )
    summary_kk = models.TextField(_("summary (Kazakh)"), max_length=400, blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), max_length=400, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=400, blank=True)
    description_kk = models.TextField(
        _("description (Kazakh)"), blank=True, help_text=MARKDOWN_HELP
    )
    description_ru = models.TextField(
        _("description (Russian)"), blank=True, help_text=MARKDOWN_HELP
    )
    description_en = models.TextField(
        _("description (English)"), blank=True, help_text=MARKDOWN_HELP
    )
    chair_kk = models.CharField(_("chair (Kazakh)"), max_length=200, blank=True)
    chair_ru = models.CharField(_("chair (Russian)"), max_length=200, blank=True)
    chair_en = models.CharField(_("chair (English)"), max_length=200, blank=True)
    members = models.ManyToManyField(
        "accreditation.Membership",
        blank=True,
        related_name="working_groups",
        verbose_name=_("member companies"),
        help_text=_(
            "Only members listed in the directory are named on the public page; the others are counted."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    required_in_language = ("name",)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.localised("name") or self.slug

    def get_absolute_url(self):
        return reverse("association:working_group", args=[self.slug])

    def chair(self) -> str:
        return first_available(self, "chair")[0]

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.languages:
            raise ValidationError(_("Name the working group in at least one language."))
