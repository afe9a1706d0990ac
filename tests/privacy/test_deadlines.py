"""Deadlines in Kazakhstan working days (design.md: 1 day to rectify, block or erase, 3 for a copy or a refusal)."""

import datetime

import pytest
from django.urls import reverse

from privacy.models import WorkingDayCorrection
from privacy.subject_requests.deadlines import (
    add_working_days,
    deadline_for,
    is_working_day,
    working_days_between,
)
from tests.privacy.factories import DataSubjectRequestFactory

pytestmark = pytest.mark.django_db  # the calendar reads the staff's corrections

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


# --- corrections staff enter (transfer decrees the `holidays` package does not know yet) ---


def test_an_extra_day_off_moves_every_deadline_past_it():
    monday = datetime.date(2027, 3, 1)
    assert add_working_days(datetime.date(2027, 2, 26), 1) == monday
    WorkingDayCorrection.objects.create(
        day=monday, kind=WorkingDayCorrection.Kind.DAY_OFF, reason="Government Decree No. 1"
    )
    assert not is_working_day(monday)
    assert add_working_days(datetime.date(2027, 2, 26), 1) == datetime.date(2027, 3, 2)
    assert deadline_for("deletion", datetime.date(2027, 2, 26)) == datetime.date(2027, 3, 2)


def test_an_extra_working_day_counts_even_on_a_saturday():
    saturday = datetime.date(2027, 3, 6)
    assert not is_working_day(saturday)
    WorkingDayCorrection.objects.create(
        day=saturday, kind=WorkingDayCorrection.Kind.WORKING_DAY, reason="Government Decree No. 2"
    )
    assert is_working_day(saturday)
    assert add_working_days(datetime.date(2027, 3, 5), 1) == saturday
    # Sat 6 (corrected), Sun 7, Mon 8 (Women's Day), Tue 9
    assert working_days_between(datetime.date(2027, 3, 5), datetime.date(2027, 3, 9)) == 2


def test_a_correction_wins_over_the_package_and_removing_it_restores_the_package():
    independence_day = datetime.date(2026, 12, 16)
    correction = WorkingDayCorrection.objects.create(
        day=independence_day, kind=WorkingDayCorrection.Kind.WORKING_DAY, reason="test"
    )
    assert is_working_day(independence_day)
    correction.delete()
    assert not is_working_day(independence_day)


def test_a_request_counts_its_days_left_with_the_corrections(django_assert_max_num_queries):
    tuesday = datetime.date(2027, 3, 2)
    request = DataSubjectRequestFactory(state="open", due_on=datetime.date(2027, 3, 4))
    assert request.days_left(tuesday) == 2
    WorkingDayCorrection.objects.create(
        day=datetime.date(2027, 3, 3), kind=WorkingDayCorrection.Kind.DAY_OFF, reason="test"
    )
    with django_assert_max_num_queries(1):  # read once, not once per day counted
        assert request.days_left(tuesday) == 1
        assert working_days_between(tuesday, datetime.date(2027, 12, 31)) > 200


def test_staff_enter_a_correction_in_the_admin(admin_client_trained):
    response = admin_client_trained.post(
        reverse("admin:privacy_workingdaycorrection_add"),
        {"day": "2027-03-01", "kind": "day_off", "reason": "Government Decree No. 3"},
    )
    assert response.status_code == 302
    assert not is_working_day(datetime.date(2027, 3, 1))
    listing = admin_client_trained.get(
        reverse("admin:privacy_workingdaycorrection_changelist"), HTTP_ACCEPT_LANGUAGE="ru"
    )
    html = listing.content.decode()
    assert "Government Decree No. 3" in html and "дополнительный выходной день" in html
    assert '<td class="field-without_correction">рабочий день</td>' in html  # what the package says
