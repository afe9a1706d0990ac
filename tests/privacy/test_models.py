import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from privacy.models import (
    AppendOnlyError,
    ConsentRecord,
    CookieConsentLog,
    PolicyVersion,
    Processor,
)
from privacy.models.policy import announced_change

from .factories import ConsentRecordFactory, PolicyVersionFactory, ProcessorFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2026, 11, 2)


def _version(**kwargs):
    fields = {
        "label": "next",
        "published_on": PUBLISHED,
        "is_material": True,
        "summary_kk": "Өзгеріс.",
        "summary_ru": "Изменение.",
        "summary_en": "A change.",
        **kwargs,
    }
    return PolicyVersionFactory.build(**fields)


# --- policy versions: 14 days' notice of a material change (P27) ---


def test_P27_material_change_taking_effect_13_days_after_publication_is_refused():
    version = _version(effective_on=PUBLISHED + datetime.timedelta(days=13))
    with pytest.raises(ValidationError) as refused:
        version.full_clean()
    assert "effective_on" in refused.value.message_dict
    assert "2026-11-16" in refused.value.message_dict["effective_on"][0]


def test_P27_material_change_taking_effect_exactly_14_days_after_publication_is_accepted():
    _version(effective_on=PUBLISHED + datetime.timedelta(days=14)).full_clean()


def test_minor_change_may_take_effect_on_publication_day():
    _version(is_material=False, effective_on=PUBLISHED).full_clean()


def test_P27_material_change_needs_a_summary_in_each_language_for_the_banner():
    version = _version(effective_on=PUBLISHED + datetime.timedelta(days=14), summary_ru=" ")
    with pytest.raises(ValidationError) as refused:
        version.full_clean()
    assert set(refused.value.message_dict) == {"summary_ru"}


def test_no_version_takes_effect_before_it_is_published():
    version = _version(is_material=False, effective_on=PUBLISHED - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        version.full_clean()


def test_P30_the_migration_loads_the_policy_in_force_since_14_may_2026():
    version = PolicyVersion.objects.get(label="2026-05-14")
    assert version.effective_on == datetime.date(2026, 5, 14)
    assert version.body_en.startswith("Privacy Policy\n")
    assert "In force since 14 May 2026." in version.body_en
    assert "2026 жылғы 14 мамырдан бастап қолданылады" in version.body_kk
    assert "Действует с 14 мая 2026 года" in version.body_ru
    assert PolicyVersion.objects.current(datetime.date(2026, 5, 14)) == version
    assert PolicyVersion.objects.current(datetime.date(2026, 5, 13)) is None


def test_the_version_in_force_is_the_latest_that_took_effect():
    first = PolicyVersion.objects.get(label="2026-05-14")
    second = PolicyVersionFactory(
        label="second",
        published_on=datetime.date(2026, 6, 1),
        effective_on=datetime.date(2026, 6, 20),
        is_material=True,
    )
    assert PolicyVersion.objects.current(datetime.date(2026, 6, 19)) == first
    assert PolicyVersion.objects.current(datetime.date(2026, 6, 20)) == second
    assert list(PolicyVersion.objects.superseded(datetime.date(2026, 6, 20))) == [first]
    assert second.status(datetime.date(2026, 6, 19)) == "upcoming"
    assert first.status(datetime.date(2026, 6, 20)) == "superseded"


def test_P27_announced_from_publication_until_it_takes_effect():
    change = PolicyVersionFactory(
        label="change",
        published_on=datetime.date(2026, 7, 1),
        effective_on=datetime.date(2026, 7, 15),
        is_material=True,
    )
    announced = PolicyVersion.objects.announced
    assert list(announced(datetime.date(2026, 6, 30))) == []  # not yet published
    assert list(announced(datetime.date(2026, 7, 1))) == [change]
    assert list(announced(datetime.date(2026, 7, 14))) == [change]
    assert list(announced(datetime.date(2026, 7, 15))) == []  # in force: no banner any more


def test_announced_change_is_cached_and_forgotten_when_a_version_is_saved(
    django_assert_num_queries,
):
    today = timezone.localdate()
    assert announced_change(today) is None
    with django_assert_num_queries(0):
        assert announced_change(today) is None
    change = PolicyVersionFactory(
        label="change",
        published_on=today,
        effective_on=today + datetime.timedelta(days=14),
        is_material=True,
    )
    assert announced_change(today) == {
        "pk": change.pk,
        "label": "change",
        "effective_on": change.effective_on,
    }
    cache.clear()


def test_body_and_summary_fall_back_to_english():
    version = _version(effective_on=PUBLISHED, body_kk="", summary_ru="", summary_en="What changed")
    assert version.body("kk") == version.body_en
    assert version.summary("ru") == "What changed"


# --- consent records are append-only (P06, P21) ---


def test_consent_record_refuses_a_rewrite_on_save():
    record = ConsentRecordFactory()
    record.wording = "Something else"
    with pytest.raises(AppendOnlyError):
        record.save()
    assert ConsentRecord.objects.get(pk=record.pk).wording != "Something else"


def test_consent_record_allows_stamping_the_withdrawal_once():
    record = ConsentRecordFactory()
    record.withdrawn_at = timezone.now()
    record.save()
    record.withdrawn_at = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(AppendOnlyError):
        record.save()


def test_consent_records_refuse_bulk_update_of_anything_but_the_withdrawal():
    ConsentRecordFactory.create_batch(2)
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.update(email="someone@example.kz")
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.all().update(wording="rewritten")
    assert not ConsentRecord.objects.filter(email="someone@example.kz").exists()


def test_consent_records_refuse_bulk_update_through_bulk_update():
    records = ConsentRecordFactory.create_batch(2)
    for record in records:
        record.purpose = "directory_publication"
    with pytest.raises(AppendOnlyError), transaction.atomic():
        ConsentRecord.objects.bulk_update(records, ["purpose"])
    assert ConsentRecord.objects.filter(purpose="directory_publication").count() == 0


def test_a_stamped_withdrawal_cannot_be_changed_in_bulk():
    record = ConsentRecordFactory()
    ConsentRecord.objects.filter(pk=record.pk).update(withdrawn_at=timezone.now())
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).update(withdrawn_at=None)


