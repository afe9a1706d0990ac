"""The retention runner: applies every registered retention rule, in batches, and records the run.

`manage.py apply_retention [--dry-run]` calls `run_retention`. Each batch of RETENTION_BATCH_SIZE rows is one
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

from .locks import advisory_lock
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

    @property
    def skipped(self) -> bool:
        return self.run.outcome == RetentionRun.Outcome.SKIPPED


def apply_rule(rule: RetentionRule, now: datetime, *, dry_run: bool, batch_size: int) -> int:
    """Rows the rule changed (or, in a dry run, would change)."""
    if dry_run:
        return rule.expired(now).count()
    total = 0
    while True:
        with transaction.atomic():
            expired = rule.expired(now)
            keys = list(expired.values_list("pk", flat=True)[:batch_size])
            if not keys:
                return total
            changed = rule.apply(expired.filter(pk__in=keys))
            if not changed:
                raise RuleMakesNoProgress(rule.name)
            total += changed


def run_retention(*, dry_run: bool = False, now: datetime | None = None, stdout=None) -> RunResult:
    now = now or timezone.now()
    batch_size = settings.RETENTION_BATCH_SIZE
    with advisory_lock("apply_retention") as acquired:
        run = RetentionRun.objects.create(started_at=timezone.now(), dry_run=dry_run)
        result = RunResult(run=run)
        if not acquired:
            run.outcome = RetentionRun.Outcome.SKIPPED
            run.finished_at = timezone.now()
            run.save()
            return result
        for rule in retention_rules():
            try:
                result.counts[rule.name] = apply_rule(
                    rule, now, dry_run=dry_run, batch_size=batch_size
                )
            except Exception as error:  # noqa: BLE001 - one broken rule must not stop the others
                logger.exception("retention rule failed: %s", rule.name)
                result.errors[rule.name] = f"{type(error).__name__}: {error}"[:1000]
            if stdout is not None:
                _print(stdout, rule, result, dry_run)
        run.counts = result.counts
        run.errors = result.errors
        run.outcome = (
            RetentionRun.Outcome.ERRORS if result.errors else RetentionRun.Outcome.COMPLETED
        )
        run.finished_at = timezone.now()
        run.save()
    return result


def _print(stdout, rule, result, dry_run):
    if rule.name in result.errors:
        stdout.write(f"{rule.name}: ERROR {result.errors[rule.name]}")
        return
    verb = "would change" if dry_run else rule.action
    stdout.write(f"{rule.name}: {result.counts[rule.name]} ({verb})")
