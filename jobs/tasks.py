"""The task a scheduled slot enqueues: run one job of jobs.schedule through its lock."""

from django_tasks import task

from .models import JobRun

JOBS_QUEUE = "default"
# Below a new email (10), above a retry (0): the daily jobs never hold back fresh mail for long.
JOB_PRIORITY = 5


@task(queue_name=JOBS_QUEUE, priority=JOB_PRIORITY)
def run_scheduled_job(name: str) -> str:
    from .runs import run_job
    from .schedule import JOBS

    return run_job(JOBS[name], trigger=JobRun.Trigger.SCHEDULE).outcome
