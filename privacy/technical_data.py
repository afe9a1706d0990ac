"""Technical data kept beside privacy's proofs expires after 90 days (P10); the proofs themselves stay.

The cookie choice log keeps a truncated IP and the user agent, a consent record the IP and user agent of the
form it was given through: both are technical data (policy section 1, for logs and abuse protection), kept
RETENTION_TECHNICAL_DATA_DAYS like every other. What was consented to or chosen, when, under which wording and
policy version stays as long as the consent.

Privacy's subject-data provider is `privacy.subject_requests.provider.PrivacyProvider`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import ConsentRecord, CookieConsentLog
from .registry import RetentionRule


def _cookie_log_expired(now):
    period = timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS)
    return CookieConsentLog.objects.filter(chosen_at__lt=now - period).exclude(
        truncated_ip="", user_agent=""
    )


COOKIE_LOG_TECHNICAL_DATA = RetentionRule(
    name="privacy_cookie_log_technical_data",
    app="privacy",
    description=_("Cookie choice log: truncated IP address and user agent"),
    period=lambda: timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS),
    measured_from=pgettext_lazy("retention starting point", "choice"),
    action="anonymise",
    expired=_cookie_log_expired,
    apply=lambda queryset: CookieConsentLog.objects.anonymise_technical_data(queryset),
    legal_basis=_(
        "Legitimate interest (technical data, 90 days); the choice itself stays as proof"
    ),
)


def _consent_records_expired(now):
    period = timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS)
    return ConsentRecord.objects.filter(given_at__lt=now - period).exclude(
        client_ip__isnull=True, user_agent=""
    )


CONSENT_RECORD_TECHNICAL_DATA = RetentionRule(
    name="privacy_consent_technical_data",
    app="privacy",
    description=_("Consent records: IP address and user agent"),
    period=lambda: timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS),
    measured_from=pgettext_lazy("retention starting point", "consent given"),
    action="anonymise",
    expired=_consent_records_expired,
    apply=lambda queryset: ConsentRecord.objects.clear_technical_data(queryset),
    legal_basis=_(
        "Legitimate interest (technical data, 90 days); the consent itself stays as proof"
    ),
)
