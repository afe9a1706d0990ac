from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MATERIAL_CHANGE_NOTICE = timedelta(days=14)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


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

    def _localised(self, field, language=None):
        language = (language or get_language() or "kk")[:2]
        value = getattr(self, f"{field}_{language}", "") if language in ("kk", "ru", "en") else ""
        return value or getattr(self, f"{field}_en") or getattr(self, f"{field}_kk")

    def body(self, language=None) -> str:
        return self._localised("body", language)

    def summary(self, language=None) -> str:
        return self._localised("summary", language)


class ConsentPurpose(models.TextChoices):
    ENQUIRY_PROCESSING = "enquiry_processing", _("Processing of my enquiry")
    ACCREDITATION_PROCESSING = (
        "accreditation_processing",
        _("Processing of my accreditation application"),
    )
    DIRECTORY_PUBLICATION = "directory_publication", _("Publication in the members directory")
    CROSS_BORDER_TRANSFER = "cross_border_transfer", _("Cross-border transfer of personal data")


class AppendOnlyError(Exception):
    """Raised on any attempt to rewrite or delete a consent record."""


class ConsentRecordQuerySet(models.QuerySet):
    def for_email(self, email):
        return self.filter(email=normalise_email(email))

    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def for_purpose(self, purpose):
        return self.filter(purpose=purpose)

    def update(self, **kwargs):
        if set(kwargs) - {"withdrawn_at"}:
            raise AppendOnlyError(
                "Consent records are append-only: only the withdrawal may be stamped."
            )
        if self.filter(withdrawn_at__isnull=False).exists():
            raise AppendOnlyError("A withdrawal, once stamped, is never changed.")
        return super().update(**kwargs)

    def delete(self):
        raise AppendOnlyError("Consent records are never deleted.")

    delete.queryset_only = True


class ConsentRecord(models.Model):
    """Proof of one consent: who, to what, under which policy version and exact wording, when and where.

    Append-only: the only change ever allowed is stamping `withdrawn_at` once (withdrawal is not retroactive).
    """

    email = models.EmailField(_("email"), db_index=True)
    purpose = models.CharField(_("purpose"), max_length=40, choices=ConsentPurpose.choices)
    policy_version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, verbose_name=_("policy version"), related_name="+"
    )
    wording = models.TextField(_("consent wording shown"))
    language = models.CharField(_("language"), max_length=8)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    source = models.CharField(_("where given"), max_length=100, help_text=_("The form."))
    source_object = models.CharField(
        _("object"), max_length=100, blank=True, help_text=_("What the consent was given for.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["email", "purpose"], name="consent_email_purpose")]

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.given_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            stored = type(self).objects.get(pk=self.pk)
            changed = [
                f.attname
                for f in self._meta.concrete_fields
                if getattr(stored, f.attname) != getattr(self, f.attname)
            ]
            if set(changed) - {"withdrawn_at"} or stored.withdrawn_at is not None:
                raise AppendOnlyError(
                    "Consent records are append-only: only the withdrawal may be stamped."
                )
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Consent records are never deleted.")


class BlockedEmailQuerySet(models.QuerySet):
    def active(self):
        return self.filter(unblocked_at__isnull=True)


class BlockedEmail(models.Model):
    """An address whose data is blocked: no mail, no listing, no new processing until staff unblock it."""

    email = models.EmailField(_("email"), db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    blocked_at = models.DateTimeField(_("blocked at"), default=timezone.now)
    unblocked_at = models.DateTimeField(_("unblocked at"), null=True, blank=True)

    objects = BlockedEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("blocked email")
        verbose_name_plural = _("blocked emails")
        ordering = ["-blocked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(unblocked_at__isnull=True),
                name="one_active_block_per_email",
            )
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)
