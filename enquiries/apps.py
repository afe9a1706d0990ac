from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Enquiries")

    def ready(self):
        from privacy.models import ConsentPurpose
        from privacy.registry import (
            register_provider,
            register_retention_rule,
            register_withdrawal_handler,
        )

        from . import privacy_hooks, services

        register_provider(privacy_hooks.EnquiriesProvider())
        for rule in privacy_hooks.retention_rules():
            register_retention_rule(rule)
        register_withdrawal_handler(ConsentPurpose.ENQUIRY_PROCESSING, services.stop_processing_for)
