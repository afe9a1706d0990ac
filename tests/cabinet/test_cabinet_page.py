"""The cabinet page: status and term, the public profile as visitors see it, invoices as PDF in Kazakh and
Russian, the representatives' data rights; another company's invoices are not found."""

import datetime
import json
from decimal import Decimal
from io import BytesIO

import pypdf
import pytest
from django.utils import timezone

from directory.models import MemberProfile
from privacy.models import ConsentPurpose
from privacy.services import record_consent
from tests.accreditation.factories import InvoiceFactory, MembershipFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory(
        email="contact@example.kz",
        company_name="Altyn Soft",
        description_kk="Бағдарламалық жасақтама әзірлеу.",
        website="https://altyn.example.kz",
    )


def pdf_text(content: bytes) -> str:
    """The text a PDF reader extracts (through the embedded font's ToUnicode map)."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(content)).pages)


def test_the_cabinet_shows_status_term_and_the_public_profile(client, member):
    page = sign_in(client, "contact@example.kz", language="kk")
    text = page.content.decode()
    assert "Altyn Soft" in text and member.bin in text
    assert "Бағдарламалық жасақтама әзірлеу." in text
    assert (
        f'href="/kk/members/{member.profile.slug}/"' in text
    )  # listed: a link to what visitors see


def test_an_unlisted_member_is_told_so(client, member):
    MemberProfile.objects.filter(membership=member).update(is_published=False)
    page = sign_in(client, "contact@example.kz")
    assert b"not shown in the members directory" in page.content


def test_invoices_are_listed_and_open_as_pdf_in_kazakh_and_russian(client, member):
    invoice = InvoiceFactory(membership=member, amount_kzt=Decimal("184600.00"))
    page = sign_in(client, "contact@example.kz")
    assert invoice.number.encode() in page.content
    for language in ("kk", "ru"):
        response = client.get(f"/en/cabinet/invoices/{invoice.number}/{language}.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert "no-store" in response["Cache-Control"]


def test_the_invoice_pdf_names_the_number_as_payment_reference_and_the_requisites(
    client, member, settings
):
    settings.ASSOCIATION_REQUISITES = {
        "bin": "123456789012",
        "bank": "Halyk Bank",
        "iik": "KZ000000000000000001",
        "bik": "HSBKKZKX",
        "kbe": "18",
        "knp": "859",
    }
    invoice = InvoiceFactory(membership=member, amount_kzt=Decimal("184600.00"))
    sign_in(client, "contact@example.kz")
    kk = pdf_text(client.get(f"/en/cabinet/invoices/{invoice.number}/kk.pdf").content)
    ru = pdf_text(client.get(f"/en/cabinet/invoices/{invoice.number}/ru.pdf").content)
    for text in (kk, ru):
        assert invoice.number in text and "KZ000000000000000001" in text and "Altyn Soft" in text
        assert member.bin in text and "184" in text
    assert "Төлем" in kk or "төлем" in kk
    assert "Счёт" in ru or "счёт" in ru or "Счет" in ru


def test_another_companys_invoice_is_not_found(client, member):
    theirs = InvoiceFactory(membership=MembershipFactory())
    sign_in(client, "contact@example.kz")
    assert client.get(f"/en/cabinet/invoices/{theirs.number}/kk.pdf").status_code == 404
    assert client.get("/en/cabinet/invoices/DKZ-1999-0001/kk.pdf").status_code == 404


def test_only_kazakh_and_russian_invoices(client, member):
    invoice = InvoiceFactory(membership=member)
    sign_in(client, "contact@example.kz")
    assert client.get(f"/en/cabinet/invoices/{invoice.number}/en.pdf").status_code == 404


def test_invoices_need_a_cabinet_session(client, member):
    invoice = InvoiceFactory(membership=member)
    assert client.get(f"/en/cabinet/invoices/{invoice.number}/kk.pdf").status_code == 302


def test_a_copy_of_the_signed_in_representatives_data_without_an_email_round_trip(client, member):
    """P17: the sign-in link proved the address; the copy comes at once, and only for that address."""
    sign_in(client, "contact@example.kz")
    response = client.get("/en/cabinet/my-data/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "contact@example.kz"
    assert "Altyn Soft" in response.content.decode()
    assert "other@example.kz" not in response.content.decode()


def test_withdrawing_the_consent_to_publication_unlists_at_once(client, member):
    """P21, P07: the company withdraws from the cabinet; the directory drops it now; the record is stamped."""
    record_consent(
        email=member.email,
        purpose=ConsentPurpose.DIRECTORY_PUBLICATION,
        wording="I agree to publication.",
        source="test",
    )
    assert (
        client.get(f"/en/members/{member.profile.slug}/").status_code == 200
    )  # cached for visitors
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/publication/withdraw/")
    member.refresh_from_db()
    assert not member.profile.is_published
    from django.test import Client

    assert Client().get(f"/en/members/{member.profile.slug}/").status_code == 404
    from privacy.models import ConsentRecord

    assert ConsentRecord.objects.for_email(member.email).get().withdrawn_at is not None


def test_an_ended_membership_cannot_withdraw_or_change_but_still_reads(client, member):
    InvoiceFactory(membership=member)
    member.ended_on = timezone.localdate() - datetime.timedelta(days=1)
    member.save()
    page = sign_in(client, "contact@example.kz")
    assert b"read-only" in page.content and b"Withdraw the consent" not in page.content
    invoice = member.invoices.get()
    assert client.get(f"/en/cabinet/invoices/{invoice.number}/ru.pdf").status_code == 200
