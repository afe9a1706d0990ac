import datetime

import pytest
from axes.models import AccessAttempt, AccessLog
from django.utils import timezone

from privacy.registry import retention_rules
from privacy.retention import apply_rule

pytestmark = pytest.mark.django_db


def signed_in(model, at, **fields):
    """A sign-in record dated `at` (axes stamps attempt_time on creation, so it is set afterwards)."""
    row = model.objects.create(user_agent="x", **fields)
    model.objects.filter(pk=row.pk).update(attempt_time=at)
    return row


def rule(name):
    return next(r for r in retention_rules() if r.name == name)


def test_p10_sign_in_records_are_kept_90_days(settings):
    """P10: the client IPs of staff sign-ins are technical data, deleted after 90 days (boundary included)."""
    settings.RETENTION_TECHNICAL_DATA_DAYS = 90
    now = timezone.now()
    old = signed_in(
        AccessLog,
        now - datetime.timedelta(days=90, seconds=1),
        username="a@digitalkazakhstan.org",
        ip_address="198.51.100.1",
    )
    kept = signed_in(
        AccessLog,
        now - datetime.timedelta(days=90) + datetime.timedelta(seconds=5),
        username="a@digitalkazakhstan.org",
        ip_address="198.51.100.2",
    )
    sign_ins = rule("accounts.sign_ins")

    expired = sign_ins.expired_at(now)

    assert list(expired) == [old]
    assert apply_rule(sign_ins, now, dry_run=False, batch_size=1000) == 1
    assert list(AccessLog.objects.all()) == [kept]
    assert sign_ins.apply(sign_ins.expired_at(now)) == 0  # a second run changes nothing


def test_p10_failed_attempts_are_deleted_after_90_days():
    now = timezone.now()
    signed_in(
        AccessAttempt,
        now - datetime.timedelta(days=91),
        username="b@digitalkazakhstan.org",
        ip_address="198.51.100.3",
        failures_since_start=2,
    )
    failed = rule("accounts.failed_sign_ins")
    assert failed.apply(failed.expired_at(now)) == 1
    assert not AccessAttempt.objects.exists()
