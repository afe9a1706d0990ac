"""What the enquiries app tells privacy: the data it holds per address, how long it keeps it, what withdrawing
consent stops, and its dashboard counters.

Registered in EnquiriesConfig.ready(); privacy never imports these models itself.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dkz_site.client_ip import TECHNICAL_DATA_CLEARED
from privacy.models import ConsentPurpose
from privacy.registry import (
    DashboardCounter,
    ErasureReport,
    KeptRecords,
    RetentionRule,
    days_setting,
    register_dashboard_counter,
    register_provider,
    register_retention_rule,
    register_withdrawal_handler,
    technical_data_rule,
)

from . import services
from .models import Enquiry, EnquiryMessage


class EnquiriesProvider:
    """Enquiries and their messages, found by the visitor's address (case-insensitive)."""

    name = "enquiries"
    models = (
        "enquiries.Enquiry",
        "enquiries.EnquiryMessage",
    )  # what it finds, exports and erases (privacy.checks)
    label = _("Enquiries and correspondence")
    field_labels = {
        "number": _("number"),
        "name": _("name"),
        "company": _("company"),
        "message": _("message"),
        "last_contact": _("last contact"),
        "processing_stopped": _("processing stopped"),
        "enquiry": _("enquiry"),
        "from": _("direction"),
        "time": _("time"),
        "text": _("text"),
    }

    def emails(self):
        """Every address the enquiries still hold (lets an erasure be repeated after a database restore)."""
        return (
            Enquiry.objects.filter(anonymised_at__isnull=True)
            .order_by()
            .values_list("email", flat=True)
            .distinct()
        )

    def count(self, email: str) -> int:
        return Enquiry.objects.for_email(email).count()

    def export(self, email: str) -> dict:
        enquiries = list(Enquiry.objects.for_email(email).order_by("created_at"))
        messages = EnquiryMessage.objects.filter(enquiry__in=enquiries).order_by("sent_at", "pk")
        return {
            str(_("Enquiries")): [
                {
                    "number": enquiry.pk,
                    "name": enquiry.name,
                    "email": enquiry.email,
                    "company": enquiry.company,
                    "message": enquiry.message,
                    "language": enquiry.language,
                    "status": str(enquiry.get_status_display()),
                    "received": enquiry.created_at,
                    "last_contact": enquiry.last_contact_at,
                    "closed": enquiry.closed_at,
                    "processing_stopped": enquiry.processing_stopped_at,
                }
                for enquiry in enquiries
            ],
            str(_("Messages")): [
                {
                    "enquiry": message.enquiry_id,
                    "from": str(message.get_direction_display()),
                    "time": message.sent_at,
                    "text": message.body,
                    "client_ip": message.client_ip,
                    "user_agent": message.user_agent,
                    "referrer": message.referrer,
                }
                for message in messages
            ],
        }

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """Anonymise: name, email, company, every message text and technical data go; counts and dates stay."""
        enquiries = Enquiry.objects.for_email(email).filter(anonymised_at__isnull=True)
        if dry_run:
            count = enquiries.count()
            message_count = EnquiryMessage.objects.filter(enquiry__in=enquiries).count()
        else:
            count, message_count = services.anonymise_enquiries(email=email)
        report = ErasureReport(
            provider=self.name, erased={"enquiries": count, "messages": message_count}
        )
        if count:
            report.kept.append(
                KeptRecords(
                    category=str(_("Enquiry dates and message counts, without any personal data")),
                    count=count,
                    reason=str(
                        _(
                            "Anonymous: they no longer identify anyone; deleted with the rest of the "
                            "correspondence 3 years after the last contact."
                        )
                    ),
                )
            )
        return report


def _delete_enquiries(batch) -> int:
    """Delete a batch of enquiries with their messages and mails; returns how many enquiries went."""
    _total, per_model = batch.delete()
    return per_model.get(Enquiry._meta.label, 0)


def retention_rules() -> list[RetentionRule]:
    return [
        RetentionRule(
            name="enquiries.correspondence",
            app="enquiries",
            description=_("Enquiry correspondence"),
            period=days_setting("RETENTION_ENQUIRY_DAYS"),
            measured_from=pgettext_lazy("retention starting point", "last contact"),
            action="delete",
            expired=lambda cutoff: Enquiry.objects.last_contact_before(cutoff),
            apply=_delete_enquiries,
            legal_basis=_("Consent of the data subject (art. 8 of Law No. 94-V)"),
        ),
        technical_data_rule(
            name="enquiries.technical_data",
            app="enquiries",
            model=EnquiryMessage,
            recorded_at="sent_at",
            cleared=TECHNICAL_DATA_CLEARED,
            description=_("Technical data of contact submissions (IP, user agent, referrer)"),
            measured_from=pgettext_lazy("retention starting point", "submission"),
        ),
    ]


def _changelist_url():
    from django.urls import reverse

    return reverse("admin:enquiries_enquiry_changelist")


def register() -> None:
    register_provider(EnquiriesProvider())
    for rule in retention_rules():
        register_retention_rule(rule)
    register_withdrawal_handler(ConsentPurpose.ENQUIRY_PROCESSING, services.stop_processing_for)
    register_dashboard_counter(
        DashboardCounter(
            name="enquiries.open",
            label=_("Open enquiries"),
            count=lambda: Enquiry.objects.open().count(),
            url=_changelist_url,
        )
    )
    register_dashboard_counter(
        DashboardCounter(
            name="enquiries.mail_failed",
            label=_("Enquiries with an email that failed"),
            count=lambda: Enquiry.objects.with_mail_problem().count(),
            url=lambda: _changelist_url() + "?mail=failed",
            warn_if_positive=True,
        )
    )
