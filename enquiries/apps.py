from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Enquiries")

    def ready(self):
        from privacy.models import ConsentPurpose
        from privacy.registry import (
            DashboardCounter,
            register_dashboard_counter,
            register_provider,
            register_retention_rule,
            register_withdrawal_handler,
        )

        from . import privacy_hooks, services

        register_provider(privacy_hooks.EnquiriesProvider())
        for rule in privacy_hooks.retention_rules():
            register_retention_rule(rule)
        register_withdrawal_handler(ConsentPurpose.ENQUIRY_PROCESSING, services.stop_processing_for)
        register_dashboard_counter(
            DashboardCounter(
                name="enquiries.open",
                label=_("Open enquiries"),
                count=lambda: self.get_model("Enquiry").objects.open().count(),
                url=_changelist_url,
            )
        )
        register_dashboard_counter(
            DashboardCounter(
                name="enquiries.mail_failed",
                label=_("Enquiries with an email that failed"),
                count=lambda: self.get_model("Enquiry").objects.with_mail_problem().count(),
                url=lambda: _changelist_url() + "?mail=failed",
                warn_if_positive=True,
            )
        )


def _changelist_url():
    from django.urls import reverse

    return reverse("admin:enquiries_enquiry_changelist")
