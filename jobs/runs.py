"""Running a scheduled job: one run at a time across every server, each run recorded.

`run_job(job, trigger=...)` takes the job's lock (privacy.locks). A run that finds it taken is recorded as
skipped, or as stuck when the run holding it started longer ago than the job can take (`max_duration`): the
command then exits with status 2 and the admin index shows it until the job completes again.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from privacy.locks import advisory_lock

from .models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A scheduled job: `run(dry_run=..., stdout=...)` does the work and returns a summary (JSON-able dict).

    A summary with an "errors" entry that is not empty marks the run as failed (the other work still ran).
    """

    name: str
    description: str
    run: Callable[..., dict]
    max_duration: timedelta


def run_job(job: Job, *, trigger: str, dry_run: bool = False, stdout=None) -> JobRun:
    with advisory_lock(job.name) as acquired:
        if not acquired:
            return _record_skip(job, trigger, dry_run)
        now = timezone.now()
        # We hold the lock, so a run still marked as running lost its process.
        JobRun.objects.running().filter(job=job.name).update(
            outcome=JobRun.Outcome.INTERRUPTED, finished_at=now
        )
        run = JobRun.objects.create(
            job=job.name,
            trigger=trigger,
            dry_run=dry_run,
            started_at=now,
            host=socket.gethostname()[:200],
            pid=os.getpid(),
        )
        try:
            summary = job.run(dry_run=dry_run, stdout=stdout) or {}
        except Exception as error:  # noqa: BLE001 - recorded; the next run tries again
            logger.exception("scheduled job failed: %s", job.name)
            run.outcome = JobRun.Outcome.FAILED
            run.error = f"{type(error).__name__}: {error}"[:2000]
        else:
            run.summary = summary
            run.outcome = (
                JobRun.Outcome.FAILED if summary.get("errors") else JobRun.Outcome.COMPLETED
            )
        run.finished_at = timezone.now()
        run.save()
        return run


def _record_skip(job: Job, trigger: str, dry_run: bool) -> JobRun:
    now = timezone.now()
    holder = JobRun.objects.running().filter(job=job.name).order_by("-started_at").first()
    held_since = holder.started_at if holder else None
    stuck = held_since is not None and now - held_since > job.max_duration
    if stuck:
        logger.error(
            "scheduled job stuck: %s lock held since %s by %s:%s",
            job.name,
            held_since.isoformat(),
            holder.host,
            holder.pid,
        )
    return JobRun.objects.create(
        job=job.name,
        trigger=trigger,
        dry_run=dry_run,
        started_at=now,
        finished_at=now,
        outcome=JobRun.Outcome.STUCK if stuck else JobRun.Outcome.SKIPPED,
        summary={"held_since": held_since.isoformat()} if held_since else {},
        host=socket.gethostname()[:200],
        pid=os.getpid(),
    )
