"""The outbox's tasks, run by the workers (`manage.py run_worker`).

`deliver_email` is enqueued with every email (outbox.services); `sweep_outbox` runs every few minutes from the
worker's schedule (jobs.schedule) and re-enqueues what a worker should have sent and did not: an email whose
worker was killed mid-send (its claim expired), or one whose task was lost.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .delivery import deliver
from .models import Email

logger = logging.getLogger(__name__)

MAIL_QUEUE = "mail"
FIRST_ATTEMPT_PRIORITY = 10
RETRY_PRIORITY = 0


@task(queue_name=MAIL_QUEUE, priority=FIRST_ATTEMPT_PRIORITY)
def deliver_email(email_id: int) -> str:
    return deliver(email_id)


def sweep_outbox(*, limit: int = 1000) -> dict[str, int]:
    """Re-enqueue stale emails (at most `limit`, oldest first); returns how many."""
    from .services import enqueue_retry

    now = timezone.now()
    requeued = 0
    for pk in Email.objects.stale(now).order_by("created_at").values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            email = Email.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if email is None or not Email.objects.stale(now).filter(pk=pk).exists():
                continue
            if email.status != Email.Status.SENDING and _task_pending(email, now):
                continue  # a worker will get to it: the queue is only long
            if email.status == Email.Status.SENDING:
                email.status = Email.Status.RETRYING  # its worker died; the attempt stays counted
                email.claimed_until = None
            email.next_attempt_at = now
            email.save(update_fields=["status", "claimed_until", "next_attempt_at"])
            enqueue_retry(email, now)
            requeued += 1
    if requeued:
        logger.warning("outbox sweep re-enqueued emails count=%d", requeued)
    return {"requeued": requeued}


def _task_pending(email: Email, now) -> bool:
    """Whether the email's delivery task still waits in the queue, or was started recently enough that its
    worker may still be about to claim the email."""
    from datetime import timedelta

    from django.conf import settings
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not email.task_id:
        return False
    started_after = now - timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    tasks = DBTaskResult.objects.filter(id=email.task_id)
    return (
        tasks.filter(status=TaskResultStatus.READY).exists()
        or tasks.filter(status=TaskResultStatus.RUNNING, started_at__gte=started_after).exists()
    )


def sweep_job(*, dry_run: bool = False, stdout=None) -> dict:
    """The scheduled sweep (jobs.schedule); a dry run only counts."""
    if dry_run:
        return {"stale": Email.objects.stale().count()}
    return sweep_outbox()
