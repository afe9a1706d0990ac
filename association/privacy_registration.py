"""What the association's pages tell the privacy registry: the event registrations held per email, their
retention, and what withdrawing the consent to registration stops. Registered from AssociationConfig.ready().

The privacy policy names no period for event registrations. Attendee data (name, email, company) is deleted
RETENTION_EVENT_ATTENDEE_DAYS (180, six months) after the event ends: long enough to answer questions about the
event, send its materials and count who came, and shorter than any period the policy names for a relationship that
has ended. The registration rows stay, anonymous, so that the attendance figures still add up.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dkz_site.client_ip import TECHNICAL_DATA_CLEARED_WITH_DATE
from privacy.models import ConsentPurpose, normalise_email
from privacy.registry import (
    ErasureReport,
    RetentionRule,
    days_setting,
    register_provider,
    register_retention_rule,
    register_withdrawal_handler,
    technical_data_rule,
)

from . import services
from .models import Registration


class EventRegistrationData:
    """Registrations for the association's events, by the address the person registered with."""

    name = "association"
    models = ("association.Registration",)  # what it finds, exports and erases (privacy.checks)
    label = _("Events: registrations")
    field_labels = {
        "event": _("event"),
        "event_starts": _("starts"),
        "name": _("full name"),
        "company": _("company"),
        "status": _("status"),
        "registered_at": _("registered"),
        "confirmed_at": _("place given"),
        "cancelled_at": _("cancelled"),
        "attended": _("attended"),
        "language": _("language of correspondence"),
    }

    def count(self, email: str) -> int:
        return Registration.objects.for_email(email).count()

    def emails(self):
        """Every address held here: `reapply_erasures` finds the erased ones after a restore."""
        return Registration.objects.exclude(email="").values_list("email", flat=True).distinct()

    def export(self, email: str) -> dict[str, list[dict[str, Any]]]:
        registrations = Registration.objects.for_email(email).select_related("event")
        return {gettext("Event registrations"): [_registration(r) for r in registrations]}

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """Cancel what is still to come (the waiting list moves on), then remove the person from every row."""
        email = normalise_email(email)
        report = ErasureReport(provider=self.name)
        registrations = Registration.objects.for_email(email)
        if dry_run:
            report.erased = {"registrations": registrations.count()}
            return report
        services.cancel_for_address(email, by=Registration.CancelledBy.ERASURE)
        with transaction.atomic():
            report.erased = {"registrations": anonymise(registrations)}
        return report


def _registration(r: Registration) -> dict:
    return {
        "event": r.event.localised("title"),
        "event_starts": r.event.starts_at,
        "name": r.name,
        "email": r.email,
        "company": r.company,
        "status": r.get_status_display(),
        "registered_at": r.registered_at,
        "confirmed_at": r.confirmed_at,
        "cancelled_at": r.cancelled_at,
        "attended": r.attended,
        "language": r.language,
        "client_ip": r.client_ip,
        "user_agent": r.user_agent,
        "referrer": r.referrer,
    }


def anonymise(registrations) -> int:
    """Remove the person; what stays (event, status, attendance) is an anonymous count."""
    return registrations.update(
        name="",
        email="",
        company="",
        **TECHNICAL_DATA_CLEARED_WITH_DATE,
        anonymised_at=timezone.now(),
    )


RULES = [
    technical_data_rule(
        name="association.registration_technical_data",
        app="association",
        model=Registration,
        recorded_at="technical_recorded_at",
        cleared=TECHNICAL_DATA_CLEARED_WITH_DATE,
        description=_("Technical data of event registrations (IP, user agent, referrer)"),
        measured_from=_("registration"),
    ),
    RetentionRule(
        name="association.event_attendees",
        app="association",
        description=_("Event attendees and waiting lists: name, email and company"),
        period=days_setting("RETENTION_EVENT_ATTENDEE_DAYS"),
        measured_from=_("end of the event"),
        action="anonymise",
        expired=lambda cutoff: Registration.objects.attendees_of_events_ended_before(
            cutoff
        ).order_by("pk"),
        apply=anonymise,
        legal_basis=_("Consent to event registration"),
    ),
]


def register() -> None:
    register_provider(EventRegistrationData())
    for rule in RULES:
        register_retention_rule(rule)
    register_withdrawal_handler(ConsentPurpose.EVENT_REGISTRATION, services.stop_on_withdrawal)
