from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Data-subject requests (issue 7): privacy's own provider, retention rules and dashboard counters.
        from .subject_requests.retention_rules import register

        register()
