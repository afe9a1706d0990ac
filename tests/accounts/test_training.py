"""Personal-data training record (privacy policy, section 6; P25): validity, the command, the user admin."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

COMPLETED = datetime.date(2026, 1, 10)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        email="aliya@digitalkazakhstan.org", password="a-long-staff-password-42", is_staff=True
    )


@override_settings(PD_TRAINING_VALID_DAYS=365)
def test_P25_training_counts_from_its_day_for_365_days(staff):
    staff.pd_training_completed_on = COMPLETED
    assert staff.pd_training_valid_until == datetime.date(2027, 1, 9)
    assert not staff.has_current_pd_training(COMPLETED - datetime.timedelta(days=1))
    assert staff.has_current_pd_training(COMPLETED)
    assert staff.has_current_pd_training(datetime.date(2027, 1, 9))
    assert not staff.has_current_pd_training(datetime.date(2027, 1, 10))


@override_settings(PD_TRAINING_VALID_DAYS=30)
def test_P25_validity_follows_the_setting(staff):
    staff.pd_training_completed_on = COMPLETED
    assert staff.has_current_pd_training(COMPLETED + datetime.timedelta(days=29))
    assert not staff.has_current_pd_training(COMPLETED + datetime.timedelta(days=30))


def test_no_record_means_no_training(staff):
    assert staff.pd_training_valid_until is None
    assert not staff.has_current_pd_training()


def test_record_pd_training_records_today_by_default(staff):
    out = StringIO()
    call_command("record_pd_training", "Aliya@DigitalKazakhstan.org", stdout=out)
    staff.refresh_from_db()
    assert staff.pd_training_completed_on == timezone.localdate()
    assert staff.has_current_pd_training()
    assert "counts until" in out.getvalue() and "(current)" in out.getvalue()


def test_record_pd_training_with_a_date(staff):
    call_command("record_pd_training", staff.email, "--date", "2026-01-10", stdout=StringIO())
    staff.refresh_from_db()
    assert staff.pd_training_completed_on == COMPLETED


def test_record_pd_training_refuses_a_future_date_and_unknown_people(staff):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="future"):
        call_command("record_pd_training", staff.email, "--date", tomorrow)
    with pytest.raises(CommandError, match="No user"):
        call_command("record_pd_training", "nobody@example.kz")
    with pytest.raises(CommandError):
        call_command("record_pd_training", staff.email, "--date", "10.01.2026")
    staff.refresh_from_db()
    assert staff.pd_training_completed_on is None


def test_record_pd_training_refuses_non_staff(django_user_model):
    django_user_model.objects.create_user(email="visitor@example.kz", password="x" * 20)
    with pytest.raises(CommandError, match="not staff"):
        call_command("record_pd_training", "visitor@example.kz")


def test_user_admin_shows_the_training_and_until_when_it_counts(admin_client_trained, staff):
    staff.pd_training_completed_on = COMPLETED
    staff.save()
    client = admin_client_trained
    listing = client.get(reverse("admin:accounts_user_changelist"), HTTP_ACCEPT_LANGUAGE="en")
    html = listing.content.decode()
    assert "May see personal data" in html
    change = client.get(
        reverse("admin:accounts_user_change", args=[staff.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Training counts until" in change.content.decode()


def test_a_training_cannot_be_recorded_for_a_future_date(staff):
    from django.core.exceptions import ValidationError

    staff.pd_training_completed_on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        staff.full_clean()
    assert "pd_training_completed_on" in refused.value.message_dict
    staff.pd_training_completed_on = timezone.localdate()
    staff.full_clean()
