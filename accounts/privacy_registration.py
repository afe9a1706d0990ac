"""Retention of the sign-in records django-axes keeps: client IPs and user agents are technical data (policy,
section 3: 90 days), kept only to protect staff accounts against password guessing."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacy.registry import RetentionRule, delete_batch, register_retention_rule


def _technical_data_period() -> timedelta:
    return timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS)


def _expired(model):
    def expired(now):
        return model.objects.filter(attempt_time__lt=now - _technical_data_period()).order_by("pk")

    return expired


def register() -> None:
    for name, model, description in [
        ("accounts.sign_ins", AccessLog, _("Staff sign-ins (client IP, user agent)")),
        ("accounts.failed_sign_ins", AccessAttempt, _("Failed sign-in attempts (lockout counts)")),
        ("accounts.failed_sign_in_log", AccessFailureLog, _("Log of failed sign-ins")),
    ]:
        register_retention_rule(
            RetentionRule(
                name=name,
                app="accounts",
                description=description,
                period=_technical_data_period,
                measured_from=pgettext_lazy("retention starting point", "sign-in attempt"),
                action="delete",
                expired=_expired(model),
                apply=delete_batch,
                legal_basis=_("Legitimate interest: protecting staff accounts against abuse"),
            )
        )
