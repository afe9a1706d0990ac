"""Email each member 30 days before the membership ends, once, so the company can renew in time.

The workers run this daily (jobs.schedule); the command runs it by hand, through the same lock. Safe to run at
any time: a reminder is stamped on the membership in the transaction that queues it, and a stamped membership is
never reminded again. `--date` acts as if today were another day (no lock: for trying out a date by hand).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from accreditation.services import send_renewal_reminders
from jobs.models import JobRun
from jobs.runs import run_job
from jobs.schedule import RENEWAL_REMINDERS


class Command(BaseCommand):
    help = "Send renewal reminders to members whose membership ends within 30 days (once each)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the reminders due; send nothing."
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Act as if today were this date (YYYY-MM-DD).",
        )

    def handle(self, *args, dry_run=False, date=None, **options):
        verb = "due" if dry_run else "queued"
        if date is not None:
            count = send_renewal_reminders(today=date, dry_run=dry_run)
            self.stdout.write(f"Renewal reminders {verb}: {count}")
            return
        run = run_job(RENEWAL_REMINDERS, trigger=JobRun.Trigger.COMMAND, dry_run=dry_run)
        if run.outcome == JobRun.Outcome.STUCK:
            raise CommandError(
                "Another reminder run has held the lock too long: stuck.", returncode=2
            )
        if run.outcome == JobRun.Outcome.SKIPPED:
            self.stdout.write("Another reminder run is in progress; skipped.")
            return
        if run.outcome == JobRun.Outcome.FAILED:
            raise CommandError(run.error)
        self.stdout.write(f"Renewal reminders {verb}: {run.summary[verb]}")
