"""Each run of the retention schedule, recorded so staff can see what was deleted and what failed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.dates import date_and_time


class RetentionRunQuerySet(models.QuerySet):
    def latest_real(self):
        """The last run that actually applied the schedule (not a dry run, not skipped)."""
        return (
            self.filter(dry_run=False)
            .exclude(outcome=RetentionRun.Outcome.SKIPPED)
            .order_by("-started_at")
            .first()
        )


class RetentionRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        ERRORS = "errors", _("completed with errors")
        SKIPPED = "skipped", _("skipped: another run was in progress")

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.RUNNING
    )
    counts = models.JSONField(_("rows per rule"), default=dict)
    errors = models.JSONField(_("errors per rule"), default=dict)

    objects = RetentionRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{date_and_time(self.started_at)}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class RetentionScheduleEntry(models.Model):
    """No table: gives the admin a page (and a view permission) listing the registered retention rules.

    The rules live in `privacy.registry`, registered by each app at start-up; see `privacy.admin`.
    """

    class Meta:
        managed = False
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention schedule")
        default_permissions = ("view",)

    def __str__(self):
        return str(self._meta.verbose_name)
