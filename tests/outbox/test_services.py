"""The outbox's API and its bookkeeping: transactions, the daily limit per address, headers, sweep, at-risk mail."""

import datetime
import smtplib

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from outbox.failures import classify
from outbox.headers import clean_header
from outbox.models import Email
from outbox.services import MailBlocked, queue_email
from outbox.tasks import sweep_outbox
from privacy.services import block_email
from tests.queue import run_queued_tasks, sent_mail

pytestmark = pytest.mark.django_db

CONTACT = "/en/contact/"


def acknowledgement(to="someone@example.kz"):
    from tests.enquiries.factories import EnquiryFactory

    enquiry = EnquiryFactory(email=to)
    return queue_email(
        to=to,
        template="enquiries/email/acknowledgement",
        context={"enquiry": enquiry},
        regarding=enquiry,
        acknowledgement=True,
    )


def test_a_rolled_back_transaction_queues_nothing_and_a_committed_one_is_delivered():
    with pytest.raises(RuntimeError), transaction.atomic():
        acknowledgement()
        raise RuntimeError("the submission fails after its email was queued")
    assert not Email.objects.exists() and not DBTaskResult.objects.exists()
    assert sent_mail() == []
    acknowledgement()
    assert [m.to for m in sent_mail()] == [["someone@example.kz"]]


def test_the_email_is_rendered_in_the_recipients_language_when_queued():
    from tests.enquiries.factories import EnquiryFactory

    enquiry = EnquiryFactory(language="ru")
    email = queue_email(
        to=enquiry.email,
        template="enquiries/email/acknowledgement",
        context={"enquiry": enquiry},
        language="ru",
    )
    assert email.subject == f"Мы получили ваше обращение #{enquiry.pk}"
    assert email.body.startswith("Здравствуйте!")
    assert email.message_id.startswith("<") and email.message_id.endswith("@digitalkazakhstan.org>")


def test_a_blocked_address_is_refused_and_nothing_is_stored():
    block_email(email="blocked@example.kz")
    with pytest.raises(MailBlocked):
        acknowledgement("blocked@example.kz")
    assert not Email.objects.filter(to="blocked@example.kz").exists()


def test_blocking_an_address_cancels_what_was_written_to_it_before():
    queued = acknowledgement("late@example.kz")
    block_email(email="late@example.kz")
    queued.refresh_from_db()
    assert queued.status == Email.Status.CANCELLED
    assert sent_mail() == []


def test_p_mail_bombing_acknowledgements_to_one_address_are_limited_whatever_the_ip(
    client, settings
):
    """20 submissions from 20 addresses to one victim: every enquiry is stored and answered the same, but the
    victim gets OUTBOX_ACKNOWLEDGEMENTS_PER_DAY acknowledgements, none opening with the visitor's text."""
    from enquiries.models import Enquiry

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "contact": "100/m"}
    for n in range(6):
        response = client.post(
            CONTACT,
            {
                "name": "Buy cheap pills at spam.example " * 5,
                "email": "victim@example.kz",
                "message": f"Spam number {n}",
                "consent": "on",
                "website": "",
            },
            REMOTE_ADDR=f"203.0.113.{n + 1}",
        )
        assert response.status_code == 302
        assert response["Location"] == "/en/contact/thanks/"
    assert Enquiry.objects.count() == 6
    to_victim = [m for m in sent_mail() if m.to == ["victim@example.kz"]]
    assert len(to_victim) == settings.OUTBOX_ACKNOWLEDGEMENTS_PER_DAY == 3
    assert all(m.body.startswith("Hello,") and "pills" not in m.body for m in to_victim)
    assert Email.objects.filter(status=Email.Status.LIMITED).count() == 3
    staff = [m for m in sent_mail() if m.to == ["info@digitalkazakhstan.org"]]
    assert len(staff) == 6  # staff still hear of every enquiry


def test_data_subject_request_confirmations_count_towards_the_same_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "privacy_request_email": "100/d"}
    for n in range(5):
        client.post(
            "/en/privacy/requests/new/",
            {"email": "victim@example.kz", "request_type": "access", "details": ""},
            REMOTE_ADDR=f"203.0.113.{n + 1}",
        )
    assert len(sent_mail()) == 3


def test_the_limit_counts_the_last_24_hours_only():
    for _ in range(3):
        acknowledgement("busy@example.kz")
    Email.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert acknowledgement("busy@example.kz").status == Email.Status.QUEUED


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Evil\r\nBcc: x@example.kz", "Evil Bcc: x@example.kz"),
        ("Tab\there\x00and\x1bescape", "Tab here and escape"),
        ("Line\u2028separator\u202eoverride", "Line separator override"),
        ("Қазақ Cloud  ЖШС", "Қазақ Cloud ЖШС"),
    ],
)
def test_header_values_are_cleaned_of_line_breaks_and_control_characters(value, expected):
    assert clean_header(value) == expected


