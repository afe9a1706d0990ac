from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import registry
        from .subject_requests.retention_rules import register
        from .technical_data import CONSENT_RECORD_TECHNICAL_DATA, COOKIE_LOG_TECHNICAL_DATA

        registry.register_retention_rule(COOKIE_LOG_TECHNICAL_DATA)
        registry.register_retention_rule(CONSENT_RECORD_TECHNICAL_DATA)
        # Privacy's own subject-data provider, its retention rules and the admin dashboard counters.
        register()
        from .breaches.registration import register as register_breaches

        register_breaches()
