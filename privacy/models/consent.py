from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.validators import validate_email_address

from .common import AppendOnlyError, ByEmailQuerySet, normalise_email
from .policy import PolicyVersion


class ConsentPurpose(models.TextChoices):
    ENQUIRY_PROCESSING = "enquiry_processing", _("Processing of my enquiry")
    ACCREDITATION_PROCESSING = (
        "accreditation_processing",
        _("Processing of my accreditation application"),
    )
    DIRECTORY_PUBLICATION = "directory_publication", _("Publication in the members directory")
    CROSS_BORDER_TRANSFER = "cross_border_transfer", _("Cross-border transfer of personal data")


class ConsentRecordQuerySet(ByEmailQuerySet):
    def clear_technical_data(self, rows) -> int:
        """After 90 days the address and browser go (P10); who consented to what, when and how stays.

        The one change besides the withdrawal stamp, so it goes past this queryset's own `update` guard."""
        expired = self.filter(pk__in=rows.values("pk"))
        return models.QuerySet.update(expired, client_ip=None, user_agent="")

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

    Append-only: the only changes ever made are stamping `withdrawn_at` once (withdrawal is not retroactive) and,
    by the retention schedule after 90 days, clearing the IP address and user agent (privacy.technical_data).
    """

    holds_personal_data = True  # only trained staff see it in the admin

    email = models.EmailField(_("email"), db_index=True, validators=[validate_email_address])
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
