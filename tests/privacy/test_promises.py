"""Promises of the privacy policy (docs/promises.md) shown here because no other test file is their natural home:
P08 (legitimate interest, labelled), P14 (no sharing), P18 (rectification from the admin) and P24 (database in
Kazakhstan, in the deployment guide)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from privacy.models import RequestState
from privacy.registry import retention_rules
from tests.accreditation.factories import MembershipFactory
from tests.queue import sent_mail

from .factories import DataSubjectRequestFactory

pytestmark = pytest.mark.django_db

# Rules of technical data and of the site's operation: processed on the association's legitimate interest.
OPERATIONAL_RULES = {
    "sessions.expired",
    "rate_limits.ended",
    "accounts.sign_ins",
    "accounts.failed_sign_ins",
    "accounts.failed_sign_in_log",
    "privacy.request_technical_data",
    "enquiries.technical_data",
    "accreditation.technical_data",
    "association.registration_technical_data",
    "outbox.emails",
    "jobs.runs",
}


def test_P08_operational_and_security_processing_is_labelled_legitimate_interest():
    with translation.override("en"):
        bases = {rule.name: str(rule.legal_basis) for rule in retention_rules()}
    assert bases.keys() >= OPERATIONAL_RULES
    for name in OPERATIONAL_RULES:
        assert bases[name].startswith("Legitimate interest"), (name, bases[name])


def test_P14_the_open_data_shares_no_contact_of_a_person(client):
    """The one export anyone may take (the directory as open data) carries the company's public fields only: no
    contact person, contact email or phone, headcount or membership end."""
    member = MembershipFactory(
        contact_person="Aigerim Nurlanovna",
        email="aigerim.private@example.kz",
        phone="+7 701 123 45 67",
        headcount=42,
    )
    for path in ("/en/members.json", "/en/members.csv"):
        body = client.get(path).content.decode()
        assert member.company_name in body
        for private in ("Aigerim Nurlanovna", "aigerim.private@example.kz", "+7 701 123 45 67"):
            assert private not in body, (path, private)


def test_P18_rectification_from_the_admin_completes_the_request_and_tells_the_subject(
    admin_client_trained,
):
    request = DataSubjectRequestFactory(verified=True, request_type="rectification")
    url = reverse("admin:privacy_datasubjectrequest_step", args=[request.pk, "rectify"])
    admin_client_trained.post(url, {"note": "The company name was corrected."})
    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    reply = sent_mail()[-1]
    assert reply.to == [request.email]
    assert "The company name was corrected." in reply.body


def test_P24_the_deployment_guide_keeps_the_database_and_its_backups_in_kazakhstan():
    guide = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert "personal-data database sits on servers in Kazakhstan" in guide
    assert "**every backup** stay in a Kazakhstani data centre" in guide
