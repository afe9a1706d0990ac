"""Registration for events: places, the waiting list, cancellations, and the consent behind each registration."""

import datetime

import pytest
from django.utils import timezone

from association import services
from association.models import Registration
from privacy.models import BlockedEmail, ConsentPurpose, ConsentRecord, PolicyVersion
from privacy.services import block_email, withdraw_consent

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db

S = Registration.Status


def register(event, email, name="Aigerim", language="kk", technical=None):
    return services.register_for_event(
        event=event,
        name=name,
        email=email,
        company="Qazaq Cloud",
        language=language,
        consent_wording="I agree to the processing.",
        technical=technical,
    )


def test_registration_records_the_consent_with_purpose_wording_and_policy_version():
    """Consent to event registration is recorded like every other (P21 needs its purpose)."""
    event = EventFactory()
    result = register(
        event, "Aigerim@Example.kz", technical={"client_ip": "10.1.2.3", "user_agent": "Firefox"}
    )
    registration = result.registration
    assert result.created and registration.status == S.CONFIRMED and registration.confirmed_at
    assert registration.email == "aigerim@example.kz"
    consent = registration.consent
    assert consent.purpose == ConsentPurpose.EVENT_REGISTRATION
    assert consent.wording == "I agree to the processing."
    assert consent.policy_version == PolicyVersion.objects.current()
    assert consent.source_object == f"event {event.slug}"
    assert consent.email == "aigerim@example.kz" and consent.language == "kk"
    assert str(consent.client_ip) == "10.1.2.3"
    assert registration.client_ip == "10.1.2.3" and registration.technical_recorded_at


def test_a_full_event_puts_people_on_the_waiting_list_in_order():
    event = EventFactory(capacity=2)
    statuses = [register(event, f"p{n}@example.kz").registration.status for n in range(4)]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITING, S.WAITING]
    waiting = list(event.registrations.waiting_in_order())
    assert [r.position_on_waiting_list() for r in waiting] == [1, 2]
    assert event.places_left() == 0


def test_an_event_without_a_limit_never_fills():
    event = EventFactory(capacity=None)
    assert all(
        register(event, f"p{n}@example.kz").registration.status == S.CONFIRMED for n in range(5)
    )
    assert event.places_left() is None


def test_the_same_address_twice_gets_its_registration_back_without_a_second_consent():
    event = EventFactory(capacity=1)
    first = register(event, "a@example.kz")
    again = register(event, "A@EXAMPLE.KZ", name="Other name")
    assert not again.created and again.registration.pk == first.registration.pk
    assert event.registrations.count() == 1
    assert ConsentRecord.objects.filter(email="a@example.kz").count() == 1


def test_cancelling_a_place_gives_it_to_the_first_person_waiting():
    event = EventFactory(capacity=1)
    holder = register(event, "holder@example.kz").registration
    first_waiting = register(event, "w1@example.kz").registration
    register(event, "w2@example.kz")
    promoted = services.cancel_registration(
        registration=holder, by=Registration.CancelledBy.ATTENDEE
    )
    assert [r.pk for r in promoted] == [first_waiting.pk]
    holder.refresh_from_db()
    first_waiting.refresh_from_db()
    assert (
        holder.status == S.CANCELLED and holder.cancelled_by == "attendee" and holder.cancelled_at
    )
    assert first_waiting.status == S.CONFIRMED and first_waiting.confirmed_at
    assert event.registrations.waiting().get().email == "w2@example.kz"


def test_cancelling_from_the_waiting_list_promotes_nobody_and_cancelling_twice_changes_nothing():
    event = EventFactory(capacity=1)
    register(event, "holder@example.kz")
    waiting = register(event, "w1@example.kz").registration
    assert services.cancel_registration(registration=waiting, by="attendee") == []
    assert services.cancel_registration(registration=waiting, by="staff") == []
    waiting.refresh_from_db()
    assert waiting.cancelled_by == "attendee"