def test_consent_records_are_never_deleted():
    record = ConsentRecordFactory()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.all().delete()
    assert ConsentRecord.objects.filter(pk=record.pk).exists()


def test_email_is_stored_normalised():
    assert ConsentRecordFactory(email="  Aigerim@Example.KZ ").email == "aigerim@example.kz"


# --- the cookie consent log is append-only ---


def _log(**kwargs):
    fields = {
        "choice": "accepted",
        "groups": {"functional": "v1"},
        "wording_version": "2026-11-25",
        "language": "en",
        "source": "banner",
        **kwargs,
    }
    return CookieConsentLog.objects.create(**fields)


def test_cookie_consent_log_refuses_save_update_and_delete():
    entry = _log()
    entry.choice = "declined"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        CookieConsentLog.objects.update(choice="declined")
    with pytest.raises(AppendOnlyError):
        CookieConsentLog.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        CookieConsentLog.objects.bulk_update([entry], ["choice"])
    assert CookieConsentLog.objects.get(pk=entry.pk).choice == "accepted"


# --- processors register (P15, P16) ---


def test_P16_processor_abroad_without_adequate_protection_needs_cross_border_consent():
    home = ProcessorFactory(name="Home", country_code="KZ", country_is_adequate=False)
    adequate = ProcessorFactory(name="Adequate", country_code="DE", country_is_adequate=True)
    other = ProcessorFactory(name="Other", country_code="US", country_is_adequate=False)
    assert not home.needs_cross_border_consent and not home.is_cross_border
    assert not adequate.needs_cross_border_consent and adequate.is_cross_border
    assert other.needs_cross_border_consent
    assert list(Processor.objects.needing_cross_border_consent()) == [other]


def test_P15_only_processors_under_a_current_contract_are_used():
    signed = datetime.date(2026, 3, 1)
    processor = ProcessorFactory(
        contract_signed_on=signed, contract_ends_on=datetime.date(2026, 12, 31)
    )
    under_contract = Processor.objects.under_contract
    assert processor not in under_contract(signed - datetime.timedelta(days=1))
    assert processor in under_contract(signed)
    assert processor in under_contract(datetime.date(2026, 12, 31))
    assert processor not in under_contract(datetime.date(2027, 1, 1))


def test_processor_contract_cannot_end_before_it_is_signed():
    processor = ProcessorFactory.build(
        contract_signed_on=datetime.date(2026, 3, 1), contract_ends_on=datetime.date(2026, 2, 1)
    )
    with pytest.raises(ValidationError) as refused:
        processor.full_clean()
    assert "contract_ends_on" in refused.value.message_dict


def test_processor_country_code_is_two_capital_letters():
    processor = ProcessorFactory.build(country_code="kz")
    processor.full_clean()
    assert processor.country_code == "KZ"
    with pytest.raises(ValidationError):
        ProcessorFactory.build(country_code="K1").full_clean()
