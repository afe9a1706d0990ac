"""What privacy registers about its own data, like every other app: its subject-data provider, the retention rules
of consent records, cookie choices, data-subject requests and the breach register, and its dashboard counters.
Registered from PrivacyConfig.ready()."""

from . import registry
from .breaches.registration import register as register_breaches
from .subject_requests.retention_rules import register as register_subject_requests
from .technical_data import CONSENT_RECORD_TECHNICAL_DATA, COOKIE_LOG_TECHNICAL_DATA


def register() -> None:
    registry.register_retention_rule(COOKIE_LOG_TECHNICAL_DATA)
    registry.register_retention_rule(CONSENT_RECORD_TECHNICAL_DATA)
    # The provider of consents and requests, their retention rules and the requests' dashboard counters.
    register_subject_requests()
    register_breaches()
