"""Every workflow that sends mail, against a real SMTP server that is up, refusing, deferring, hanging or down.

For each: the data is stored, the request never talks to the mail server (no SMTP session is opened until a
worker runs), nothing is lost, and once the server is back every email arrives exactly once.
"""

from email.header import decode_header, make_header

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from enquiries.models import Enquiry
from outbox.models import Email
from privacy.models import DataSubjectRequest, RequestState
from tests.privacy.helpers import links_in
from tests.queue import run_queued_tasks, run_retries_now

from .smtp import DEFERRING, DOWN, HANGING, REFUSING, UP

pytestmark = pytest.mark.django_db

CONTACT = "/en/contact/"
VISITOR = "aigerim@example.kz"
STAFF = "info@digitalkazakhstan.org"


def contact(client, email=VISITOR, ip="198.51.100.7", message="How does a company join?"):
    data = {
        "name": "Aigerim",
        "email": email,
        "company": "",
        "message": message,
        "consent": "on",
        "website": "",
    }
    return client.post(CONTACT, data, REMOTE_ADDR=ip)


@pytest.mark.parametrize("mode", [UP, DEFERRING, HANGING, DOWN])
def test_contact_form_in_every_mail_server_mode_then_exactly_once(client, smtp_server, mode):
    smtp_server.set_mode(mode)
    response = contact(client)
    assert response.status_code == 302  # stored and answered, whatever the mail server does
    enquiry = Enquiry.objects.get()
    assert smtp_server.connections == 0  # the request never talked to the mail server

    run_queued_tasks()  # a worker's first attempt
    emails = Email.objects.regarding(enquiry)
    if mode == UP:
        assert set(emails.values_list("status", flat=True)) == {Email.Status.SENT}
    else:
        assert set(emails.values_list("status", "error_kind")) == {
            (Email.Status.RETRYING, Email.ErrorKind.TEMPORARY)
        }
        labels = {
            DEFERRING: "451 recipient refused",
            HANGING: "timeout",
            DOWN: "connection refused",
        }
        assert set(emails.values_list("last_error", flat=True)) == {labels[mode]}
        assert smtp_server.messages == []
        # The retry waits for its backoff in the queue, behind nothing new.
        retries = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        assert retries.count() == 2 and all(task.priority == 0 for task in retries)

    smtp_server.set_mode(UP)
    run_retries_now()
    run_retries_now()  # a second pass finds nothing more to send
    assert sorted(m["To"] for m in smtp_server.messages) == [VISITOR, STAFF]
    assert set(smtp_server.by_message_id().values()) == {1}
    assert set(emails.values_list("message_id", flat=True)) == set(smtp_server.by_message_id())


def test_a_refused_recipient_stops_at_once_and_staff_see_it(
    client, smtp_server, admin_client_trained
):
    smtp_server.refused_addresses.add(VISITOR)
    contact(client)
    run_queued_tasks()
    refused = Email.objects.get(to=VISITOR)
    assert (refused.status, refused.error_kind, refused.last_error, refused.attempts) == (
        Email.Status.FAILED,
        Email.ErrorKind.PERMANENT,
        "550 recipient refused",
        1,
    )
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()  # no retry
    assert [m["To"] for m in smtp_server.messages] == [STAFF]  # the other email is not held back

    listing = admin_client_trained.get("/admin/outbox/email/", {"delivery": "undelivered"})
    assert list(listing.context["cl"].result_list) == [refused]
    page = listing.content.decode()
    assert "550 recipient refused" in page and "How does a company join" not in page  # no body
    index = admin_client_trained.get("/admin/").content.decode()
    assert "Пошта сервері қабылдамаған хаттар" in index  # the admin speaks Kazakh by default

    smtp_server.refused_addresses.clear()  # the visitor fixed their mailbox
    admin_client_trained.post(
        "/admin/outbox/email/",
        {"action": "send_again_selected", "_selected_action": [refused.pk]},
    )
    run_queued_tasks()
    refused.refresh_from_db()
    assert refused.status == Email.Status.SENT and refused.attempts == 2
    assert sorted(m["To"] for m in smtp_server.messages) == [VISITOR, STAFF]


def test_the_refusing_server_refuses_every_recipient(client, smtp_server):
    smtp_server.set_mode(REFUSING)
    contact(client)
    run_queued_tasks()
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.FAILED}
    assert Enquiry.objects.count() == 1


