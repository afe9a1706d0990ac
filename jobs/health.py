"""How the task queue is doing, in three numbers: for /healthz, monitoring and the admin index.

- backlog: tasks ready to run now (due, not started);
- oldest_queued_seconds: how long the oldest of them has been due;
- heartbeat_seconds: since the most recent heartbeat of any worker (None: no worker has ever run).
A backlog that keeps growing, an old queued task or an old heartbeat means the workers are down or too few.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import WorkerHeartbeat


def queue_health(now=None) -> dict:
    now = now or timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after__lte=now) | Q(run_after=get_date_max())
    )
    backlog = ready.count()
    oldest = None
    if backlog:
        # A task enqueued without a time is due from when it was enqueued; a deferred one from its time.
        first_deferred = ready.exclude(run_after=get_date_max()).order_by("run_after").first()
        first_immediate = ready.filter(run_after=get_date_max()).order_by("enqueued_at").first()
        moments = [task.run_after for task in [first_deferred] if task is not None] + [
            task.enqueued_at for task in [first_immediate] if task is not None
        ]
        oldest = (now - min(moments)).total_seconds()
    seen = WorkerHeartbeat.objects.aggregate(latest=Max("seen_at"))["latest"]
    heartbeat = (now - seen).total_seconds() if seen else None
    return {
        "backlog": backlog,
        "oldest_queued_seconds": round(oldest, 1) if oldest is not None else None,
        "heartbeat_seconds": round(heartbeat, 1) if heartbeat is not None else None,
        "worker_ok": heartbeat is not None and heartbeat <= settings.WORKER_STALE_SECONDS,
    }


def task_queue_check():
    """/healthz's `task_queue` check (dkz_site.health): degraded when no worker has been seen lately or the oldest
    due task has waited longer than WORKER_STALE_SECONDS. Never critical: visitors are served without workers, only
    email and scheduled jobs wait."""
    from dkz_site.health import DEGRADED, OK, Result

    facts = queue_health()
    if not facts["worker_ok"]:
        return Result(DEGRADED, "no worker heartbeat", facts)
    if (facts["oldest_queued_seconds"] or 0) > settings.WORKER_STALE_SECONDS:
        return Result(DEGRADED, "tasks waiting too long", facts)
    return Result(OK, "", facts)
