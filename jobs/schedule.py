"""What the workers run on their own, and when (Asia/Almaty time, cron syntax read by APScheduler).

Each entry is a `Job` (jobs.runs): run through its lock, recorded as a JobRun. The management commands run
the same jobs by hand (`apply_retention`, `send_renewal_reminders`, `run_job NAME`), with `--dry-run`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .runs import Job


@dataclass(frozen=True)
class Entry:
    job: Job
    cron: str
    catch_up: (
        timedelta  # a run missed while no worker was up is still made this long after its time
    )


def _call(path: str):
    def run(**options):
        return import_string(path)(**options)

    return run


RETENTION = Job(
    name="apply_retention",
    description=_("Retention schedule of every app"),
    run=_call("privacy.retention.retention_job"),
    max_duration=timedelta(hours=2),
)
RENEWAL_REMINDERS = Job(
    name="send_renewal_reminders",
    description=_("Renewal reminders to members 30 days before their membership ends"),
    run=_call("accreditation.services.renewal_reminders_job"),
    max_duration=timedelta(minutes=30),
)
EXPIRE_LINKS = Job(
    name="expire_links",
    description=_("Expired copies, unconfirmed requests and sessions"),
    run=_call("privacy.retention.expire_links_job"),
    max_duration=timedelta(minutes=30),
)
MAIL_SWEEP = Job(
    name="sweep_outbox",
    description=_("Emails a worker should have sent and did not, queued again"),
    run=_call("outbox.tasks.sweep_job"),
    max_duration=timedelta(minutes=10),
)

SCHEDULE = [
    Entry(RETENTION, "15 3 * * *", catch_up=timedelta(hours=20)),
    Entry(RENEWAL_REMINDERS, "0 9 * * *", catch_up=timedelta(hours=12)),
    Entry(EXPIRE_LINKS, "*/15 * * * *", catch_up=timedelta(minutes=14)),
    Entry(MAIL_SWEEP, "* * * * *", catch_up=timedelta(0)),
]

JOBS = {entry.job.name: entry.job for entry in SCHEDULE}
