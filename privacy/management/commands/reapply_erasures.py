"""Repeat every logged erasure after a database restore: a backup may bring erased data back.

The erasure log holds only keyed hashes of addresses; addresses found in the restored database whose hash is in the
log are erased again through every provider. Run it right after restoring, before opening the site.
"""

from django.core.management.base import BaseCommand

from privacy.subject_requests.erasure import reapply_erasures


class Command(BaseCommand):
    help = "Erase again, after a database restore, the data of every address in the erasure log."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be erased; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        totals = reapply_erasures(dry_run=dry_run)
        for provider, count in sorted(totals.items()):
            self.stdout.write(f"{provider}: {count}")
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(self.style.SUCCESS(f"{sum(totals.values())} rows {verb}."))
