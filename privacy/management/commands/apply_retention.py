"""Apply the retention schedule (privacy policy, section 3); run it daily (see README, "Retention").

Safe to run at any time: batched transactions, one run at a time across servers (PostgreSQL advisory lock),
`--dry-run` only counts, and a second run right after changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from privacy.retention import run_retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data whose retention period has ended; prints counts per rule."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        result = run_retention(dry_run=dry_run, stdout=self.stdout)
        if result.skipped:
            self.stdout.write(self.style.WARNING("Another retention run is in progress; skipped."))
            return
        total = sum(result.counts.values())
        summary = f"{'Dry run: ' if dry_run else ''}{total} rows in {len(result.counts)} rules"
        if result.errors:
            # Every other rule has run; a non-zero exit lets cron, systemd or the scheduler alert someone.
            raise CommandError(
                f"{summary}; {len(result.errors)} rules failed: {sorted(result.errors)}"
            )
        self.stdout.write(self.style.SUCCESS(summary + "."))
