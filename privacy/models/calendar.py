"""Corrections to the working-day calendar that staff enter: the Government's transfer decrees that the `holidays`
package does not know yet (a day off moved to a weekday, a Saturday made a working day)."""

from __future__ import annotations

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkingDayCorrectionQuerySet(models.QuerySet):
    def as_calendar(self) -> dict[datetime.date, bool]:
        """Day -> whether it is a working day, for every corrected day."""
        return {
            day: kind == WorkingDayCorrection.Kind.WORKING_DAY
            for day, kind in self.values_list("day", "kind")
        }


class WorkingDayCorrection(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("extra day off")
        WORKING_DAY = "working_day", _("extra working day")

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("the day becomes"), max_length=20, choices=Kind.choices)
    reason = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_(
            "The decree that moves the day, e.g. Government Decree No. 123 of 1 December 2027."
        ),
    )
    created_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)

    objects = WorkingDayCorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("working-day correction")
        verbose_name_plural = _("working-day corrections")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day.isoformat()}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _forget_after_commit()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _forget_after_commit()
        return result


def _forget_after_commit():
    from privacy.subject_requests.deadlines import forget_corrections

    forget_corrections()  # this process sees the change at once
    transaction.on_commit(
        forget_corrections
    )  # and not an older copy read while the transaction was open
