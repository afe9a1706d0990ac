"""What the outbox tells privacy: the emails it holds per address, how long it keeps them, what staff must see.

Registered in OutboxConfig.ready().
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    DashboardCounter,
    ErasureReport,
    RetentionRule,
    days_setting,
    delete_batch,
    register_dashboard_counter,
    register_provider,
    register_retention_rule,
)

from .models import Email


class OutboxProvider:
    """Emails sent (or to be sent) to an address: their subject, text and delivery."""

    name = "outbox"
    models = ("outbox.Email",)  # what it finds, exports and erases (privacy.checks)
    label = _("Emails we sent you")
    field_labels = {
        "subject": _("subject"),
        "text": _("text"),
        "created": _("written"),
        "sent": _("sent"),
        "status": _("status"),
    }

    def emails(self):
        return (
            Email.objects.filter(to_staff=False).order_by().values_list("to", flat=True).distinct()
        )

    def count(self, email: str) -> int:
        return Email.objects.for_email(email).filter(to_staff=False).count()

    def export(self, email: str) -> dict:
        rows = Email.objects.for_email(email).filter(to_staff=False).order_by("created_at", "pk")
        return {
            str(_("Emails")): [
                {
                    "subject": row.subject,
                    "text": row.body,
                    "created": row.created_at,
                    "sent": row.sent_at,
                    "status": str(row.get_status_display()),
                }
                for row in rows
            ]
        }

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """Delete every email to the address, unsent ones included: nothing more goes out to it from them."""
        rows = Email.objects.for_email(email).filter(to_staff=False)
        count = rows.count() if dry_run else rows.delete()[1].get(Email._meta.label, 0)
        return ErasureReport(provider=self.name, erased={"emails": count})


EMAILS = RetentionRule(
    name="outbox.emails",
    app="outbox",
    description=_("Copies of emails sent, refused or cancelled"),
    period=days_setting("RETENTION_EMAIL_DAYS"),
    measured_from=_("written"),
    action="delete",
    expired=lambda cutoff: Email.objects.finished_before(cutoff),
    apply=delete_batch,
    legal_basis=_("Legitimate interest: showing staff whether a person was told"),
)


def _changelist(query: str = "") -> str:
    return reverse("admin:outbox_email_changelist") + query


COUNTERS = [
    DashboardCounter(
        name="outbox.undelivered",
        label=_("Emails not delivered yet"),
        count=lambda: Email.objects.undelivered().count(),
        url=lambda: _changelist("?delivery=undelivered"),
        warn_if_positive=False,
    ),
    DashboardCounter(
        name="outbox.failed",
        label=_("Emails refused by the mail server"),
        count=lambda: Email.objects.failed().count(),
        url=lambda: _changelist("?status__exact=failed"),
        warn_if_positive=True,
    ),
    DashboardCounter(
        name="outbox.at_risk",
        label=_("Emails at risk of missing a legal deadline"),
        count=lambda: Email.objects.at_risk().count(),
        url=lambda: _changelist("?delivery=at_risk"),
        warn_if_positive=True,
    ),
]


def register():
    register_provider(OutboxProvider())
    register_retention_rule(EMAILS)
    for counter in COUNTERS:
        register_dashboard_counter(counter)
