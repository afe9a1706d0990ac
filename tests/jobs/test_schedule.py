"""The workers' schedule: each due run enqueued by exactly one worker, missed runs caught up, one run at a time,
skipped and stuck runs recorded; the heartbeat and the queue's health."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs import scheduler
from jobs.health import queue_health
from jobs.models import JobRun, ScheduledSlot, WorkerHeartbeat
from jobs.runs import run_job
from jobs.schedule import MAIL_SWEEP, RETENTION, SCHEDULE
from tests.locks import lock_held_elsewhere
from tests.queue import run_queued_tasks

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def entry(name):
    return next(e for e in SCHEDULE if e.job.name == name)


def test_each_due_run_is_enqueued_by_one_worker_only():
    now = datetime.datetime(2026, 12, 3, 3, 15, 20, tzinfo=ALMATY)
    first = scheduler.enqueue_due(now, worker_id="a")
    second = scheduler.enqueue_due(now + datetime.timedelta(seconds=10), worker_id="b")
    assert "apply_retention" in first and "sweep_outbox" in first
    assert second == []  # the other worker found every slot taken
    assert ScheduledSlot.objects.filter(job="apply_retention").get().due_at == now.replace(second=0)
    assert DBTaskResult.objects.count() == len(first)


def test_a_daily_run_missed_while_no_worker_was_up_is_caught_up_once():
    at_nine = datetime.datetime(2026, 12, 3, 9, 5, tzinfo=ALMATY)
    due = scheduler.latest_due(entry("apply_retention"), at_nine)
    assert due == datetime.datetime(2026, 12, 3, 3, 15, tzinfo=ALMATY)
    assert "apply_retention" in scheduler.enqueue_due(at_nine)
    assert "apply_retention" not in scheduler.enqueue_due(at_nine + datetime.timedelta(hours=1))


def test_the_minutely_sweep_is_not_caught_up():
    now = datetime.datetime(2026, 12, 3, 9, 5, 30, tzinfo=ALMATY)
    assert scheduler.latest_due(entry("sweep_outbox"), now) == now.replace(second=0)


def test_a_scheduled_run_is_recorded():
    scheduler.enqueue_due(timezone.now())
    run_queued_tasks()
    runs = dict(JobRun.objects.values_list("job", "outcome"))
    assert runs["sweep_outbox"] == JobRun.Outcome.COMPLETED
    assert JobRun.objects.filter(trigger=JobRun.Trigger.SCHEDULE).exists()


def test_a_run_that_finds_the_lock_taken_is_skipped_and_reported_stuck_when_held_too_long():
    holder = JobRun.objects.create(job="apply_retention", trigger=JobRun.Trigger.SCHEDULE)
    with lock_held_elsewhere("apply_retention"):
        skipped = run_job(RETENTION, trigger=JobRun.Trigger.COMMAND)
        assert skipped.outcome == JobRun.Outcome.SKIPPED
        JobRun.objects.filter(pk=holder.pk).update(
            started_at=timezone.now() - RETENTION.max_duration - datetime.timedelta(minutes=1)
        )
        stuck = run_job(RETENTION, trigger=JobRun.Trigger.COMMAND)
        assert stuck.outcome == JobRun.Outcome.STUCK
        assert JobRun.objects.stuck_recently().get() == stuck
        with pytest.raises(CommandError) as error:
            call_command("apply_retention")
        assert error.value.returncode == 2
    # Once the lock is free, the next run completes, and the dead holder's row is marked interrupted.
    completed = run_job(RETENTION, trigger=JobRun.Trigger.COMMAND)
    assert completed.outcome == JobRun.Outcome.COMPLETED
    holder.refresh_from_db()
    assert holder.outcome == JobRun.Outcome.INTERRUPTED
    assert not JobRun.objects.stuck_recently().exists()


def test_a_stuck_job_shows_on_the_admin_index(admin_client_trained):
    JobRun.objects.create(
        job="send_renewal_reminders",
        trigger=JobRun.Trigger.SCHEDULE,
        outcome=JobRun.Outcome.STUCK,
        finished_at=timezone.now(),
    )
    page = admin_client_trained.get("/admin/").content.decode()
    assert "/admin/jobs/jobrun/?outcome__exact=stuck" in page


def test_run_job_command_runs_any_scheduled_job_with_dry_run(capsys):
    call_command("run_job", "sweep_outbox", "--dry-run")
    run = JobRun.objects.get()
    assert (run.job, run.dry_run, run.outcome) == ("sweep_outbox", True, JobRun.Outcome.COMPLETED)


def test_health_reports_backlog_oldest_queued_age_and_heartbeat(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200  # visitors are served without workers: reported, not fatal
    assert body["status"] == "degraded"
    assert body["checks"]["task_queue"] == {
        "status": "degraded",
        "detail": "no worker heartbeat",
        "backlog": 0,
        "oldest_queued_seconds": None,
        "heartbeat_seconds": None,
        "worker_ok": False,
    }
    run_job(MAIL_SWEEP, trigger=JobRun.Trigger.COMMAND)
    from jobs.tasks import run_scheduled_job

    run_scheduled_job.enqueue("sweep_outbox")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=5))
    scheduler.beat("worker-1")
    health = queue_health()
    assert health["backlog"] == 1
    assert 299 <= health["oldest_queued_seconds"] <= 400
    assert 0 <= health["heartbeat_seconds"] < 60 and health["worker_ok"]
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - datetime.timedelta(minutes=10))
    assert not queue_health()["worker_ok"]
