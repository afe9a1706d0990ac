from datetime import timedelta

import pytest
from django.utils import timezone, translation

from enquiries import services
from enquiries.models import Enquiry, EnquiryMessage
from privacy.models import ConsentPurpose
from privacy.registry import providers, retention_rules, withdrawal_handlers
from privacy.retention import apply_rule

from .factories import EnquiryFactory

pytestmark = pytest.mark.django_db


def provider():
    return next(p for p in providers() if p.name == "enquiries")


def rule(name):
    return next(r for r in retention_rules() if r.name == name)


def test_enquiries_register_their_provider_rules_and_withdrawal_handler():
    assert provider().label
    assert {r.name for r in retention_rules()} >= {
        "enquiries.correspondence",
        "enquiries.technical_data",
    }
    assert services.stop_processing_for in withdrawal_handlers(ConsentPurpose.ENQUIRY_PROCESSING)


def test_provider_finds_and_exports_everything_for_an_address(trained_staff):
    mine = EnquiryFactory(email="subject@example.kz", message="My first question")
    services.reply_to_enquiry(enquiry=mine, author=trained_staff, body="Staff answer")
    EnquiryFactory(email="subject@example.kz", message="My second question")
    EnquiryFactory(email="other@example.kz", message="Someone else's question")
    assert provider().count("SUBJECT@example.kz") == 2
    with translation.override("en"):
        export = provider().export("Subject@Example.kz")
    enquiries, messages = export["Enquiries"], export["Messages"]
    assert [e["message"] for e in enquiries] == ["My first question", "My second question"]
    assert {e["email"] for e in enquiries} == {"subject@example.kz"}
    assert [m["text"] for m in messages] == [
        "My first question",
        "Staff answer",
        "My second question",
    ]
    assert messages[0]["client_ip"] == "203.0.113.7"
    assert "Someone else's question" not in str(export)


def test_erase_dry_run_changes_nothing():
    enquiry = EnquiryFactory(email="subject@example.kz")
    report = provider().erase("subject@example.kz", dry_run=True)
    assert report.erased == {"enquiries": 1, "messages": 1}
    enquiry.refresh_from_db()
    assert enquiry.email == "subject@example.kz" and enquiry.name


def test_erase_anonymises_and_reports_what_is_kept(trained_staff):
    enquiry = EnquiryFactory(email="subject@example.kz")
    services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Staff answer")
    other = EnquiryFactory(email="other@example.kz")
    report = provider().erase("subject@example.kz")
    assert report.erased == {"enquiries": 1, "messages": 2}
    assert report.kept[0].count == 1 and report.kept[0].reason
    assert provider().count("subject@example.kz") == 0
    with translation.override("en"):
        assert provider().export("subject@example.kz") == {"Enquiries": [], "Messages": []}
    enquiry.refresh_from_db()
    assert enquiry.messages.count() == 2 and enquiry.created_at
    assert not enquiry.accepts_mail
    other.refresh_from_db()
    assert other.name and other.messages.get().body
    # A second erasure finds nothing more to do.
    assert provider().erase("subject@example.kz").erased == {"enquiries": 0, "messages": 0}


def test_p10_technical_data_is_cleared_after_90_days_at_the_boundary(settings):
    """P10: IP, user agent and referrer of a submission go after RETENTION_TECHNICAL_DATA_DAYS."""
    settings.RETENTION_TECHNICAL_DATA_DAYS = 90
    now = timezone.now()
    kept = EnquiryFactory(created_at=now - timedelta(days=90) + timedelta(minutes=1))
    cleared = EnquiryFactory(created_at=now - timedelta(days=90) - timedelta(minutes=1))
    technical = rule("enquiries.technical_data")
    assert technical.period() == timedelta(days=90)
    expired = technical.expired_at(now)
    assert set(expired.values_list("enquiry", flat=True)) == {cleared.pk}
    assert apply_rule(technical, now, dry_run=False, batch_size=1000) == 1
    assert not cleared.messages.with_technical_data().exists()
    assert cleared.messages.get().body == cleared.message  # only the technical data goes
    assert kept.messages.with_technical_data().exists()
    assert technical.expired_at(now).count() == 0  # a second run changes nothing


def test_p11_correspondence_is_deleted_3_years_after_the_last_contact(settings):
    """P11: enquiry correspondence is kept up to RETENTION_ENQUIRY_DAYS from the last contact."""
    settings.RETENTION_ENQUIRY_DAYS = 3 * 365
    now = timezone.now()
    period = timedelta(days=3 * 365)
    old_but_recently_answered = EnquiryFactory(
        created_at=now - timedelta(days=5 * 365), last_contact_at=now - period + timedelta(hours=1)
    )
    expired = EnquiryFactory(
        created_at=now - timedelta(days=4 * 365), last_contact_at=now - period - timedelta(hours=1)
    )
    correspondence = rule("enquiries.correspondence")
    assert correspondence.period() == period
    due = correspondence.expired_at(now)
    assert list(due) == [expired]
    assert apply_rule(correspondence, now, dry_run=False, batch_size=1000) == 1
    assert not Enquiry.objects.filter(pk=expired.pk).exists()
    assert not EnquiryMessage.objects.filter(enquiry_id=expired.pk).exists()
    assert Enquiry.objects.filter(pk=old_but_recently_answered.pk).exists()
    assert correspondence.expired_at(now).count() == 0


def test_p11_a_reply_keeps_the_last_contact_current(trained_staff, settings):
    """P11: retention counts from the last contact, which every message moves forward."""
    now = timezone.now()
    enquiry = EnquiryFactory(
        created_at=now - timedelta(days=3 * 365 - 1),
        last_contact_at=now - timedelta(days=3 * 365 - 1),
    )
    services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Still here")
    later = now + timedelta(days=2)
    assert not rule("enquiries.correspondence").expired_at(later).filter(pk=enquiry.pk).exists()


def test_provider_lists_the_addresses_it_still_holds():
    EnquiryFactory(email="kept@example.kz")
    EnquiryFactory(email="kept@example.kz")
    EnquiryFactory(email="erased@example.kz")
    provider().erase("erased@example.kz")
    assert sorted(provider().emails()) == ["kept@example.kz"]
