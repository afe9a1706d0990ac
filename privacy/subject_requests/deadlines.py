"""Deadlines in Kazakhstan working days: weekends, public holidays and their observed (transferred) days off
are not counted; Saturdays the government declares working days are (the `holidays` package knows both)."""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=1)
def _calendar():
    return holidays.country_holidays("KZ")


def is_working_day(day: datetime.date) -> bool:
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
