"""What the privacy app itself holds about a data subject, for the subject-data registry and retention."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import BlockedEmail, ConsentRecord, CookieConsentLog, normalise_email
from .registry import ErasureReport, KeptRecords, RetentionRule


class ConsentRecordsProvider:
    """Consent records and blocks of an address. Both are kept on erasure, with the reason: they are the
    proof that past processing was lawful and the means to keep a blocked address blocked."""

    name = "consent_records"
    label = _("Consent records and blocks")

    def count(self, email: str) -> int:
        return (
            ConsentRecord.objects.for_email(email).count()
            + BlockedEmail.objects.filter(email=normalise_email(email)).count()
        )

    def export(self, email: str) -> dict[str, list[dict]]:
        consents = ConsentRecord.objects.for_email(email).select_related("policy_version")
        blocks = BlockedEmail.objects.filter(email=normalise_email(email))
        return {
            str(_("Consent records")): [
                {
                    "purpose": record.purpose,
                    "wording": record.wording,
                    "policy_version": record.policy_version.label,
                    "language": record.language,
                    "given_at": record.given_at.isoformat(),
                    "where": record.source,
                    "object": record.source_object,
                    "client_ip": record.client_ip or "",
                    "user_agent": record.user_agent,
                    "withdrawn_at": record.withdrawn_at.isoformat()
                    if record.withdrawn_at
                    else None,
                }
                for record in consents
            ],
            str(_("Blocks")): [
                {
                    "blocked_at": block.blocked_at.isoformat(),
                    "unblocked_at": block.unblocked_at.isoformat() if block.unblocked_at else None,
                }
                for block in blocks
            ],
        }

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        report = ErasureReport(provider=self.name)
        consents = ConsentRecord.objects.for_email(email).count()
        blocks = BlockedEmail.objects.filter(email=normalise_email(email)).count()
        if consents:
            report.kept.append(
                KeptRecords(
                    category=str(_("Consent records")),
                    count=consents,
                    reason=str(
                        _(
                            "Proof that processing before a withdrawal was lawful (Law No. 94-V, "
                            "art. 8); a withdrawal is stamped, never deleted."
                        )
                    ),
                )
            )
        if blocks:
            report.kept.append(
                KeptRecords(
                    category=str(_("Blocks")),
                    count=blocks,
                    reason=str(_("Needed to keep the address excluded from all processing.")),
                )
            )
        return report


def _cookie_log_expired(now):
    period = timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS)
    return CookieConsentLog.objects.filter(chosen_at__lt=now - period).exclude(
        truncated_ip="", user_agent=""
    )


COOKIE_LOG_TECHNICAL_DATA = RetentionRule(
    name="privacy_cookie_log_technical_data",
    app="privacy",
    description=_("Cookie choice log: truncated IP address and user agent"),
    period=lambda: timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS),
    measured_from="chosen_at",
    action="anonymise",
    expired=_cookie_log_expired,
    apply=lambda queryset: CookieConsentLog.objects.anonymise_technical_data(queryset),
    legal_basis=_(
        "Legitimate interest (technical data, 90 days); the choice itself stays as proof"
    ),
)
