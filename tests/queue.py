"""Run the task queue's due work in the test's own thread, as a worker would, and read the mail it sent.

The site only queues emails (outbox) and jobs, in the transaction of the data that causes them; a test that looks
at `mail.outbox` first lets the queue run: `sent_mail()`. A task that fails fails the test (a worker would only
record it), so a broken task never hides behind an empty outbox.
"""

from django.core import mail
from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

WORKER_ID = "test-worker"


def run_queued_tasks(limit: int = 1000) -> int:
    """Run every task that is due now (tasks they enqueue included); returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=WORKER_ID,
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        with transaction.atomic():
            task = DBTaskResult.objects.ready().get_locked()
            if task is None:
                return ran
            task.claim(WORKER_ID)
        worker.run_task(task)
        task.refresh_from_db()
        if task.status == TaskResultStatus.FAILED:
            raise AssertionError(f"task {task.task_path} failed:\n{task.traceback}")
        ran += 1
    raise AssertionError(f"more than {limit} tasks: does a task enqueue itself?")


def sent_mail() -> list:
    """Django's test outbox after the queue has run: every email the site has delivered so far."""
    run_queued_tasks()
    return mail.outbox


def run_retries_now() -> int:
    """Bring every deferred task (a retry waiting for its backoff) forward to now, then run the queue."""
    from django.utils import timezone

    from outbox.models import Email

    now = timezone.now()
    DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__gt=now).update(
        run_after=now
    )
    Email.objects.filter(status=Email.Status.RETRYING).update(next_attempt_at=now)
    return run_queued_tasks()
