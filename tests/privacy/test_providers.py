import datetime

import pytest
from django.utils import timezone, translation

from privacy import registry, services
from privacy.models import ConsentPurpose, ConsentRecord, CookieConsentLog
from privacy.retention import apply_rule

from .factories import ConsentRecordFactory

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in registry.providers() if p.name == "privacy")


@pytest.fixture(autouse=True)
def _english():
    """The export names its categories in the active language."""
    with translation.override("en"):
        yield


def test_privacy_provider_finds_and_exports_by_email_case_insensitively():
    ConsentRecordFactory(email="aigerim@example.kz", purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    ConsentRecordFactory(email="someone@example.kz")
    services.block_email(email="aigerim@example.kz", reason="request")
    provider = _provider()
    assert provider.count("Aigerim@Example.kz") == 2
    exported = provider.export("AIGERIM@example.kz")
    (consent,) = exported["Consent records"]
    assert consent["purpose"] == "Processing of my enquiry"
    assert consent["policy_version"] == "2026-05-14"
    assert consent["withdrawn_at"] is None
    assert len(exported["Blocks"]) == 1


def test_P21_erasure_keeps_consent_records_as_proof_and_says_why():
    ConsentRecordFactory.create_batch(2, email="aigerim@example.kz")
    report = _provider().erase("aigerim@example.kz")
    assert report.erased_total == 0
    (kept,) = report.kept
    assert kept.count == 2 and "94-V" in kept.reason
    assert ConsentRecord.objects.for_email("aigerim@example.kz").count() == 2


def _log(days_ago):
    return CookieConsentLog.objects.create(
        choice="accepted",
        groups={"functional": "v1"},
        wording_version="2026-11-25",
        language="en",
        source="banner",
        chosen_at=timezone.now() - datetime.timedelta(days=days_ago),
        truncated_ip="203.0.113.0",
        user_agent="Firefox",
    )


def test_P10_cookie_log_technical_data_expires_after_90_days_and_the_choice_stays():
    rule = next(
        r for r in registry.retention_rules() if r.name == "privacy_cookie_log_technical_data"
    )
    old, recent = _log(days_ago=91), _log(days_ago=89)
    now = timezone.now()
    assert list(rule.expired_at(now)) == [old]
    assert apply_rule(rule, now, dry_run=False, batch_size=1000) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.truncated_ip, old.user_agent, old.choice) == ("", "", "accepted")
    assert recent.user_agent == "Firefox"
    assert list(rule.expired_at(now)) == []  # a second run changes nothing


def test_P10_consent_records_lose_ip_and_user_agent_after_90_days_and_stay_as_proof():
    """P10, P06: the consent (purpose, wording, policy version, time) is proof as long as it stands; the
    address and browser it came from are technical data, kept 90 days like every other."""
    rule = next(r for r in registry.retention_rules() if r.name == "privacy_consent_technical_data")
    now = timezone.now()
    old = ConsentRecordFactory(
        given_at=now - datetime.timedelta(days=91), client_ip="203.0.113.7", user_agent="Firefox"
    )
    recent = ConsentRecordFactory(
        given_at=now - datetime.timedelta(days=89), client_ip="203.0.113.8", user_agent="Chrome"
    )
    assert list(rule.expired_at(now)) == [old]
    assert apply_rule(rule, now, dry_run=False, batch_size=1000) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.client_ip, old.user_agent) == (None, "")
    assert old.wording and old.policy_version_id and old.given_at < now
    assert (recent.client_ip, recent.user_agent) == ("203.0.113.8", "Chrome")
    assert list(rule.expired_at(now)) == []  # a second run changes nothing
