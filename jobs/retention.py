"""The queue's own bookkeeping leaves the database like everything else: through the retention schedule.

None of it is personal data (task arguments are row numbers); it is kept long enough to answer "did it run?".
"""

from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from privacy.registry import RetentionRule, days_setting, delete_batch

from .models import JobRun, ScheduledSlot, WorkerHeartbeat

LEGAL_BASIS = _("Legitimate interest: knowing that the site's emails and scheduled work ran")


_period = days_setting("RETENTION_JOB_RECORDS_DAYS")

RULES = [
    RetentionRule(
        name="jobs.finished_tasks",
        app="jobs",
        description=_("Finished tasks of the task queue"),
        period=_period,
        measured_from=_("finished"),
        action="delete",
        expired=lambda cutoff: DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
            finished_at__lt=cutoff,
        ),
        apply=delete_batch,
        legal_basis=LEGAL_BASIS,
    ),
    RetentionRule(
        name="jobs.runs",
        app="jobs",
        description=_("Records of scheduled job runs and of their due times"),
        period=_period,
        measured_from=_("started"),
        action="delete",
        expired=lambda cutoff: JobRun.objects.filter(started_at__lt=cutoff).exclude(
            outcome=JobRun.Outcome.RUNNING
        ),
        apply=delete_batch,
        legal_basis=LEGAL_BASIS,
    ),
    RetentionRule(
        name="jobs.slots",
        app="jobs",
        description=_("Due times of scheduled jobs already enqueued"),
        period=_period,
        measured_from=_("due"),
        action="delete",
        expired=lambda cutoff: ScheduledSlot.objects.filter(due_at__lt=cutoff),
        apply=delete_batch,
        legal_basis=LEGAL_BASIS,
    ),
    RetentionRule(
        name="jobs.heartbeats",
        app="jobs",
        description=_("Heartbeats of workers that stopped"),
        period=_period,
        measured_from=_("last seen"),
        action="delete",
        expired=lambda cutoff: WorkerHeartbeat.objects.filter(seen_at__lt=cutoff),
        apply=delete_batch,
        legal_basis=LEGAL_BASIS,
    ),
]