def test_temporary_failures_give_up_after_the_last_attempt(client, smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp_server.set_mode(DEFERRING)
    contact(client)
    run_queued_tasks()
    run_retries_now()
    run_retries_now()
    assert set(Email.objects.values_list("status", "attempts")) == {(Email.Status.FAILED, 3)}
    assert run_retries_now() == 0  # nothing left to try


def test_a_data_subject_request_made_while_the_server_is_down_completes_once_it_is_back(
    client, smtp_server
):
    """P15-P17: the request, its confirmation and the copy all commit with the mail server down."""
    smtp_server.set_mode(DOWN)
    response = client.post(
        "/en/privacy/requests/new/", {"email": VISITOR, "request_type": "access", "details": ""}
    )
    assert response.status_code == 302
    request = DataSubjectRequest.objects.get()
    run_queued_tasks()
    assert Email.objects.regarding(request).get().status == Email.Status.RETRYING

    smtp_server.set_mode(UP)
    run_retries_now()
    (confirmation,) = smtp_server.to(VISITOR)
    link = links_in(_as_django_message(confirmation))[0]

    smtp_server.set_mode(HANGING)
    assert (
        client.post(link).status_code == 200
    )  # confirmed, and the copy prepared, while mail hangs
    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED and request.export_file
    run_queued_tasks()
    smtp_server.set_mode(UP)
    run_retries_now()
    copy_mail = smtp_server.to(VISITOR)[-1]
    assert "/en/privacy/requests/copy/" in copy_mail.get_payload(decode=True).decode()
    assert len(smtp_server.to(VISITOR)) == 2
    assert set(smtp_server.by_message_id().values()) == {1}


def test_an_application_and_its_staff_notice_survive_an_outage_and_arrive_once(client, smtp_server):
    from tests.accreditation.factories import valid_bin

    smtp_server.set_mode(DOWN)
    response = client.post(
        "/en/accreditation/apply/",
        {
            "bin": valid_bin(7),
            "company_name": "Qazaq Cloud LLP",
            "region": "KZ-71",
            "contact_person": "Aigerim",
            "email": VISITOR,
            "phone": "+7 701 000 00 00",
            "description": "Cloud hosting.",
            "consent_processing": "on",
        },
    )
    assert response.status_code == 302
    run_queued_tasks()
    smtp_server.set_mode(UP)
    run_retries_now()
    assert sorted(m["To"] for m in smtp_server.messages) == [VISITOR, STAFF]
    assert set(smtp_server.by_message_id().values()) == {1}


def test_a_staff_reply_written_while_the_server_hangs_is_kept_and_delivered_once(
    admin_client_trained, smtp_server
):
    from tests.enquiries.factories import EnquiryFactory

    enquiry = EnquiryFactory(email=VISITOR)
    smtp_server.set_mode(HANGING)
    response = admin_client_trained.post(
        f"/admin/enquiries/enquiry/{enquiry.pk}/reply/",
        {"reply": "Here is our answer.", "_send": "1"},  # "Send reply" on the preview
    )
    assert response.status_code == 302
    assert enquiry.messages.filter(body="Here is our answer.").exists()
    assert smtp_server.connections == 0
    run_queued_tasks()
    smtp_server.set_mode(UP)
    run_retries_now()
    (reply,) = smtp_server.to(VISITOR)
    assert "Here is our answer." in reply.get_payload(decode=True).decode()


def test_a_company_name_with_line_breaks_still_gets_its_email(smtp_server, trained_staff):
    from accreditation import services
    from tests.accreditation.factories import valid_bin

    application = services.submit_application(
        bin=valid_bin(7),
        company_name="Evil\r\nBcc: victim@example.kz\x1b LLP",
        region="KZ-71",
        contact_person="Aigerim",
        email=VISITOR,
        phone="+7 701 000 00 00",
        description="",
        language="en",
        processing_wording="I agree.",
    )
    services.move_by_reviewer(state="approved", application=application, reviewer=trained_staff)
    run_queued_tasks()
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}
    notice = smtp_server.to(STAFF)[0]
    subject = str(make_header(decode_header(notice["Subject"])))
    assert subject.endswith(": Evil Bcc: victim@example.kz LLP")
    assert notice["Bcc"] is None
    assert all(m["To"] in (VISITOR, STAFF) for m in smtp_server.messages)


def _as_django_message(message):
    class Body:
        body = message.get_payload(decode=True).decode()

    return Body
