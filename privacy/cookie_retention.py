"""The cookie choice log's technical data (truncated IP, user agent) expires after 90 days; the choice stays.

Privacy's subject-data provider is `privacy.subject_requests.provider.PrivacyProvider`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import CookieConsentLog
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
    measured_from="chosen_at",
    action="anonymise",
    expired=_cookie_log_expired,
    apply=lambda queryset: CookieConsentLog.objects.anonymise_technical_data(queryset),
    legal_basis=_(
        "Legitimate interest (technical data, 90 days); the choice itself stays as proof"
    ),
)
