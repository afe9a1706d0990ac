"""Technical data kept beside privacy's proofs expires after 90 days (P10); the proofs themselves stay.

The cookie choice log keeps a truncated IP and the user agent, a consent record the IP and user agent of the
form it was given through: both are technical data (policy section 1, for logs and abuse protection), kept
RETENTION_TECHNICAL_DATA_DAYS like every other. What was consented to or chosen, when, under which wording and
policy version stays as long as the consent.

Privacy's subject-data provider is `privacy.subject_requests.provider.PrivacyProvider`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import ConsentRecord, CookieConsentLog
from .registry import technical_data_rule

COOKIE_LOG_TECHNICAL_DATA = technical_data_rule(
    name="privacy_cookie_log_technical_data",
    app="privacy",
    model=CookieConsentLog,
    recorded_at="chosen_at",
    cleared={"truncated_ip": "", "user_agent": ""},
    apply=CookieConsentLog.objects.anonymise_technical_data,
    description=_("Cookie choice log: truncated IP address and user agent"),
    measured_from=pgettext_lazy("retention starting point", "choice"),
    legal_basis=_(
        "Legitimate interest (technical data, 90 days); the choice itself stays as proof"
    ),
)

CONSENT_RECORD_TECHNICAL_DATA = technical_data_rule(
    name="privacy_consent_technical_data",
    app="privacy",
    model=ConsentRecord,
    recorded_at="given_at",
    cleared={"client_ip": None, "user_agent": ""},
    apply=ConsentRecord.objects.clear_technical_data,
    description=_("Consent records: IP address and user agent"),
    measured_from=pgettext_lazy("retention starting point", "consent given"),
    legal_basis=_(
        "Legitimate interest (technical data, 90 days); the consent itself stays as proof"
    ),
)
