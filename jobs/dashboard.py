"""What the admin index shows about the workers and the schedule (counts only, no personal data)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from privacy.registry import DashboardCounter

from .health import queue_health
from .models import JobRun


def _stale_workers() -> int:
    """1 when no worker has been heard from recently (or ever): queued emails and jobs are not running."""
    return 0 if queue_health()["worker_ok"] else 1


COUNTERS = [
    DashboardCounter(
        name="jobs.stuck",
        label=_("Scheduled jobs stuck behind a lock held too long"),
        count=lambda: JobRun.objects.stuck_recently().count(),
        url=lambda: reverse("admin:jobs_jobrun_changelist") + "?outcome__exact=stuck",
        warn_if_positive=True,
    ),
    DashboardCounter(
        name="jobs.no_worker",
        label=_("No task-queue worker heard from in the last minutes"),
        count=_stale_workers,
        url=lambda: reverse("admin:jobs_workerheartbeat_changelist"),
        warn_if_positive=True,
    ),
]
