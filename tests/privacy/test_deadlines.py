"""Deadlines in Kazakhstan working days (design.md: 1 day to rectify, block or erase, 3 for a copy or a refusal)."""

import datetime

import pytest

from privacy.subject_requests.deadlines import (
    add_working_days,
    deadline_for,
    is_working_day,
    working_days_between,
)

FRIDAY = datetime.date(2026, 11, 27)
MONDAY = datetime.date(2026, 11, 30)


def test_a_weekend_is_not_counted():
    assert add_working_days(FRIDAY, 1) == MONDAY
    assert add_working_days(FRIDAY, 3) == datetime.date(2026, 12, 2)


def test_kazakhstan_holidays_and_their_observed_days_are_not_counted():
    # Nauryz 2026: 21-23 March, with the weekend days moved to Tuesday 24 and Wednesday 25 March.
    friday_before_nauryz = datetime.date(2026, 3, 20)
    assert not is_working_day(datetime.date(2026, 3, 24))
    assert add_working_days(friday_before_nauryz, 1) == datetime.date(2026, 3, 26)


def test_independence_day_shifts_a_copy_deadline():
    # Verified Friday 11 December: Mon 14, Tue 15, (Wed 16 Independence Day), Thu 17.
    assert deadline_for("access", datetime.date(2026, 12, 11)) == datetime.date(2026, 12, 17)


@pytest.mark.parametrize(
    ("kind", "days"),
    [("access", 3), ("rectification", 1), ("blocking", 1), ("deletion", 1), ("refusal", 3)],
)
def test_per_type_defaults_come_from_settings(kind, days, settings):
    tuesday = datetime.date(2026, 12, 1)
    assert deadline_for(kind, tuesday) == add_working_days(tuesday, days)
    settings.DATA_REQUEST_DEADLINES = {**settings.DATA_REQUEST_DEADLINES, kind: days + 2}
    assert deadline_for(kind, tuesday) == add_working_days(tuesday, days + 2)


def test_days_left_count_working_days_only():
    assert working_days_between(FRIDAY, MONDAY) == 1
    assert working_days_between(MONDAY, MONDAY) == 0
    assert working_days_between(datetime.date(2026, 11, 28), MONDAY) == 1  # Saturday


def test_overdue_is_negative_even_across_a_weekend():
    assert working_days_between(MONDAY, FRIDAY) == -1
    assert working_days_between(datetime.date(2026, 12, 2), FRIDAY) == -3
