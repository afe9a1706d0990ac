"""Send again the enquiry emails a mail server refused, so that no visitor or staff notice is lost.

Safe to run at any time (e.g. every 15 minutes from cron): only failed emails, and pending ones that a stopped
process left behind, are tried; a sent, blocked or cancelled email is never sent twice.
"""

from django.core.management.base import BaseCommand

from enquiries.services import retry_unsent_mail


class Command(BaseCommand):
    help = "Retry enquiry emails that could not be sent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the emails due for a retry."
        )
        parser.add_argument("--limit", type=int, default=500, help="At most this many emails.")

    def handle(self, *args, dry_run=False, limit=500, **options):
        outcome = retry_unsent_mail(dry_run=dry_run, limit=limit)
        if dry_run:
            self.stdout.write(f"due: {outcome['due']}")
            return
        if not outcome:
            self.stdout.write("nothing to retry")
        for status, count in sorted(outcome.items()):
            self.stdout.write(f"{status}: {count}")
