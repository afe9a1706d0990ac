"""The retention runner: applies every registered retention rule, in batches, and records the run.

The worker runs it daily and `manage.py apply_retention [--dry-run]` by hand, both through jobs.runs (one run at
a time across all servers, skipped and stuck runs recorded); `expire_links_job` applies, every 15 minutes, the
rules whose periods are short (unconfirmed requests, copies and their links, sessions). Each batch of RETENTION_BATCH_SIZE rows is one
transaction; an error in one rule is recorded and the other rules still run; a rule's queryset no longer matches a
row once applied, so a second run right after changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import RetentionRun
from .registry import RetentionRule, retention_rules

logger = logging.getLogger(__name__)


class RuleMakesNoProgress(Exception):
    """A batch was applied but the rule still selects the same rows: stopping instead of looping forever."""


@dataclass
class RunResult:
    run: RetentionRun
    counts: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def apply_rule(rule: RetentionRule, now: datetime, *, dry_run: bool, batch_size: int) -> int:
    """Rows the rule changed (or, in a dry run, would change)."""
    if dry_run:
        return rule.expired_at(now).count()
    total = 0
    while True:
        with transaction.atomic():
            expired = rule.expired_at(now)
            keys = list(expired.values_list("pk", flat=True)[:batch_size])
            if not keys:
                return total
            changed = rule.apply(expired.filter(pk__in=keys))
            if not changed:
                raise RuleMakesNoProgress(rule.name)
            total += changed


def apply_rules(rules, now: datetime, *, dry_run: bool, stdout=None) -> tuple[dict, dict]:
    """Rows changed per rule, and errors per rule: an error in one rule does not stop the others."""
    counts, errors = {}, {}
    for rule in rules:
        try:
            counts[rule.name] = apply_rule(
                rule, now, dry_run=dry_run, batch_size=settings.RETENTION_BATCH_SIZE
            )
        except Exception as error:  # noqa: BLE001 - one broken rule must not stop the others
            logger.exception("retention rule failed: %s", rule.name)
            errors[rule.name] = f"{type(error).__name__}: {error}"[:1000]
        if stdout is not None:
            _print(stdout, rule, counts, errors, dry_run)
    return counts, errors


def run_retention(*, dry_run: bool = False, now: datetime | None = None, stdout=None) -> RunResult:
    """Apply every registered rule and record the run. Callers hold the job's lock (jobs.runs.run_job)."""
    now = now or timezone.now()
    run = RetentionRun.objects.create(started_at=timezone.now(), dry_run=dry_run)
    counts, errors = apply_rules(retention_rules(), now, dry_run=dry_run, stdout=stdout)
    run.counts, run.errors = counts, errors
    run.outcome = RetentionRun.Outcome.ERRORS if errors else RetentionRun.Outcome.COMPLETED
    run.finished_at = timezone.now()
    run.save()
    return RunResult(run=run, counts=counts, errors=errors)


# Rules whose periods are hours or days: applied every 15 minutes, not only in the daily run.
SHORT_LIVED_RULES = (
    "privacy.unconfirmed_requests",
    "privacy.request_copies",
    "sessions.expired",
    "cabinet.sessions",
)


def retention_job(*, dry_run: bool = False, stdout=None) -> dict:
    result = run_retention(dry_run=dry_run, stdout=stdout)
    return {"retention_run": result.run.pk, "counts": result.counts, "errors": result.errors}


def expire_links_job(*, dry_run: bool = False, stdout=None) -> dict:
    """The short-lived rules alone, recorded as the job's run only (not as a retention run)."""
    rules = [rule for rule in retention_rules() if rule.name in SHORT_LIVED_RULES]
    counts, errors = apply_rules(rules, timezone.now(), dry_run=dry_run, stdout=stdout)
    return {"counts": counts, "errors": errors}


def _print(stdout, rule, counts, errors, dry_run):
    if rule.name in errors:
        stdout.write(f"{rule.name}: ERROR {errors[rule.name]}")
        return
    verb = "would change" if dry_run else rule.action
    stdout.write(f"{rule.name}: {counts[rule.name]} ({verb})")
