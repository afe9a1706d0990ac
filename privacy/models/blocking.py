from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.validators import validate_email_address

from .common import normalise_email


class BlockedEmailQuerySet(models.QuerySet):
    def active(self):
        return self.filter(unblocked_at__isnull=True)


class BlockedEmail(models.Model):
    """An address whose data is blocked: no mail, no listing, no new processing until staff unblock it."""

    holds_personal_data = True  # only trained staff see it in the admin

    email = models.EmailField(_("email"), db_index=True, validators=[validate_email_address])
    reason = models.TextField(_("reason"), blank=True)
    blocked_at = models.DateTimeField(_("blocked at"), default=timezone.now)
    unblocked_at = models.DateTimeField(_("unblocked at"), null=True, blank=True)
    # The public forms answer a blocked address as any other (no oracle on who exercised a right); staff see here
    # that something was refused, without anything of what was sent being kept.
    refused_submissions = models.PositiveIntegerField(_("submissions refused"), default=0)
    last_refused_at = models.DateTimeField(_("last refused at"), null=True, blank=True)

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
