from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import checks, privacy_registration  # noqa: F401 (checks registers the coverage check)

        privacy_registration.register()
