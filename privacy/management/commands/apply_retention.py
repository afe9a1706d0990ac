"""Apply the retention schedule (privacy policy, section 3) by hand; the workers run it daily (jobs.schedule).

Safe to run at any time: batched transactions, one run at a time across servers, `--dry-run` only counts, and a
second run right after changes nothing. Exit status: 0 done (or skipped: another run is in progress), 1 a rule
failed (the others ran), 2 stuck: another run has held the lock longer than a run can take.
"""

from django.core.management.base import BaseCommand, CommandError

from jobs.models import JobRun
from jobs.runs import run_job
from jobs.schedule import RETENTION


class Command(BaseCommand):
    help = "Delete or anonymise personal data whose retention period has ended; prints counts per rule."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        run = run_job(
            RETENTION, trigger=JobRun.Trigger.COMMAND, dry_run=dry_run, stdout=self.stdout
        )
        if run.outcome == JobRun.Outcome.STUCK:
            raise CommandError(
                f"Another retention run has held the lock since {run.summary['held_since']}: stuck.",
                returncode=2,
            )
        if run.outcome == JobRun.Outcome.SKIPPED:
            self.stdout.write(self.style.WARNING("Another retention run is in progress; skipped."))
            return
        if run.error:
            raise CommandError(run.error)
        counts, errors = run.summary["counts"], run.summary["errors"]
        summary = (
            f"{'Dry run: ' if dry_run else ''}{sum(counts.values())} rows in {len(counts)} rules"
        )
        if errors:
            # Every other rule has run; a non-zero exit lets cron, systemd or the scheduler alert someone.
            raise CommandError(f"{summary}; {len(errors)} rules failed: {sorted(errors)}")
        self.stdout.write(self.style.SUCCESS(summary + "."))
