"""The queue's bookkeeping leaves after RETENTION_JOB_RECORDS_DAYS, measured from the runner's cutoff."""

import datetime

import pytest
from django.utils import timezone

from jobs.models import WorkerHeartbeat
from privacy.registry import retention_rules
from privacy.retention import apply_rule

pytestmark = pytest.mark.django_db


def test_stopped_workers_heartbeats_go_after_the_period_not_before(settings):
    now = timezone.now()
    days = settings.RETENTION_JOB_RECORDS_DAYS
    WorkerHeartbeat.objects.create(
        worker_id="old", host="a", pid=1, seen_at=now - datetime.timedelta(days=days, hours=1)
    )
    WorkerHeartbeat.objects.create(
        worker_id="recent", host="a", pid=2, seen_at=now - datetime.timedelta(days=days - 1)
    )
    (rule,) = [r for r in retention_rules() if r.name == "jobs.heartbeats"]
    assert [h.worker_id for h in rule.expired_at(now)] == ["old"]
    assert apply_rule(rule, now, dry_run=False, batch_size=10) == 1
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["recent"]
