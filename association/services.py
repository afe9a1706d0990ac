"""The association's workflows with side effects, each written once and called by the public pages and the admin.

Registrations: a place while there are places, else the waiting list; a place that comes free goes to the first
person waiting, at once; a cancellation (by the attendee's signed link, by staff, by withdrawing consent or
erasure) frees it. Capacity decisions lock the event's row, so two people can never take the last place together.
Every email (the confirmation or waiting-list notice, a place that came free, a cancellation, the reminder) is
queued through the outbox in the same transaction (association.mail).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.client_ip import technical_fields
from outbox.services import cancel_unsent
from privacy.models import ConsentPurpose, normalise_email
from privacy.services import is_blocked, record_consent, refuse_if_blocked

from . import mail
from .models import Event, Registration

logger = logging.getLogger(__name__)

CONSENT_SOURCE = "event registration form"
S = Registration.Status


class RegistrationRefused(Exception):
    """The registration cannot be taken; ``message`` is translated for the visitor."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


REGISTRATION_CLOSED = _("Registration for this event is closed.")


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool  # False: the address already held a place or a place on the waiting list


def register_for_event(
    *,
    event: Event,
    name: str,
    email: str,
    company: str,
    language: str,
    consent_wording: str,
    technical: dict | None = None,
) -> RegistrationResult:
    """Register a person: a place if one is left, else the waiting list; the consent is recorded with its wording.

    An address already registered (or waiting) for the event gets its existing registration back, unchanged.
    Refused (RegistrationRefused) when registration is closed or the address is blocked; a blocked address's
    refusal is counted on the block for staff, and nothing of the submission is kept.
    """
    if refuse_if_blocked(email=email):
        raise RegistrationRefused(REGISTRATION_CLOSED, "blocked")
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if not locked.registration_open():
                raise RegistrationRefused(REGISTRATION_CLOSED, "closed")
            existing = locked.registrations.active().for_email(email).first()
            if existing is not None:
                # They may have lost the first email: the same answer again (the outbox limits how often).
                mail.registered(existing)
                return RegistrationResult(existing, created=False)
            registration = _new_registration(
                locked,
                name=name,
                email=email,
                company=company,
                language=language,
                technical=technical,
            )
            registration.consent = record_consent(
                email=email,
                purpose=ConsentPurpose.EVENT_REGISTRATION,
                wording=consent_wording,
                source=CONSENT_SOURCE,
                source_object=f"event {locked.slug}",
                technical=technical,
                language=language,
            )
            registration.save(update_fields=["consent"])
            mail.registered(registration)
    except IntegrityError:
        # The same address submitted twice at once: the unique constraint let one through.
        existing = event.registrations.active().for_email(email).first()
        if existing is None:
            raise
        return RegistrationResult(existing, created=False)
    return RegistrationResult(registration, created=True)


def _new_registration(event: Event, *, name, email, company, language, technical) -> Registration:
    now = timezone.now()
    has_place = event.capacity is None or event.confirmed_places() < event.capacity
    return Registration.objects.create(
        event=event,
        name=name.strip(),
        email=email,
        company=company.strip(),
        language=language[:8],
        status=S.CONFIRMED if has_place else S.WAITING,
        registered_at=now,
        confirmed_at=now if has_place else None,
        technical_recorded_at=now if technical else None,
        **technical_fields(technical),
    )


# The attendee is told of a cancellation they asked for or staff made; not of one that follows their withdrawal
# of consent or an erasure, which stop all processing, writing to them included.
TOLD_OF_CANCELLATION = {Registration.CancelledBy.ATTENDEE, Registration.CancelledBy.STAFF}


def cancel_registration(*, registration: Registration, by: str) -> list[Registration]:
    """Cancel a place or a place on the waiting list; a place freed before the event goes to the first waiting.

    `by` is a Registration.CancelledBy value. Cancelling a cancelled registration changes nothing. Returns the
    registrations that got a place because of it."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if not locked.is_active:
            return []
        had_place = locked.status == S.CONFIRMED
        locked.status = S.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.cancelled_by = by
        locked.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        registration.status, registration.cancelled_at = locked.status, locked.cancelled_at
        if by in TOLD_OF_CANCELLATION:
            mail.tell(locked, mail.CANCELLED, by_staff=by == Registration.CancelledBy.STAFF)
        return _promote_waiting(event) if had_place else []


def fill_from_waiting_list(*, event: Event) -> list[Registration]:
    """Give the places left to the people waiting, first come first served (after staff add places)."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        return _promote_waiting(locked)


def _promote_waiting(event: Event) -> list[Registration]:
    """Inside the caller's transaction, with the event's row locked."""
    if event.has_started():
        return []  # a place freed once the event is under way is nobody's to take
    left = event.places_left()
    promoted = []
    now = timezone.now()
    for registration in event.registrations.waiting_in_order():
        if left is not None and len(promoted) >= left:
            break
        if is_blocked(registration.email):
            continue  # P19: no further processing of a blocked address; the next person gets the place
        registration.status = S.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        mail.tell(registration, mail.PROMOTED)
        promoted.append(registration)
    if promoted:
        logger.info("waiting list moved event=%s promoted=%d", event.pk, len(promoted))
    return promoted


def record_attendance(*, registrations, attended: bool) -> int:
    """Staff record who came (after the event has started); only confirmed places count."""
    return (
        Registration.objects.filter(pk__in=[r.pk for r in registrations])
        .confirmed()
        .filter(event__starts_at__lte=timezone.now())
        .update(attended=attended)
    )


def cancel_for_address(email: str, *, by: str) -> int:
    """Cancel every place and waiting-list place of an address for events still to come (consent withdrawn,
    erasure); past registrations stay until the retention schedule deletes them."""
    cancelled = 0
    upcoming = Registration.objects.for_email(email).active().for_upcoming_events()
    for registration in upcoming:
        cancel_registration(registration=registration, by=by)
        cancelled += 1
    return cancelled


def stop_on_withdrawal(email: str) -> None:
    """Consent to event registration withdrawn: from now on the person is not registered for anything to come,
    and no email about a registration that is still unsent goes out; nothing done before is undone."""
    email = normalise_email(email)
    cancel_for_address(email, by=Registration.CancelledBy.WITHDRAWAL)
    cancel_unsent(regarding_any=Registration.objects.for_email(email))


# --- reminders ----------------------------------------------------------------------------------


def send_event_reminders(*, now=None, dry_run: bool = False) -> int:
    """Remind each confirmed attendee once, EVENT_REMINDER_HOURS before the event starts.

    The reminder is stamped on the registration in the transaction that queues it: queued exactly once, always
    delivered (the outbox retries); an address blocked meanwhile gets nothing and no stamp.
    """
    now = now or timezone.now()
    due = Registration.objects.due_for_reminder(now).order_by("event__starts_at", "pk")
    if dry_run:
        return due.count()
    queued = 0
    for registration_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update()
                .filter(pk=registration_id, reminder_sent_at__isnull=True, status=S.CONFIRMED)
                .select_related("event")
                .first()
            )
            if registration is None:
                continue
            if not mail.tell(registration, mail.REMINDER):
                continue  # blocked: nothing queued, nothing stamped
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
        queued += 1
    return queued


def event_reminders_job(*, dry_run: bool = False, stdout=None) -> dict:
    """The scheduled run (jobs.schedule)."""
    return {"due" if dry_run else "queued": send_event_reminders(dry_run=dry_run)}
