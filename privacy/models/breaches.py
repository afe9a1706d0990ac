"""The register of personal-data breaches: what happened, whose data, what was done, and the notices owed.

The authorised body is notified within one working day of detection (the PD-protection Rules adopted under
art. 27-1 of Law No. 94-V); the subjects affected are found through the privacy registry and told by email.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import ByEmailQuerySet, normalise_email


class BreachQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def authority_not_notified(self):
        """Open breaches the authorised body has not been told of yet: the notice staff owe."""
        return self.open().filter(authority_notified_at__isnull=True)

    def notice_overdue(self, today=None):
        return self.authority_not_notified().filter(
            notify_authority_by__lt=today or timezone.localdate()
        )

    def closed_before(self, moment):
        return self.filter(closed_at__lt=moment)


class Breach(models.Model):
    """One personal-data incident, as staff record it."""

    holds_personal_data = True

    detected_at = models.DateTimeField(_("detected at"), default=timezone.now)
    occurred_at = models.DateTimeField(
        _("occurred at"), null=True, blank=True, help_text=_("If known; leave empty otherwise.")
    )
    description = models.TextField(
        _("what happened"),
        help_text=_(
            "How the breach happened and how it was found; sent to the authorised body as written."
        ),
    )
    data_categories = models.TextField(
        _("what data"),
        help_text=_("E.g. names, email addresses and phone numbers of members' contact persons."),
    )
    subjects_description = models.TextField(
        _("whose data"),
        help_text=_("E.g. contact persons of member companies, people who wrote to us."),
    )
    affected_sources = models.JSONField(
        _("data sets affected"),
        default=list,
        blank=True,
        help_text=_(
            "The parts of the site whose data was affected: their subjects are found through the registry."
        ),
    )
    subjects_count = models.PositiveIntegerField(
        _("number of subjects affected"),
        help_text=_("An estimate, if the exact number is not known yet."),
    )
    consequences = models.TextField(_("likely consequences"), blank=True)
    measures = models.TextField(
        _("measures taken"),
        help_text=_("What was done to stop the breach and limit its consequences."),
    )
    notify_authority_by = models.DateField(_("notify the authorised body by"), editable=False)
    authority_notified_at = models.DateTimeField(
        _("authorised body notified at"), null=True, blank=True
    )
    authority_notice_reference = models.CharField(
        _("how the authorised body was notified"),
        max_length=300,
        blank=True,
        help_text=_("The channel and the outgoing number, e.g. letter No. 12 of 3 December 2026."),
    )
    subjects_notified_at = models.DateTimeField(_("subjects told at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    objects = BreachQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal-data breach")
        verbose_name_plural = _("personal-data breaches")
        ordering = ["-detected_at"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        from privacy.subject_requests.deadlines import add_working_days

        self.notify_authority_by = add_working_days(
            timezone.localdate(self.detected_at), settings.BREACH_NOTICE_WORKING_DAYS
        )
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"BR-{self.pk:04d}" if self.pk else "BR-new"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def days_left(self, today=None) -> int | None:
        """Working days until the authority's notice is due: 0 on the day, negative when late."""
        from privacy.subject_requests.deadlines import working_days_between

        if self.authority_notified_at is not None or not self.is_open:
            return None
        return working_days_between(today or timezone.localdate(), self.notify_authority_by)


class BreachSubjectQuerySet(ByEmailQuerySet):
    def to_tell(self):
        """Listed, not told yet, and not blocked."""
        return self.filter(notified_at__isnull=True, not_emailed=False)


class BreachSubject(models.Model):
    """One address a breach affected, found through the registry or entered by staff, and whether it was told."""

    privacy_coverage_exempt = {"retention": "deleted with its breach (the breach register's rule)"}

    holds_personal_data = True

    breach = models.ForeignKey(
        Breach, on_delete=models.CASCADE, related_name="subjects", verbose_name=_("breach")
    )
    email = models.EmailField(_("email"), db_index=True)
    found_in = models.JSONField(_("found in"), default=list, blank=True)
    notified_at = models.DateTimeField(_("told at"), null=True, blank=True)
    not_emailed = models.BooleanField(_("not emailed: the address is blocked"), default=False)

    objects = BreachSubjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("subject affected")
        verbose_name_plural = _("subjects affected")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["breach", "email"], name="breach_subject_once")
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)
