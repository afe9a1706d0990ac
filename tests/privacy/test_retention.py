"""The retention runner: boundaries, dry run, idempotence, batches, errors, one run at a time."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from privacy import registry
from privacy.models import BlockedEmail, DataSubjectRequest, RetentionRun
from privacy.registry import RetentionRule
from privacy.retention import run_retention
from privacy.subject_requests import package
from privacy.subject_requests.storage import private_storage

from .factories import DataSubjectRequestFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def ago(**kwargs):
    return NOW - datetime.timedelta(**kwargs)


@pytest.fixture
def extra_rule():
    added = []

    def add(rule):
        registry.register_retention_rule(rule)
        added.append(rule.name)
        return rule

    yield add
    for name in added:
        registry._rules.pop(name, None)


def test_p10_technical_data_is_cleared_after_90_days_not_before():
    day_before = DataSubjectRequestFactory(verified=True, created_at=ago(days=89))
    day_after = DataSubjectRequestFactory(verified=True, created_at=ago(days=91))

    result = run_retention(now=NOW)

    assert result.counts["privacy.request_technical_data"] == 1
    day_before.refresh_from_db()
    day_after.refresh_from_db()
    assert day_before.client_ip == "10.0.0.2" and day_before.user_agent
    assert day_after.client_ip is None and day_after.user_agent == "" and day_after.referrer == ""
    assert day_after.email  # only the technical data goes


def test_unconfirmed_requests_are_purged_after_a_day_with_their_links():
    fresh = DataSubjectRequestFactory(created_at=ago(hours=23))
    stale = DataSubjectRequestFactory(created_at=ago(hours=25))
    confirmed = DataSubjectRequestFactory(verified=True, created_at=ago(hours=25))

    run_retention(now=NOW)

    assert set(DataSubjectRequest.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert stale.pk not in DataSubjectRequest.objects.values_list("pk", flat=True)


def test_closed_requests_are_kept_three_years_after_closing():
    years = datetime.timedelta(days=3 * 365)
    kept = DataSubjectRequestFactory(
        verified=True, state="completed", closed_at=NOW - years + DAY, created_at=ago(days=2000)
    )
    gone = DataSubjectRequestFactory(
        verified=True, state="refused", closed_at=NOW - years - DAY, created_at=ago(days=2000)
    )
    still_open = DataSubjectRequestFactory(verified=True, created_at=ago(days=2000))

    run_retention(now=NOW)

    remaining = set(DataSubjectRequest.objects.values_list("pk", flat=True))
    assert remaining == {kept.pk, still_open.pk}
    assert gone.pk not in remaining


def test_lifted_blocks_go_after_three_years_active_blocks_stay():
    active = BlockedEmail.objects.create(email="a@example.kz", blocked_at=ago(days=5000))
    lifted_recently = BlockedEmail.objects.create(
        email="b@example.kz", unblocked_at=ago(days=3 * 365 - 1)
    )
    BlockedEmail.objects.create(email="c@example.kz", unblocked_at=ago(days=3 * 365 + 1))

    run_retention(now=NOW)

    assert set(BlockedEmail.objects.values_list("pk", flat=True)) == {
        active.pk,
        lifted_recently.pk,
    }


def test_expired_copies_are_removed_with_their_links():
    request = DataSubjectRequestFactory(verified=True, state="completed")
    name = package.build_package(request)
    DataSubjectRequest.objects.filter(pk=request.pk).update(
        export_file=name, export_nonce="n", export_expires_at=ago(seconds=1)
    )
    valid = DataSubjectRequestFactory(verified=True, state="completed")
    valid_name = package.build_package(valid)
    DataSubjectRequest.objects.filter(pk=valid.pk).update(
        export_file=valid_name, export_nonce="n", export_expires_at=NOW + DAY
    )

    result = run_retention(now=NOW)

    assert result.counts["privacy.request_copies"] == 1
    assert not private_storage().exists(name)
    assert private_storage().exists(valid_name)
    request.refresh_from_db()
    assert (request.export_file, request.export_nonce, request.export_expires_at) == ("", "", None)


def test_dry_run_changes_nothing_and_counts_what_would_change():
    DataSubjectRequestFactory(created_at=ago(hours=25))
    DataSubjectRequestFactory(verified=True, created_at=ago(days=91))
    before = list(DataSubjectRequest.objects.values_list("pk", "client_ip", "state"))

    result = run_retention(now=NOW, dry_run=True)

    assert result.counts["privacy.unconfirmed_requests"] == 1
    assert result.counts["privacy.request_technical_data"] == 1
    assert list(DataSubjectRequest.objects.values_list("pk", "client_ip", "state")) == before
    assert RetentionRun.objects.get().dry_run is True


def test_a_second_run_changes_nothing():
    DataSubjectRequestFactory(created_at=ago(hours=25))
    DataSubjectRequestFactory(verified=True, created_at=ago(days=91))

    first = run_retention(now=NOW)
    second = run_retention(now=NOW)

    assert sum(first.counts.values()) == 2
    assert set(second.counts.values()) == {0}
    assert second.errors == {}


def test_more_rows_than_one_batch(settings):
    settings.RETENTION_BATCH_SIZE = 3
    DataSubjectRequestFactory.create_batch(7, created_at=ago(days=2))
    DataSubjectRequestFactory.create_batch(2, created_at=ago(hours=1))

    result = run_retention(now=NOW)

    assert result.counts["privacy.unconfirmed_requests"] == 7
    assert DataSubjectRequest.objects.count() == 2


def test_an_error_in_one_rule_does_not_stop_the_others(extra_rule):
    def explode(queryset):
        raise RuntimeError("disk full")

    extra_rule(
        RetentionRule(
            name="test.broken",
            app="test",
            description="always fails",
            period=lambda: DAY,
            measured_from="received",
            action="delete",
            expired=lambda now: RetentionRun.objects.all(),
            apply=explode,
        )
    )
    DataSubjectRequestFactory(created_at=ago(hours=25))

    result = run_retention(now=NOW)

    assert result.errors == {"test.broken": "RuntimeError: disk full"}
    assert result.counts["privacy.unconfirmed_requests"] == 1
    run = RetentionRun.objects.get()
    assert run.outcome == RetentionRun.Outcome.ERRORS
    assert run.errors == {"test.broken": "RuntimeError: disk full"}
    assert run.counts["privacy.unconfirmed_requests"] == 1


def test_the_command_fails_loudly_after_running_every_rule(extra_rule):
    from django.core.management.base import CommandError

    extra_rule(
        RetentionRule(
            name="test.broken",
            app="test",
            description="always fails",
            period=lambda: DAY,
            measured_from="received",
            action="delete",
            expired=lambda now: RetentionRun.objects.all(),
            apply=lambda qs: 1 / 0,
        )
    )
    DataSubjectRequestFactory(created_at=timezone.now() - datetime.timedelta(days=2))
    with pytest.raises(CommandError, match="test.broken"):
        call_command("apply_retention", stdout=StringIO())
    assert DataSubjectRequest.objects.count() == 0  # the other rules ran


def test_a_rule_that_never_lets_go_of_its_rows_is_stopped(extra_rule):
    extra_rule(
        RetentionRule(
            name="test.stuck",
            app="test",
            description="changes nothing",
            period=lambda: DAY,
            measured_from="received",
            action="anonymise",
            expired=lambda now: DataSubjectRequest.objects.all(),
            apply=lambda qs: 0,
        )
    )
    DataSubjectRequestFactory(verified=True)
    result = run_retention(now=NOW)
    assert "RuleMakesNoProgress" in result.errors["test.stuck"]


def test_p10_the_command_prints_counts_per_rule_and_records_the_run():
    DataSubjectRequestFactory(created_at=timezone.now() - datetime.timedelta(days=2))
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "privacy.unconfirmed_requests: 1 (would change)" in out.getvalue()
    assert DataSubjectRequest.objects.count() == 1

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "privacy.unconfirmed_requests: 1 (delete)" in out.getvalue()
    assert DataSubjectRequest.objects.count() == 0
    runs = RetentionRun.objects.order_by("started_at")
    assert [run.dry_run for run in runs] == [True, False]
    assert runs.last().counts["privacy.unconfirmed_requests"] == 1
    assert runs.last().outcome == RetentionRun.Outcome.COMPLETED


def test_p08_every_privacy_rule_names_its_legal_basis():
    rules = [rule for rule in registry.retention_rules() if rule.app == "privacy"]
    # five for the requests, the technical data of the cookie log and of consent records, the breach register
    assert len(rules) == 8
    assert all(str(rule.legal_basis) for rule in rules)
    technical = next(r for r in rules if r.name == "privacy.request_technical_data")
    with translation.override("en"):
        assert str(technical.legal_basis).startswith("Legitimate interest")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_one_waits_out():
    """A second server starting the runner while one holds the lock records a skipped run and changes nothing."""
    from jobs.models import JobRun
    from jobs.runs import run_job
    from jobs.schedule import RETENTION
    from tests.locks import lock_held_elsewhere

    DataSubjectRequestFactory(created_at=ago(hours=25))
    with lock_held_elsewhere("apply_retention"):
        skipped = run_job(RETENTION, trigger=JobRun.Trigger.SCHEDULE)
        assert skipped.outcome == JobRun.Outcome.SKIPPED
        assert DataSubjectRequest.objects.count() == 1
        assert not RetentionRun.objects.exists()
    ran = run_job(RETENTION, trigger=JobRun.Trigger.SCHEDULE)
    assert ran.outcome == JobRun.Outcome.COMPLETED
    assert DataSubjectRequest.objects.count() == 0
    assert list(RetentionRun.objects.values_list("outcome", flat=True)) == ["completed"]


def test_the_retention_schedule_speaks_russian_and_kazakh_for_every_rule():
    """The admin's schedule shows each rule's description, starting point and legal basis to staff: no field
    names or English left in it."""
    import re

    for language in ("ru", "kk"):
        with translation.override(language):
            for rule in registry.retention_rules():
                for text in (rule.description, rule.measured_from, rule.legal_basis):
                    assert re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", str(text)), (
                        language,
                        rule.name,
                        text,
                    )


def test_a_rule_states_its_period_once_and_the_runner_computes_the_cutoff(settings):
    """Changing the setting moves the boundary: the rule's queryset only receives the cutoff."""
    old = DataSubjectRequestFactory(verified=True, created_at=ago(days=40))
    (technical,) = [
        r for r in registry.retention_rules() if r.name == "privacy.request_technical_data"
    ]
    assert list(technical.expired_at(NOW)) == []
    settings.RETENTION_TECHNICAL_DATA_DAYS = 30
    with translation.override("en"):
        assert technical.describe_period() == "30 days"
    assert list(technical.expired_at(NOW)) == [old]
    assert list(technical.expired(NOW - 30 * DAY)) == [old]