def test_a_cancelled_address_may_register_again():
    event = EventFactory()
    first = register(event, "a@example.kz").registration
    services.cancel_registration(registration=first, by="attendee")
    second = register(event, "a@example.kz")
    assert second.created and second.registration.pk != first.pk


def test_more_places_go_to_the_people_waiting():
    event = EventFactory(capacity=1)
    for n in range(4):
        register(event, f"p{n}@example.kz")
    event.capacity = 3
    event.save()
    promoted = services.fill_from_waiting_list(event=event)
    assert [r.email for r in promoted] == ["p1@example.kz", "p2@example.kz"]
    assert event.registrations.waiting().get().email == "p3@example.kz"


def test_no_place_moves_once_the_event_has_started():
    event = EventFactory(capacity=1)
    holder = register(event, "holder@example.kz").registration
    register(event, "w@example.kz")
    event.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    event.save()
    assert services.cancel_registration(registration=holder, by="staff") == []
    assert event.registrations.waiting().count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"is_published": False},
        {"registration_closes_at": "past"},
        {"starts_at": "past"},
    ],
)
def test_registration_is_refused_when_closed(change):
    event = EventFactory()
    for field, value in change.items():
        if value == "past":
            value = timezone.now() - datetime.timedelta(hours=1)
            if field == "starts_at":
                event.ends_at = timezone.now() + datetime.timedelta(hours=1)
        setattr(event, field, value)
    event.save()
    with pytest.raises(services.RegistrationRefused) as refused:
        register(event, "late@example.kz")
    assert refused.value.code == "closed"
    assert not Registration.objects.exists() and not ConsentRecord.objects.exists()


def test_a_blocked_address_is_not_registered():
    """P19: a blocked address's data is not processed any further."""
    block_email(email="blocked@example.kz")
    with pytest.raises(services.RegistrationRefused) as refused:
        register(EventFactory(), "blocked@example.kz")
    assert refused.value.code == "blocked"
    assert not Registration.objects.exists() and not ConsentRecord.objects.exists()
    assert BlockedEmail.objects.get().refused_submissions == 1  # staff see it on the block


def test_p21_withdrawing_consent_cancels_what_is_to_come_and_keeps_the_past():
    """P21: not retroactive. Upcoming registrations are cancelled (the waiting list moves on); a past event's
    attendance stays until the retention schedule deletes it."""
    past = EventFactory(starts_at=in_days(1))
    kept = register(past, "a@example.kz").registration
    past.starts_at, past.ends_at = in_days(-10), in_days(-10) + datetime.timedelta(hours=2)
    past.save()
    upcoming = EventFactory(capacity=1)
    cancelled = register(upcoming, "a@example.kz").registration
    waiting = register(upcoming, "next@example.kz").registration

    withdraw_consent(email="a@example.kz", purpose=ConsentPurpose.EVENT_REGISTRATION)

    cancelled.refresh_from_db()
    kept.refresh_from_db()
    waiting.refresh_from_db()
    assert cancelled.status == S.CANCELLED and cancelled.cancelled_by == "withdrawal"
    assert kept.status == S.CONFIRMED and kept.email == "a@example.kz"
    assert waiting.status == S.CONFIRMED
    assert all(c.withdrawn_at for c in ConsentRecord.objects.filter(email="a@example.kz"))


def test_attendance_is_recorded_only_for_places_of_events_that_started():
    event = EventFactory(starts_at=in_days(1))
    came = register(event, "came@example.kz").registration
    services.cancel_registration(
        registration=register(event, "no@example.kz").registration, by="attendee"
    )
    assert services.record_attendance(registrations=[came], attended=True) == 0  # not started yet
    event.starts_at, event.ends_at = in_days(-1), in_days(-1) + datetime.timedelta(hours=2)
    event.save()
    recorded = services.record_attendance(
        registrations=list(event.registrations.all()), attended=True
    )
    assert recorded == 1
    assert list(event.registrations.filter(attended=True)) == [came]
