"""The workers' clock: every few seconds each worker records its heartbeat and enqueues the jobs that are due.

Every worker runs this, so the schedule keeps going while any one of them is up; the unique ScheduledSlot row
(job, due time) lets exactly one of them enqueue each run. Due times come from APScheduler's cron triggers.
A run missed while no worker was up is still enqueued within the entry's `catch_up` window.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from .models import ScheduledSlot, WorkerHeartbeat
from .schedule import SCHEDULE, Entry
from .tasks import run_scheduled_job

logger = logging.getLogger(__name__)


def trigger_for(entry: Entry) -> CronTrigger:
    return CronTrigger.from_crontab(entry.cron, timezone=settings.TIME_ZONE)


def latest_due(entry: Entry, now: datetime) -> datetime | None:
    """The latest due time at or before `now`, if it falls within the entry's catch-up window (or this minute)."""
    trigger = trigger_for(entry)
    window = max(entry.catch_up, timedelta(minutes=1))
    due, candidate = None, trigger.get_next_fire_time(None, now - window)
    while candidate is not None and candidate <= now:
        due = candidate
        candidate = trigger.get_next_fire_time(candidate, candidate + timedelta(seconds=1))
    return due


def enqueue_due(now: datetime | None = None, worker_id: str = "") -> list[str]:
    """Enqueue every job whose latest due time no worker has enqueued yet; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for entry in SCHEDULE:
        due = latest_due(entry, now)
        if due is None or ScheduledSlot.objects.filter(job=entry.job.name, due_at=due).exists():
            continue
        try:
            with transaction.atomic():
                ScheduledSlot.objects.create(job=entry.job.name, due_at=due, worker_id=worker_id)
                run_scheduled_job.enqueue(entry.job.name)
        except IntegrityError:
            continue  # another worker took this slot
        enqueued.append(entry.job.name)
    return enqueued


def beat(worker_id: str) -> None:
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:200],
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
        )


class Clock(threading.Thread):
    """The thread beside a worker's task loop: heartbeat, then the schedule, every `interval` seconds."""

    def __init__(self, worker_id: str, *, schedule: bool = True, interval: float | None = None):
        super().__init__(name="dkz-worker-clock", daemon=True)
        self.worker_id = worker_id
        self.schedule = schedule
        self.interval = interval or settings.WORKER_HEARTBEAT_SECONDS
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                close_old_connections()
                beat(self.worker_id)
                if self.schedule:
                    for name in enqueue_due(worker_id=self.worker_id):
                        logger.info("scheduled job enqueued: %s", name)
            except Exception:  # noqa: BLE001 - a database outage must not stop the clock for good
                logger.exception("worker clock tick failed")
            self.stopping.wait(self.interval)
        close_old_connections()

    def stop(self):
        self.stopping.set()