TECHNICAL_DATA_RULES = {
    "accounts.sign_ins",
    "accounts.failed_sign_ins",
    "accounts.failed_sign_in_log",
    "accreditation.technical_data",
    "association.registration_technical_data",
    "cabinet.sign_in_links",
    "enquiries.technical_data",
    "privacy.request_technical_data",
    "privacy_cookie_log_technical_data",
    "privacy_consent_technical_data",
}


def test_every_app_clears_technical_data_through_the_one_factory():
    """Each "technical data after N days" line is made by `technical_data_rule`, with the one period."""
    rules = {rule.name: rule for rule in registry.retention_rules()}
    for name in TECHNICAL_DATA_RULES:
        rule = rules[name]
        assert rule.expired.__qualname__.startswith("technical_data_rule."), name
        assert rule.period() == datetime.timedelta(days=90), name
        assert rule.model and rule.action in ("anonymise", "delete"), name


def test_the_technical_data_factory_clears_only_rows_still_holding_it(extra_rule):
    rule = extra_rule(
        registry.technical_data_rule(
            name="tests.technical",
            app="tests",
            model=DataSubjectRequest,
            recorded_at="created_at",
            cleared={"client_ip": None, "user_agent": ""},
            description="test",
            measured_from="test",
        )
    )
    old = DataSubjectRequestFactory(verified=True, created_at=ago(days=91))
    DataSubjectRequestFactory(verified=True, created_at=ago(days=89))
    assert rule.action == "anonymise" and rule.model == "privacy.DataSubjectRequest"
    assert list(rule.expired_at(NOW)) == [old]
    assert rule.apply(rule.expired_at(NOW)) == 1
    old.refresh_from_db()
    assert old.client_ip is None and old.user_agent == "" and old.email
    assert not rule.expired_at(NOW).exists()  # a second run changes nothing


