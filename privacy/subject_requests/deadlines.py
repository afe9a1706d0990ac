"""The project's one working-day calendar, used by every deadline (data-subject requests, breach notices).

Weekends, public holidays and their observed (transferred) days off are not counted; Saturdays the government
declares working days are (the `holidays` package knows both, for the years its release covers: bump it every
December). Staff correct it in the admin (Privacy > Working-day corrections) with a transfer decree the package does
not know yet; a correction wins over the package. Corrections are read once a minute per process (and at once in the
process that saves one), so a deadline costs no query per day counted.
"""

from __future__ import annotations

import datetime
import time
from functools import lru_cache

import holidays
from django.conf import settings

CORRECTIONS_TTL_SECONDS = 60
_corrections: dict = {"read_at": None, "days": {}}


@lru_cache(maxsize=1)
def _calendar():
    return holidays.country_holidays("KZ")


def corrections() -> dict[datetime.date, bool]:
    """Corrected day -> whether it is a working day."""
    now = time.monotonic()
    read_at = _corrections["read_at"]
    if read_at is None or now - read_at > CORRECTIONS_TTL_SECONDS:
        from privacy.models import WorkingDayCorrection

        _corrections["days"] = WorkingDayCorrection.objects.as_calendar()
        _corrections["read_at"] = now
    return _corrections["days"]


def forget_corrections() -> None:
    _corrections["read_at"] = None


def is_working_day(day: datetime.date) -> bool:
    corrected = corrections().get(day)
    if corrected is not None:
        return corrected
    return _calendar().is_working_day(day)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `start` (the day of verification itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(today: datetime.date, due: datetime.date) -> int:
    """Working days left from `today` until `due`: 0 when due today, negative when `due` has passed."""
    if due == today:
        return 0
    step = 1 if due > today else -1
    count = 0
    day = today
    while day != due:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            count += step
    if step < 0 and count == 0:
        count = -1  # a deadline that passed over a weekend is still overdue
    return count


def deadline_for(kind: str, verified_on: datetime.date) -> datetime.date:
    """Due date for a request type (or "refusal") from the per-type defaults in settings."""
    return add_working_days(verified_on, settings.DATA_REQUEST_DEADLINES[kind])
