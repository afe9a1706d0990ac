from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from enquiries.models import Enquiry, EnquiryMail, EnquiryMessage

from .factories import EnquiryFactory

pytestmark = pytest.mark.django_db


def test_retry_enquiry_mail_dry_run_then_for_real():
    enquiry = EnquiryFactory()
    failed = EnquiryMail.objects.create(
        enquiry=enquiry, kind=EnquiryMail.Kind.STAFF_NOTIFICATION, status=EnquiryMail.Status.FAILED
    )
    out = StringIO()
    call_command("retry_enquiry_mail", "--dry-run", stdout=out)
    assert "due: 1" in out.getvalue()
    failed.refresh_from_db()
    assert failed.status == EnquiryMail.Status.FAILED and mail.outbox == []

    call_command("retry_enquiry_mail", stdout=out)
    failed.refresh_from_db()
    assert failed.status == EnquiryMail.Status.SENT
    assert "sent: 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["info@digitalkazakhstan.org"]]

    again = StringIO()
    call_command("retry_enquiry_mail", stdout=again)
    assert "nothing to retry" in again.getvalue()


def test_seed_demo_adds_enquiries_with_threads_once():
    call_command("seed_demo", stdout=StringIO())
    counts = (Enquiry.objects.count(), EnquiryMessage.objects.count())
    assert counts[0] >= 3 and counts[1] > counts[0]
    assert set(Enquiry.objects.values_list("status", flat=True)) >= {"new", "closed"}
    assert Enquiry.objects.filter(consent__isnull=False).count() == counts[0]
    call_command("seed_demo", stdout=StringIO())
    assert (Enquiry.objects.count(), EnquiryMessage.objects.count()) == counts
    assert mail.outbox == []
