"""The association's own pages: About and Membership, the office's contacts, the board and staff, documents."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dkz_site.images import validate_image

from ..files import validate_document
from .common import Trilingual, first_available

MARKDOWN_HELP = _(
    "Markdown: a blank line between paragraphs, ## for a heading, - for a list item, **bold**, "
    "[link text](https://…). HTML is shown as text."
)


class Page(Trilingual, models.Model):
    """The text of About or Membership in three languages; the rest of each page is data (people, fees)."""

    class Kind(models.TextChoices):
        ABOUT = "about", _("About the association")
        MEMBERSHIP = "membership", _("Membership and fees")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_kk = models.TextField(_("summary (Kazakh)"), blank=True, max_length=400)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True, max_length=400)
    summary_en = models.TextField(_("summary (English)"), blank=True, max_length=400)
    body_kk = models.TextField(_("text (Kazakh)"), blank=True, help_text=MARKDOWN_HELP)
    body_ru = models.TextField(_("text (Russian)"), blank=True, help_text=MARKDOWN_HELP)
    body_en = models.TextField(_("text (English)"), blank=True, help_text=MARKDOWN_HELP)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    required_in_language = ("title", "body")

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["kind"]

    def __str__(self):
        return str(self.get_kind_display())


class Office(models.Model):
    """How to reach the association's office: one row, shown on the About page."""

    # The association's own office contacts, published on the About page: no person's data (privacy.checks).
    privacy_coverage_exempt = {
        "provider": "the association's office address and switchboard, not a person's",
        "retention": "kept while the office is the association's",
        "admin": "public contact data of the association itself",
    }

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hours_kk = models.CharField(_("opening hours (Kazakh)"), max_length=200, blank=True)
    hours_ru = models.CharField(_("opening hours (Russian)"), max_length=200, blank=True)
    hours_en = models.CharField(_("opening hours (English)"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("office contacts")
        verbose_name_plural = _("office contacts")

    def __str__(self):
        return str(_("Office contacts"))

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first()

    def hours(self) -> tuple[str, str]:
        return first_available(self, "hours")

    def clean(self):
        from django.core.exceptions import ValidationError

        if type(self).objects.exclude(pk=self.pk).exists():
            raise ValidationError(_("The office's contacts exist already: change them instead."))


class PersonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def board(self):
        return self.published().filter(group=Person.Group.BOARD)

    def staff(self):
        return self.published().filter(group=Person.Group.STAFF)


class Person(models.Model):
    """A member of the board or of the staff, as the About page shows them (with their agreement)."""

    class Group(models.TextChoices):
        BOARD = "board", pgettext_lazy("people of the association", "Board")
        STAFF = "staff", pgettext_lazy("people of the association", "Staff")

    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    role_kk = models.CharField(_("role (Kazakh)"), max_length=200)
    role_ru = models.CharField(_("role (Russian)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="association/people/",
        blank=True,
        validators=[validate_image],
        help_text=_(
            "JPEG, PNG or WebP, at most 2 MB; publish a photo only with the person's agreement."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("shown on the About page"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("board or staff member")
        verbose_name_plural = _("board and staff")
        ordering = ["group", "order", "pk"]

    def __str__(self):
        return self.name_kk

    def name(self) -> str:
        return first_available(self, "name")[0]

    def role(self) -> str:
        return first_available(self, "role")[0]

    def initials(self) -> str:
        return "".join(part[0] for part in self.name().split()[:2]).upper()


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_on__lte=timezone.localdate())

    def on_page(self, section):
        return self.published().filter(section=section).order_by("order", "-published_on", "pk")


class Document(models.Model):
    """A PDF the association publishes: the charter, reports, membership forms, a working group's papers."""

    class Section(models.TextChoices):
        ABOUT = "about", _("About: charter, reports")
        MEMBERSHIP = "membership", _("Membership: rules and forms")
        WORKING_GROUP = "working_group", _("A working group's documents")

    section = models.CharField(_("shown on"), max_length=20, choices=Section.choices)
    working_group = models.ForeignKey(
        "association.WorkingGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("working group"),
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    file = models.FileField(
        _("PDF file"),
        upload_to="association/documents/",
        validators=[validate_document],
        help_text=_("A PDF of at most 10 MB."),
    )
    language = models.CharField(
        _("language of the document"), max_length=8, choices=settings.LANGUAGES, default="kk"
    )
    published_on = models.DateField(_("published on"), default=timezone.localdate)
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["section", "order", "-published_on", "pk"]

    def __str__(self):
        return self.title_kk

    def title(self) -> str:
        return first_available(self, "title")[0]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.section == self.Section.WORKING_GROUP and not self.working_group_id:
            raise ValidationError({"working_group": _("Choose the working group.")})
        if self.section != self.Section.WORKING_GROUP and self.working_group_id:
            raise ValidationError(
                {"working_group": _("Only a working group's documents belong to a working group.")}
            )