DECIDED_RECORDS_RULES = {
    "accreditation.closed_applications": 365,
    "cabinet.profile_changes": 365,
    "privacy.closed_requests": 3 * 365,
}


def test_every_app_deletes_decided_records_through_the_one_factory():
    """Each "deleted a period after the decision" line is made by `decided_records_rule`."""
    rules = {rule.name: rule for rule in registry.retention_rules()}
    for name, days in DECIDED_RECORDS_RULES.items():
        rule = rules[name]
        assert rule.expired.__qualname__.startswith("decided_records_rule."), name
        assert rule.period() == datetime.timedelta(days=days), name
        assert rule.action == "delete" and not rule.own_end, name


def test_the_decided_records_factory_deletes_what_was_decided_before_the_period(
    extra_rule, settings
):
    rule = extra_rule(
        registry.decided_records_rule(
            name="tests.decided",
            app="tests",
            decided_before=DataSubjectRequest.objects.closed_before,
            description="test",
        )
    )
    old = DataSubjectRequestFactory(verified=True, state="refused", closed_at=ago(days=366))
    recent = DataSubjectRequestFactory(verified=True, state="completed", closed_at=ago(days=364))
    undecided = DataSubjectRequestFactory(verified=True, created_at=ago(days=2000))
    with translation.override("en"):
        assert str(rule.measured_from) == "decision"
        assert (
            str(rule.legal_basis) == "Consent; kept a year to answer questions about the decision"
        )
        assert rule.describe_period() == "365 days"
    assert rule.action == "delete" and rule.model == ""
    assert list(rule.expired_at(NOW)) == [old]
    assert rule.apply(rule.expired_at(NOW)) == 1
    assert set(DataSubjectRequest.objects.all()) == {recent, undecided}
    assert not rule.expired_at(NOW).exists()  # a second run changes nothing
    settings.RETENTION_CLOSED_APPLICATION_DAYS = 300  # the period is read at each use
    assert list(rule.expired_at(NOW)) == [recent]
