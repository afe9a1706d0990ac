"""What the association's events hold about a person: found, copied, erased, and deleted on schedule."""

import datetime

import pytest
from django.utils import timezone

from association import services
from association.models import Registration
from privacy.registry import providers, retention_rules

from .factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

EMAIL = "aigerim@example.kz"


def provider():
    return next(p for p in providers() if p.name == "association")


def rule(name):
    return next(r for r in retention_rules() if r.name == name)


def test_p17_the_copy_holds_every_registration_of_the_address():
    RegistrationFactory(email=EMAIL, name="Aigerim")
    RegistrationFactory(email="someone@example.kz")
    assert provider().count("AIGERIM@example.kz") == 1
    (records,) = provider().export(EMAIL).values()
    assert records[0]["name"] == "Aigerim" and records[0]["email"] == EMAIL


def test_p20_erasure_cancels_what_is_to_come_and_removes_the_person_everywhere():
    upcoming = EventFactory(capacity=1)
    mine = services.register_for_event(
        event=upcoming,
        name="Aigerim",
        email=EMAIL,
        company="X",
        language="kk",
        consent_wording="I agree.",
    ).registration
    waiting = RegistrationFactory(event=upcoming, status=Registration.Status.WAITING)
    past = RegistrationFactory(
        email=EMAIL, event=EventFactory(starts_at=in_days(-20)), attended=True
    )

    assert provider().erase(EMAIL, dry_run=True).erased == {"registrations": 2}
    mine.refresh_from_db()
    assert mine.email == EMAIL  # a dry run changes nothing

    report = provider().erase(EMAIL)
    assert report.erased == {"registrations": 2} and report.kept == []
    for row in (mine, past):
        row.refresh_from_db()
        assert (row.name, row.email, row.company, row.anonymised_at is not None) == (
            "",
            "",
            "",
            True,
        )
    assert mine.status == Registration.Status.CANCELLED and mine.cancelled_by == "erasure"
    assert past.attended is True  # the count stays
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert provider().count(EMAIL) == 0


def test_attendee_data_is_deleted_after_the_period_from_the_end_of_the_event(settings):
    settings.RETENTION_EVENT_ATTENDEE_DAYS = 180
    now = timezone.now()
    old = EventFactory(
        starts_at=now - datetime.timedelta(days=181),
        ends_at=now - datetime.timedelta(days=180, seconds=1),
    )
    recent = EventFactory(
        starts_at=now - datetime.timedelta(days=181), ends_at=now - datetime.timedelta(days=179)
    )
    expired = RegistrationFactory(event=old, attended=True)
    kept = RegistrationFactory(event=recent)
    attendees = rule("association.event_attendees")
    assert attendees.period() == datetime.timedelta(days=180)
    due = attendees.expired_at(now)
    assert list(due) == [expired]
    assert attendees.apply(due) == 1
    expired.refresh_from_db()
    kept.refresh_from_db()
    assert expired.email == "" and expired.name == "" and expired.attended is True
    assert kept.email
    assert not attendees.expired_at(now).exists()  # a second run changes nothing


def test_p10_technical_data_of_a_registration_goes_after_90_days():
    now = timezone.now()
    old = RegistrationFactory(
        client_ip="10.0.0.1",
        user_agent="UA",
        technical_recorded_at=now - datetime.timedelta(days=91),
    )
    fresh = RegistrationFactory(
        client_ip="10.0.0.2", technical_recorded_at=now - datetime.timedelta(days=89)
    )
    technical = rule("association.registration_technical_data")
    assert list(technical.expired_at(now)) == [old]
    technical.apply(technical.expired_at(now))
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.client_ip, old.user_agent, old.technical_recorded_at) == (None, "", None)
    assert old.email and fresh.client_ip == "10.0.0.2"


def test_apply_retention_runs_the_association_rules(settings):
    from django.core.management import call_command

    settings.RETENTION_EVENT_ATTENDEE_DAYS = 30
    RegistrationFactory(event=EventFactory(starts_at=in_days(-40)))
    call_command("apply_retention")
    assert Registration.objects.get().anonymised_at is not None
