"""Email each member 30 days before the membership ends, once, so the company can renew in time.

Safe to run daily (or more often): a reminder is stamped on the membership when it is sent, and a
stamped membership is never reminded again.
"""

import datetime

from django.core.management.base import BaseCommand

from accreditation.services import send_renewal_reminders


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
        count = send_renewal_reminders(today=date, dry_run=dry_run)
        verb = "due" if dry_run else "sent"
        self.stdout.write(f"Renewal reminders {verb}: {count}")
