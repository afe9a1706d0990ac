"""Run one scheduled job by hand, through its lock, as the workers do (see jobs.schedule for the names).

Exit status: 0 done or skipped (another run is in progress), 1 failed, 2 stuck (another run has held the lock
longer than the job can take).
"""

from django.core.management.base import BaseCommand, CommandError

from jobs.models import JobRun
from jobs.runs import run_job
from jobs.schedule import JOBS


class Command(BaseCommand):
    help = "Run one scheduled job now: " + ", ".join(sorted(JOBS))

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))
        parser.add_argument("--dry-run", action="store_true", help="Count; change nothing.")

    def handle(self, *args, job, dry_run=False, **options):
        run = run_job(
            JOBS[job], trigger=JobRun.Trigger.COMMAND, dry_run=dry_run, stdout=self.stdout
        )
        if run.outcome == JobRun.Outcome.STUCK:
            raise CommandError(
                f"{job}: another run has held the lock since {run.summary['held_since']}: stuck.",
                returncode=2,
            )
        if run.outcome == JobRun.Outcome.SKIPPED:
            self.stdout.write(self.style.WARNING(f"{job}: another run is in progress; skipped."))
            return
        if run.outcome == JobRun.Outcome.FAILED:
            raise CommandError(f"{job}: {run.error or run.summary.get('errors')}")
        self.stdout.write(self.style.SUCCESS(f"{job}: {run.summary}"))
