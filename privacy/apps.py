from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import registry
        from .providers import COOKIE_LOG_TECHNICAL_DATA, ConsentRecordsProvider

        registry.register_provider(ConsentRecordsProvider())
        registry.register_retention_rule(COOKIE_LOG_TECHNICAL_DATA)
