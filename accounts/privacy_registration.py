"""Retention of the sign-in records django-axes keeps: client IPs and user agents are technical data (policy,
section 3: 90 days), kept only to protect staff accounts against password guessing."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacy.registry import register_retention_rule, technical_data_rule


def register() -> None:
    for name, model, description in [
        ("accounts.sign_ins", AccessLog, _("Staff sign-ins (client IP, user agent)")),
        ("accounts.failed_sign_ins", AccessAttempt, _("Failed sign-in attempts (lockout counts)")),
        ("accounts.failed_sign_in_log", AccessFailureLog, _("Log of failed sign-ins")),
    ]:
        register_retention_rule(
            technical_data_rule(
                name=name,
                app="accounts",
                model=model,
                recorded_at="attempt_time",
                description=description,
                measured_from=pgettext_lazy("retention starting point", "sign-in attempt"),
                legal_basis=_("Legitimate interest: protecting staff accounts against abuse"),
            )
        )
