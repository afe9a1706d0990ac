"""Erasure across every provider, and the log that lets it be repeated after a database restore.

The log never holds the address: only an HMAC of it under ERASURE_LOG_KEY (SECRET_KEY if unset). After a restore,
`reapply_erasures` hashes every address the restored database knows and erases again those that match.
Addresses are found in privacy's own tables (every form that collects personal data records a consent with its
address) and through any provider that offers an optional `emails()` method.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from privacy.models import (
    BlockedEmail,
    ConsentRecord,
    DataSubjectRequest,
    ErasureLogEntry,
    normalise_email,
)
from privacy.registry import ErasureReport, providers

logger = logging.getLogger(__name__)


def email_hash(email: str) -> str:
    key = (settings.ERASURE_LOG_KEY or settings.SECRET_KEY).encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def preview(email: str) -> list[ErasureReport]:
    """What each provider would erase and keep (and why), changing nothing."""
    return [provider.erase(email, dry_run=True) for provider in providers()]


def erase_everywhere(email: str) -> list[ErasureReport]:
    """Run every provider's erasure in one transaction: all of it happens, or none."""
    with transaction.atomic():
        return [provider.erase(email, dry_run=False) for provider in providers()]


def summarise(reports: list[ErasureReport]) -> dict:
    return {
        report.provider: {
            "erased": report.erased,
            "kept": [
                {"category": str(k.category), "count": k.count, "reason": str(k.reason)}
                for k in report.kept
            ],
        }
        for report in reports
    }


def log_erasure(email: str, reports: list[ErasureReport], subject_request=None) -> ErasureLogEntry:
    return ErasureLogEntry.objects.create(
        email_hash=email_hash(email), request=subject_request, summary=summarise(reports)
    )


def known_emails() -> set[str]:
    """Every address the database holds that an erasure could concern."""
    emails: set[str] = set()
    for model in (ConsentRecord, DataSubjectRequest, BlockedEmail):
        emails.update(model.objects.values_list("email", flat=True).distinct())
    for provider in providers():
        emails.update(normalise_email(e) for e in provider.emails())
    return {normalise_email(e) for e in emails if e}


def reapply_erasures(*, dry_run: bool = False) -> dict[str, int]:
    """Erase again every logged address found in the (restored) database; returns rows erased per provider."""
    logged = set(ErasureLogEntry.objects.values_list("email_hash", flat=True))
    totals: dict[str, int] = {}
    if not logged:
        return totals
    for email in sorted(known_emails()):
        digest = email_hash(email)
        if digest not in logged:
            continue
        reports = preview(email) if dry_run else erase_everywhere(email)
        for report in reports:
            totals[report.provider] = totals.get(report.provider, 0) + report.erased_total
        if not dry_run:
            ErasureLogEntry.objects.filter(email_hash=digest).update(reapplied_at=timezone.now())
    logger.info("erasures re-applied dry_run=%s totals=%s", dry_run, totals)
    return totals