def test_a_long_header_is_cut():
    assert len(clean_header("x" * 500)) == 200


@pytest.mark.parametrize(
    ("error", "permanent", "label"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.kz": (550, b"no")}), True, "550 recipient refused"),
        (
            smtplib.SMTPRecipientsRefused({"a@b.kz": (451, b"later")}),
            False,
            "451 recipient refused",
        ),
        (smtplib.SMTPDataError(554, b"spam"), True, "554 message refused"),
        (smtplib.SMTPDataError(452, b"full"), False, "452 message refused"),
        (smtplib.SMTPAuthenticationError(535, b"bad"), False, "535 authentication failed"),
        (smtplib.SMTPSenderRefused(550, b"no", "from@x"), False, "550 sender refused"),
        (
            smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out"),
            False,
            "timeout",
        ),
        (
            smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
            False,
            "connection lost",
        ),
        (TimeoutError("timed out"), False, "timeout"),
        (ConnectionRefusedError(111, "refused"), False, "connection refused"),
        (OSError(101, "unreachable"), False, "network error (OSError)"),
    ],
)
def test_failures_are_classified(error, permanent, label):
    failure = classify(error)
    assert (failure.permanent, failure.label) == (permanent, label)


def test_the_sweep_requeues_an_email_whose_worker_died_mid_send(settings):
    email = acknowledgement()
    # A worker claimed it, then died: the row says "being sent" and its task "running", for ever.
    DBTaskResult.objects.filter(id=email.task_id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    Email.objects.filter(pk=email.pk).update(
        status=Email.Status.SENDING,
        attempts=1,
        claimed_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert sweep_outbox() == {"requeued": 1}
    assert sweep_outbox() == {"requeued": 0}  # once
    run_queued_tasks()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.SENT, 2)
    assert len(sent_mail()) == 1


def test_the_sweep_leaves_alone_what_simply_waits_in_a_long_queue(settings):
    email = acknowledgement()
    Email.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert sweep_outbox() == {"requeued": 0}  # its task is still queued
    DBTaskResult.objects.all().delete()  # the task was lost
    assert sweep_outbox() == {"requeued": 1}
    assert len(sent_mail()) == 1


def test_two_tasks_for_one_email_send_it_once():
    from outbox.tasks import deliver_email

    email = acknowledgement()
    deliver_email.enqueue(email.pk)
    run_queued_tasks()
    assert len(sent_mail()) == 1


def test_an_email_for_a_request_deadline_shows_as_at_risk(admin_client_trained, mail_server_down):
    from tests.privacy.factories import DataSubjectRequestFactory

    request = DataSubjectRequestFactory(verified=True, request_type="rectification")
    from privacy.subject_requests import services

    services.complete_rectification(subject_request=request, note="Corrected.")
    run_queued_tasks()
    email = Email.objects.regarding(request).get()
    assert email.deliver_by is not None and email.status == Email.Status.RETRYING
    assert email in Email.objects.at_risk(now=email.deliver_by - datetime.timedelta(hours=2))
    assert email not in Email.objects.at_risk(now=email.deliver_by - datetime.timedelta(days=3))
    Email.objects.filter(pk=email.pk).update(deliver_by=timezone.now())
    index = admin_client_trained.get("/admin/").content.decode()
    assert "Заңды мерзімнен кешігу қаупі бар хаттар" in index
    page = admin_client_trained.get(
        f"/admin/privacy/datasubjectrequest/{request.pk}/change/"
    ).content.decode()
    assert "Сұрау жіберген адамға әлі хат жеткізілмеді" in page


def test_every_email_goes_through_the_outbox():
    """One send path: nothing but outbox.delivery builds or sends mail itself (P19's blocked-address rule and the
    transactional queue live there)."""
    from pathlib import Path

    import dkz_site

    root = Path(dkz_site.__file__).parent.parent
    offenders = [
        str(path.relative_to(root))
        for folder in (
            "accounts",
            "accreditation",
            "directory",
            "dkz_site",
            "enquiries",
            "jobs",
            "outbox",
            "privacy",
        )
        for path in (root / folder).rglob("*.py")
        if "settings" not in path.parts
        and ("django.core.mail" in path.read_text() or "send_mail(" in path.read_text())
        and path.relative_to(root).as_posix() != "outbox/delivery.py"
    ]
    assert offenders == []
