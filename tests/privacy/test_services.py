import datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone, translation

from privacy import registry, services
from privacy.cookies import BANNER_WORDING_VERSION, FUNCTIONAL, truncate_ip
from privacy.models import ConsentPurpose, ConsentRecord, CookieConsentLog, PolicyVersion

from .factories import ConsentRecordFactory, PolicyVersionFactory, ProcessorFactory

pytestmark = pytest.mark.django_db


def test_P06_consent_is_recorded_with_exact_wording_policy_version_and_where():
    wording = "I agree that Digital Kazakhstan processes my enquiry to answer it."
    record = services.record_consent(
        email="Aigerim@Example.kz",
        purpose=ConsentPurpose.ENQUIRY_PROCESSING,
        wording=wording,
        source="contact form",
        source_object="enquiry 42",
        technical={"client_ip": "203.0.113.7", "user_agent": "Firefox"},
        language="kk",
    )
    record.refresh_from_db()
    assert record.email == "aigerim@example.kz"
    assert record.wording == wording
    assert record.policy_version == PolicyVersion.objects.current()
    assert (record.source, record.source_object) == ("contact form", "enquiry 42")
    assert (record.client_ip, record.user_agent, record.language) == (
        "203.0.113.7",
        "Firefox",
        "kk",
    )
    assert services.has_consent("AIGERIM@example.kz", ConsentPurpose.ENQUIRY_PROCESSING)
    assert not services.has_consent("aigerim@example.kz", ConsentPurpose.DIRECTORY_PUBLICATION)


def test_P06_consent_refers_to_the_version_in_force_not_an_announced_one():
    today = timezone.localdate()
    PolicyVersionFactory(
        label="announced",
        published_on=today,
        effective_on=today + datetime.timedelta(days=14),
        is_material=True,
    )
    record = services.record_consent(
        email="a@example.kz", purpose=ConsentPurpose.ENQUIRY_PROCESSING, wording="w", source="s"
    )
    assert record.policy_version.label != "announced"


def test_P21_withdrawal_stamps_the_records_keeps_them_and_stops_processing():
    stopped = []
    registry.register_withdrawal_handler(ConsentPurpose.DIRECTORY_PUBLICATION, stopped.append)
    try:
        given = ConsentRecordFactory(
            email="member@example.kz", purpose=ConsentPurpose.DIRECTORY_PUBLICATION
        )
        other = ConsentRecordFactory(email="member@example.kz")
        assert services.has_consent("member@example.kz", ConsentPurpose.DIRECTORY_PUBLICATION)

        stamped = services.withdraw_consent(
            email="Member@Example.kz", purpose=ConsentPurpose.DIRECTORY_PUBLICATION
        )

        assert stamped == 1
        given.refresh_from_db()
        assert given.withdrawn_at is not None  # stamped, not deleted: not retroactive
        assert given.given_at < given.withdrawn_at
        assert ConsentRecord.objects.filter(pk=other.pk, withdrawn_at__isnull=True).exists()
        assert not services.has_consent("member@example.kz", ConsentPurpose.DIRECTORY_PUBLICATION)
        assert services.has_consent("member@example.kz", ConsentPurpose.ENQUIRY_PROCESSING)
        assert stopped == ["member@example.kz"]
    finally:
        registry._withdrawal_handlers[ConsentPurpose.DIRECTORY_PUBLICATION].remove(stopped.append)


def test_P21_consent_given_again_after_withdrawal_counts_from_then_on():
    ConsentRecordFactory(email="a@example.kz")
    services.withdraw_consent(email="a@example.kz", purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    assert not services.has_consent("a@example.kz", ConsentPurpose.ENQUIRY_PROCESSING)
    ConsentRecordFactory(email="a@example.kz")
    assert services.has_consent("a@example.kz", ConsentPurpose.ENQUIRY_PROCESSING)
    assert ConsentRecord.objects.for_email("a@example.kz").count() == 2


def test_a_blocked_address_has_no_consent():
    ConsentRecordFactory(email="a@example.kz")
    services.block_email(email="A@example.kz", reason="request")
    assert not services.has_consent("a@example.kz", ConsentPurpose.ENQUIRY_PROCESSING)
    services.unblock_email(email="a@example.kz")
    assert services.has_consent("a@example.kz", ConsentPurpose.ENQUIRY_PROCESSING)


def test_P16_data_goes_abroad_without_adequacy_only_with_cross_border_consent():
    abroad = ProcessorFactory(name="Abroad", country_code="US", country_is_adequate=False)
    adequate = ProcessorFactory(name="Adequate", country_code="DE", country_is_adequate=True)
    home = ProcessorFactory(name="Home", country_code="KZ")
    email = "subject@example.kz"
    assert services.may_transfer_to(home, email)
    assert services.may_transfer_to(adequate, email)
    assert not services.may_transfer_to(abroad, email)

    ConsentRecordFactory(email=email, purpose=ConsentPurpose.CROSS_BORDER_TRANSFER)
    assert services.may_transfer_to(abroad, email)

    services.withdraw_consent(email=email, purpose=ConsentPurpose.CROSS_BORDER_TRANSFER)
    assert not services.may_transfer_to(abroad, email)


def test_P15_no_data_to_a_processor_without_a_current_contract():
    ended = ProcessorFactory(
        contract_signed_on=datetime.date(2025, 1, 1), contract_ends_on=datetime.date(2025, 12, 31)
    )
    assert not services.may_transfer_to(ended, "subject@example.kz")


def test_cookie_choice_is_logged_as_proof_with_truncated_ip():
    request = RequestFactory().post(
        "/en/cookies/accept/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Chromium 156"
    )
    request.COOKIES = {}
    response = HttpResponse()
    from privacy.cookies import optional_groups

    with translation.override("ru"):
        entry = services.record_cookie_choice(
            request=request,
            response=response,
            accept=True,
            groups=optional_groups(),
            source="banner",
        )
    entry.refresh_from_db()
    functional = next(group for group in optional_groups() if group.varname == FUNCTIONAL)
    assert entry.choice == "accepted"
    assert entry.groups == {FUNCTIONAL: functional.get_version()}
    assert entry.wording_version == BANNER_WORDING_VERSION
    assert (entry.language, entry.source) == ("ru", "banner")
    assert entry.truncated_ip == "203.0.113.0"
    assert entry.user_agent == "Chromium 156"
    assert f"{FUNCTIONAL}={functional.get_version()}" in response.cookies["cookie_consent"].value
    assert CookieConsentLog.objects.count() == 1


@pytest.mark.parametrize(
    ("address", "truncated"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("2001:db8:85a3:1234::7", "2001:db8:85a3::"),
        ("not an ip", ""),
    ],
)
def test_ip_addresses_are_truncated_before_they_are_logged(address, truncated):
    assert truncate_ip(address) == truncated
