"""The record of the workers and of every scheduled job: what ran, what was skipped, what is stuck."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.dates import date_and_time


class JobRunQuerySet(models.QuerySet):
    def running(self):
        return self.filter(outcome=JobRun.Outcome.RUNNING)

    def stuck_recently(self, now=None):
        """Runs that found their job's lock held far longer than a run can take, in the last day, and whose
        job has not completed since: someone must look at the server holding it."""
        now = now or timezone.now()
        completed_since = JobRun.objects.filter(
            job=models.OuterRef("job"),
            outcome__in=[JobRun.Outcome.COMPLETED, JobRun.Outcome.FAILED],
            started_at__gt=models.OuterRef("started_at"),
        )
        return self.filter(
            outcome=JobRun.Outcome.STUCK, started_at__gte=now - timedelta(days=1)
        ).exclude(models.Exists(completed_since))


class JobRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped: another run was in progress")
        STUCK = "stuck", _("skipped: another run has held the lock too long")
        INTERRUPTED = "interrupted", _("interrupted: its process stopped")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("schedule")
        COMMAND = "command", _("command")

    job = models.CharField(_("job"), max_length=60, db_index=True)
    trigger = models.CharField(_("started by"), max_length=10, choices=Trigger.choices)
    dry_run = models.BooleanField(_("dry run"), default=False)
    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.RUNNING
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    host = models.CharField(_("server"), max_length=200, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True, blank=True)

    objects = JobRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.job} {date_and_time(self.started_at)}"


class ScheduledSlot(models.Model):
    """One due time of one scheduled job: the unique row lets exactly one worker enqueue it."""

    job = models.CharField(_("job"), max_length=60)
    due_at = models.DateTimeField(_("due"))
    enqueued_at = models.DateTimeField(_("enqueued"), default=timezone.now)
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled slot")
        verbose_name_plural = _("scheduled slots")
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="one_enqueue_per_slot")
        ]

    def __str__(self):
        return f"{self.job} {date_and_time(self.due_at)}"


class WorkerHeartbeat(models.Model):
    """Each worker process says it is alive every few seconds; health and the dashboard read the latest."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("server"), max_length=200)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["-seen_at"]

    def __str__(self):
        return f"{self.host}:{self.pid}"
