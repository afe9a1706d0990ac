"""The emails of a registration, queued through the outbox in the transaction that causes them.

Each is written in the attendee's language and carries the event, its calendar file and the attendee's signed
link. A blocked address gets nothing (the outbox refuses it, and the caller carries on without the email).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from outbox.services import MailBlocked, queue_email

from .forms import retention_period
from .links import cancel_url
from .models import Registration

CONFIRMED = "association/email/registration_confirmed"
WAITING = "association/email/registration_waiting"
PROMOTED = "association/email/registration_promoted"
CANCELLED = "association/email/registration_cancelled"
REMINDER = "association/email/event_reminder"


def _context(registration: Registration) -> dict:
    event = registration.event
    with translation.override(registration.language):
        event_url = settings.SITE_URL + event.get_absolute_url()
        ics_url = settings.SITE_URL + reverse("association:event_ics", args=[event.slug])
        period = retention_period()
    return {
        "registration": registration,
        "event": event,
        "event_url": event_url,
        "ics_url": ics_url,
        "cancel_url": cancel_url(registration),
        "retention_period": period,
    }


def tell(registration: Registration, template: str, *, acknowledgement=False, **extra) -> bool:
    """Queue one email to the attendee; False when their address is blocked (nothing is queued)."""
    try:
        queue_email(
            to=registration.email,
            template=template,
            context={**_context(registration), **extra},
            language=registration.language,
            regarding=registration,
            acknowledgement=acknowledgement,
        )
    except MailBlocked:
        return False
    return True


def registered(registration: Registration) -> bool:
    """The answer to a registration (automatic, to an address a visitor typed: an acknowledgement)."""
    waiting = registration.status == Registration.Status.WAITING
    return tell(registration, WAITING if waiting else CONFIRMED, acknowledgement=True)
