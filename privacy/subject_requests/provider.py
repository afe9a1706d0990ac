"""Privacy's own subject data: consent records, blocks and the requests themselves.

On erasure (decided from the policy, sections 2 and 5):
- consent records are kept as the proof of consent the law asks of the operator (Law No. 94-V, arts. 8 and 25); any
  consent still active is withdrawn, so nothing more is processed on it;
- an active block is kept (it is the subject's own instruction; staff lift it on request); lifted blocks go;
- requests are kept as the proof that the subject's rights were honoured, for RETENTION_CLOSED_REQUEST_DAYS after
  closing; their technical data (IP, user agent, referrer) is erased; unconfirmed requests are deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dkz_site.client_ip import TECHNICAL_DATA_CLEARED
from privacy.models import (
    BlockedEmail,
    ConsentRecord,
    DataSubjectRequest,
    RequestState,
    normalise_email,
)
from privacy.registry import ErasureReport, KeptRecords


class PrivacyProvider:
    name = "privacy"
    models = (
        "privacy.ConsentRecord",
        "privacy.DataSubjectRequest",
        "privacy.BlockedEmail",
    )  # what it finds, exports and erases (privacy.checks)
    label = _("Consents, blocks and requests")
    field_labels = {
        "reference": pgettext_lazy("data-subject request", "reference number"),
        "purpose": _("purpose"),
        "wording": _("consent wording shown"),
        "policy_version": _("policy version"),
        "given_at": _("given at"),
        "where_given": _("where given"),
        "object": _("object"),
        "withdrawn_at": _("withdrawn at"),
        "blocked_at": _("blocked at"),
        "unblocked_at": _("unblocked at"),
        "request": _("request"),
        "details": _("details"),
        "verified": _("verified"),
        "received_by": _("received by"),
        "due": _("due"),
        "outcome": _("outcome told to the subject"),
        "refusal_reason": _("reason for refusal"),
    }

    def count(self, email: str) -> int:
        return sum(qs.count() for qs in self._querysets(email))

    def emails(self):
        return ConsentRecord.objects.values_list("email", flat=True).distinct()

    def export(self, email: str) -> dict[str, list[dict]]:
        consents, blocks, requests = self._querysets(email)
        return {
            gettext("Consent records"): [
                {
                    "purpose": record.get_purpose_display(),
                    "wording": record.wording,
                    "policy_version": record.policy_version.label,
                    "language": record.language,
                    "given_at": record.given_at,
                    "where_given": record.source,
                    "object": record.source_object,
                    "client_ip": record.client_ip,
                    "user_agent": record.user_agent,
                    "withdrawn_at": record.withdrawn_at,
                }
                for record in consents.select_related("policy_version")
            ],
            gettext("Blocks"): [
                {
                    "blocked_at": block.blocked_at,
                    "reason": block.reason,
                    "unblocked_at": block.unblocked_at,
                }
                for block in blocks
            ],
            gettext("Data-subject requests"): [
                {
                    "reference": subject_request.reference,
                    "request": subject_request.get_request_type_display(),
                    "details": subject_request.details,
                    "state": subject_request.get_state_display(),
                    "received": subject_request.received_on,
                    "received_by": subject_request.get_channel_display(),
                    "verified": subject_request.verified_at,
                    "due": subject_request.due_on,
                    "closed": subject_request.closed_at,
                    "outcome": subject_request.outcome,
                    "refusal_reason": subject_request.refusal_reason,
                    "client_ip": subject_request.client_ip,
                    "user_agent": subject_request.user_agent,
                    "referrer": subject_request.referrer,
                }
                for subject_request in requests
            ],
        }

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        from privacy.services import withdraw_consent

        consents, blocks, requests = self._querysets(email)
        report = ErasureReport(provider=self.name)
        active_purposes = sorted(set(consents.active().values_list("purpose", flat=True)))
        lifted = blocks.filter(unblocked_at__isnull=False)
        unconfirmed = requests.filter(state=RequestState.UNVERIFIED)
        technical = requests.exclude(state=RequestState.UNVERIFIED).with_technical_data()
        report.erased = {
            gettext("Lifted blocks"): lifted.count(),
            gettext("Unconfirmed requests"): unconfirmed.count(),
            gettext("Technical data of requests"): technical.count(),
        }
        kept_consents = consents.count()
        if kept_consents:
            report.kept.append(
                KeptRecords(
                    category=gettext("Consent records"),
                    count=kept_consents,
                    reason=gettext(
                        "Proof of the consent you gave and of its withdrawal, which the law asks us to "
                        "keep (Law No. 94-V, arts. 8 and 25); any active consent is withdrawn."
                    ),
                )
            )
        active_blocks = blocks.filter(unblocked_at__isnull=True).count()
        if active_blocks:
            report.kept.append(
                KeptRecords(
                    category=gettext("Blocks"),
                    count=active_blocks,
                    reason=gettext("Your block stays in force until you ask us to lift it."),
                )
            )
        kept_requests = requests.exclude(state=RequestState.UNVERIFIED).count()
        if kept_requests:
            years = settings.RETENTION_CLOSED_REQUEST_DAYS // 365
            report.kept.append(
                KeptRecords(
                    category=gettext("Data-subject requests"),
                    count=kept_requests,
                    reason=gettext("Proof that we handled your requests (Law No. 94-V)."),
                    until=ngettext(
                        "%(years)s year after each request is closed",
                        "%(years)s years after each request is closed",
                        years,
                    )
                    % {"years": years},
                )
            )
        if dry_run:
            return report
        for purpose in active_purposes:
            withdraw_consent(email=email, purpose=purpose)
        lifted.delete()
        unconfirmed.delete()
        technical.update(**TECHNICAL_DATA_CLEARED)
        return report

    @staticmethod
    def _querysets(email: str):
        email = normalise_email(email)
        return (
            ConsentRecord.objects.for_email(email),
            BlockedEmail.objects.filter(email=email),
            DataSubjectRequest.objects.for_email(email),
        )
