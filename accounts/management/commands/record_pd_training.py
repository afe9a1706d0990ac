"""Record that a staff member completed personal-data training (privacy policy, section 6).

Only staff with a current record open admin pages that show personal data; the record counts for
PD_TRAINING_VALID_DAYS days. Run it again after each yearly training.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Record a staff member's personal-data training: record_pd_training EMAIL [--date YYYY-MM-DD]"

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--date",
            type=_date,
            default=None,
            help="Day the training was completed (default: today).",
        )

    def handle(self, *args, email, date, **options):
        completed = date or timezone.localdate()
        if completed > timezone.localdate():
            raise CommandError("The training date cannot be in the future.")
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}.")
        if not user.is_staff:
            raise CommandError(f"{user.email} is not staff: only staff use the admin.")
        user.pd_training_completed_on = completed
        user.save(update_fields=["pd_training_completed_on"])
        state = "current" if user.has_current_pd_training() else "already expired"
        self.stdout.write(
            self.style.SUCCESS(
                f"Recorded training of {user.email} on {completed.isoformat()}: counts until "
                f"{user.pd_training_valid_until.isoformat()} ({state})."
            )
        )


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        from argparse import ArgumentTypeError

        raise ArgumentTypeError("use the format YYYY-MM-DD") from error
