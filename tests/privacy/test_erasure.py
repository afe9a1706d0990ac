"""The erasure log holds only a keyed hash, and `reapply_erasures` repeats erasures after a restore (P20)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from accreditation.models import Membership
from privacy.models import ConsentRecord, DataSubjectRequest, ErasureLogEntry
from privacy.subject_requests import erasure, services
from tests.accreditation.factories import MembershipFactory

from .factories import ConsentRecordFactory, DataSubjectRequestFactory

pytestmark = pytest.mark.django_db

SUBJECT = "aigerim@example.kz"


def test_the_hash_is_keyed_and_case_insensitive(settings):
    first = erasure.email_hash("Aigerim@Example.kz ")
    assert first == erasure.email_hash(SUBJECT)
    assert SUBJECT not in first
    settings.ERASURE_LOG_KEY = "a-dedicated-key"
    assert erasure.email_hash(SUBJECT) != first


def test_p20_reapply_erasures_after_a_restore():
    ConsentRecordFactory(email=SUBJECT)
    MembershipFactory(email=SUBJECT, starts_on="2020-01-01", ends_on="2021-01-01")
    MembershipFactory(email="other@example.kz", starts_on="2020-01-01", ends_on="2021-01-01")
    request = DataSubjectRequestFactory(email=SUBJECT, request_type="deletion", verified=True)
    services.execute_deletion(subject_request=request)
    assert not Membership.objects.filter(email=SUBJECT).exists()
    entry = ErasureLogEntry.objects.get()
    assert entry.reapplied_at is None

    # A backup taken before the erasure is restored: the membership comes back.
    MembershipFactory(email=SUBJECT, starts_on="2020-01-01", ends_on="2021-01-01")
    out = StringIO()
    call_command("reapply_erasures", "--dry-run", stdout=out)
    assert "accreditation: 1" in out.getvalue()
    assert Membership.objects.filter(email=SUBJECT).exists()

    call_command("reapply_erasures", stdout=StringIO())

    assert not Membership.objects.filter(email=SUBJECT).exists()
    assert Membership.objects.filter(email="other@example.kz").count() == 1
    entry.refresh_from_db()
    assert entry.reapplied_at is not None


def test_privacy_keeps_consents_as_proof_and_erases_request_technical_data():
    ConsentRecordFactory(email=SUBJECT)
    done = DataSubjectRequestFactory(email=SUBJECT, verified=True, state="completed")
    pending = DataSubjectRequestFactory(email=SUBJECT)
    other = DataSubjectRequestFactory(email="other@example.kz")

    with translation.override("en"):
        reports = erasure.erase_everywhere(SUBJECT)

    privacy_report = next(r for r in reports if r.provider == "privacy")
    assert privacy_report.erased["Unconfirmed requests"] == 1
    assert {k.category for k in privacy_report.kept} == {
        "Consent records",
        "Data-subject requests",
    }
    assert ConsentRecord.objects.for_email(SUBJECT).get().withdrawn_at is not None
    done.refresh_from_db()
    assert done.client_ip is None and done.user_agent == ""
    assert not DataSubjectRequest.objects.filter(pk=pending.pk).exists()
    assert DataSubjectRequest.objects.filter(pk=other.pk).exists()


def test_p20_what_erasure_leaves_blank_belongs_to_nobody():
    """Erased rows that stay (anonymised, kept on a legal hold) hold an empty address: no provider may count or
    export them for the address "" as if they were one person's data."""
    from accreditation.models import Application
    from enquiries.models import Enquiry
    from privacy import registry
    from tests.accreditation.factories import ApplicationFactory
    from tests.enquiries.factories import EnquiryFactory

    EnquiryFactory(email=SUBJECT)
    MembershipFactory(email=SUBJECT)
    ApplicationFactory(email=SUBJECT)
    for model in (Enquiry, Membership, Application):
        model.objects.update(email="")  # what an anonymised row holds
    for provider in registry.providers():
        assert provider.count("") == 0, provider.name
        assert provider.count("   ") == 0, provider.name
