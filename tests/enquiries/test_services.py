import logging
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from enquiries import services
from enquiries.forms import consent_wording
from enquiries.models import Enquiry, EnquiryMessage
from outbox.models import Email
from privacy.models import ConsentPurpose, ConsentRecord, PolicyVersion
from privacy.services import NoPolicyInForce, block_email, withdraw_consent
from tests.queue import run_retries_now, sent_mail

from .factories import EnquiryFactory

pytestmark = pytest.mark.django_db

TECHNICAL = {
    "client_ip": "203.0.113.9",
    "user_agent": "Mozilla/5.0 (X11)",
    "referrer": "https://digitalkazakhstan.org/kk/",
}


def submit(**overrides):
    values = {
        "name": "Aigerim Nurlanovna",
        "email": "Aigerim@Example.kz",
        "company": "Qazaq Soft LLP",
        "message": "How does a company join the association?",
        "language": "kk",
        "consent_wording": "I agree (test wording).",
        "technical": TECHNICAL,
    }
    values.update(overrides)
    return services.submit_enquiry(**values)


def test_submission_stores_the_enquiry_and_its_first_message():
    assert Enquiry.objects.count() == 0
    submission = submit()
    enquiry = submission.enquiry
    assert submission.created
    assert enquiry.email == "aigerim@example.kz"
    assert enquiry.message == "How does a company join the association?"
    assert enquiry.language == "kk"
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.waiting_since == enquiry.created_at == enquiry.last_contact_at
    (first,) = enquiry.messages.all()
    assert first.direction == EnquiryMessage.Direction.INBOUND
    assert first.body == enquiry.message


def test_p01_technical_data_is_stored_with_the_submission():
    """P01: client IP, user agent and referrer are stored with the submission (for abuse protection)."""
    first = submit().enquiry.messages.get()
    assert (first.client_ip, first.user_agent, first.referrer) == (
        "203.0.113.9",
        "Mozilla/5.0 (X11)",
        "https://digitalkazakhstan.org/kk/",
    )


def test_technical_data_is_stored_as_every_submission_stores_it():
    """The fields hold at most 500 characters and no NUL byte (PostgreSQL refuses one), in the thread too."""
    long = {"client_ip": "", "user_agent": "A" * 600, "referrer": "https://x.kz/\x00" + "r" * 600}
    first = submit(technical=long).enquiry.messages.get()
    enquiry = first.enquiry
    answer = services.answer_from_visitor(enquiry=enquiry, body="More", technical=long)
    for message in (first, answer):
        message.refresh_from_db()
        assert message.client_ip is None
        assert message.user_agent == "A" * 500
        assert message.referrer == ("https://x.kz/" + "r" * 600)[:500]


def test_p04_an_enquiry_holds_only_name_email_company_and_message():
    """P04: the personal data of an enquiry are name, email, company and message — nothing more."""
    personal = {"name", "email", "company", "message"}
    bookkeeping = {
        "id",
        "language",
        "status",
        "created_at",
        "last_contact_at",
        "waiting_since",
        "closed_at",
        "processing_stopped_at",
        "anonymised_at",
        "consent",
    }
    fields = {field.name for field in Enquiry._meta.concrete_fields}
    assert fields == personal | bookkeeping


def test_p06_consent_is_recorded_with_the_exact_wording_and_policy(policy_in_force):
    """P06: each enquiry has a consent record with the wording shown and the policy version in force."""
    with translation.override("ru"):
        wording = consent_wording()
    enquiry = submit(language="ru", consent_wording=wording).enquiry
    consent = ConsentRecord.objects.get()
    assert enquiry.consent == consent
    assert consent.purpose == ConsentPurpose.ENQUIRY_PROCESSING
    assert consent.wording == wording and "политик" in wording
    assert consent.policy_version == policy_in_force
    assert consent.email == "aigerim@example.kz"
    assert consent.language == "ru"
    assert consent.source == "contact_form"
    assert consent.source_object == f"enquiry:{enquiry.pk}"
    assert consent.client_ip == "203.0.113.9"


def test_acknowledgement_in_the_visitors_language_and_staff_notice_with_admin_link(settings):
    settings.STAFF_NOTIFICATION_EMAIL = "desk@digitalkazakhstan.org"
    enquiry = submit(language="ru").enquiry
    acknowledgement, notice = sent_mail()
    assert acknowledgement.to == ["aigerim@example.kz"]
    assert f"Мы получили ваше обращение #{enquiry.pk}" == acknowledgement.subject
    # Nothing the visitor typed opens the message (no "Dear <name>"): the acknowledgement is no tool for
    # sending someone else text from the association's address.
    assert acknowledgement.body.startswith("Здравствуйте")
    assert "Aigerim" not in acknowledgement.body and "join" not in acknowledgement.body
    assert notice.to == ["desk@digitalkazakhstan.org"]
    assert f"/admin/enquiries/enquiry/{enquiry.pk}/change/" in notice.body
    # The staff notice carries no personal data: that is read in the admin, by trained staff only.
    assert "aigerim" not in notice.body.lower() and "join the association" not in notice.body
    assert set(Email.objects.regarding(enquiry).values_list("status", flat=True)) == {
        Email.Status.SENT
    }


def test_the_same_email_and_message_within_ten_minutes_is_one_enquiry():
    first = submit()
    sent_mail().clear()
    again = submit(
        email="aigerim@example.KZ", message="  How does a company join the association? "
    )
    assert not again.created
    assert again.enquiry == first.enquiry
    assert Enquiry.objects.count() == 1
    assert ConsentRecord.objects.count() == 1
    assert sent_mail() == []


def test_the_same_message_after_ten_minutes_is_a_new_enquiry():
    first = submit().enquiry
    Enquiry.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    assert submit().created
    assert Enquiry.objects.count() == 2


def test_another_message_from_the_same_address_is_a_new_enquiry():
    submit()
    assert submit(message="A second, different question.").created
    assert Enquiry.objects.count() == 2


def test_a_failing_mail_server_keeps_the_enquiry_and_logs_without_personal_data(
    mail_server_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="outbox.delivery"):
        enquiry = submit().enquiry
        assert sent_mail() == []
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert enquiry.messages.count() == 1
    assert ConsentRecord.objects.count() == 1
    emails = Email.objects.regarding(enquiry)
    assert set(emails.values_list("status", "last_error")) == {
        (Email.Status.RETRYING, "connection lost")
    }
    assert Enquiry.objects.with_mail_problem().get() == enquiry
    logged = caplog.text
    assert f"email={emails.first().pk}" in logged
    assert "aigerim" not in logged.lower() and "join the association" not in logged


def test_what_failed_is_sent_once_the_server_is_back(monkeypatch, mail_server_down):
    enquiry = submit().enquiry
    assert sent_mail() == []
    monkeypatch.undo()  # the mail server is back
    run_retries_now()
    assert len(sent_mail()) == 2
    assert not Enquiry.objects.with_mail_problem().exists()
    assert set(Email.objects.regarding(enquiry).values_list("attempts", flat=True)) == {2}
    run_retries_now()
    assert len(sent_mail()) == 2  # nothing is sent twice


def test_p19_a_blocked_address_is_refused_and_nothing_is_processed():
    """P19: a blocked address gets no mail and no new processing: nothing is stored, staff are not emailed."""
    block_email(email="aigerim@example.kz", reason="data-subject request")
    with pytest.raises(services.AddressBlocked):
        submit(email="Aigerim@Example.kz")
    assert Enquiry.objects.count() == 0
    assert ConsentRecord.objects.for_email("aigerim@example.kz").count() == 0
    assert sent_mail() == []


def test_p19_an_answer_from_a_blocked_address_is_refused():
    enquiry = submit().enquiry
    block_email(email=enquiry.email)
    with pytest.raises(services.AnswerRefused):
        services.answer_from_visitor(enquiry=enquiry, body="Still here", technical={})
    assert enquiry.messages.count() == 1


def test_p19_staff_cannot_reply_to_a_blocked_address(trained_staff):
    """P19: a reply to a blocked address is refused before anything is stored or sent."""
    enquiry = EnquiryFactory(email="blocked@example.kz")
    block_email(email="blocked@example.kz")
    with pytest.raises(services.ReplyRefused):
        services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Hello")
    assert enquiry.messages.count() == 1
    assert sent_mail() == []


def test_staff_reply_is_stored_mailed_in_the_visitors_language_and_answers_the_enquiry(
    trained_staff,
):
    enquiry = EnquiryFactory(language="kk")
    before = enquiry.last_contact_at
    reply = services.reply_to_enquiry(
        enquiry=enquiry, author=trained_staff, body="Сәлеметсіз бе! Жауабымыз осы."
    )
    enquiry.refresh_from_db()
    assert reply.direction == EnquiryMessage.Direction.OUTBOUND
    assert reply.author == trained_staff
    assert enquiry.status == Enquiry.Status.ANSWERED
    assert enquiry.waiting_since is None
    assert enquiry.last_contact_at == reply.sent_at > before
    (sent,) = sent_mail()
    assert sent.to == [enquiry.email]
    assert sent.subject == f"{enquiry.reference} өтінішіңізге жауабымыз"
    assert "Сәлеметсіз бе! Жауабымыз осы." in sent.body
    assert f"/kk/contact/{enquiry.pk}/answer/" in sent.body


def test_a_reply_that_asks_a_question_leaves_the_enquiry_awaiting_the_visitor(trained_staff):
    enquiry = EnquiryFactory()
    services.reply_to_enquiry(
        enquiry=enquiry, author=trained_staff, body="Which region?", expects_answer=True
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.AWAITING_VISITOR


def test_a_reply_whose_mail_fails_is_kept_and_retried(trained_staff, mail_server_down):
    enquiry = EnquiryFactory()
    reply = services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Answer")
    assert sent_mail() == []
    assert EnquiryMessage.objects.filter(pk=reply.pk).exists()
    reply.email.refresh_from_db()
    assert reply.email.status == Email.Status.RETRYING


def test_two_staff_replying_at_once_send_one_reply_and_the_second_is_told(
    trained_staff, django_user_model
):
    """Both opened the enquiry when the visitor's message was the latest; the first reply wins."""
    colleague = django_user_model.objects.create_user(
        email="colleague@digitalkazakhstan.org", password="x" * 12, is_staff=True, full_name="Dana"
    )
    enquiry = EnquiryFactory()
    seen = enquiry.messages.order_by("pk").last()
    seen_pk = seen.pk if seen else None
    services.reply_to_enquiry(
        enquiry=enquiry, author=colleague, body="First answer", seen_message=seen_pk
    )
    with pytest.raises(services.ReplyConflict) as conflict:
        services.reply_to_enquiry(
            enquiry=enquiry, author=trained_staff, body="Second answer", seen_message=seen_pk
        )
    assert "Dana" in str(conflict.value)
    assert list(enquiry.messages.values_list("body", flat=True)).count("Second answer") == 0
    assert [m.body.count("First answer") for m in sent_mail()] == [1]


def test_the_visitors_answer_joins_the_thread_and_notifies_staff(trained_staff):
    enquiry = EnquiryFactory(status=Enquiry.Status.AWAITING_VISITOR, waiting_since=None)
    answer = services.answer_from_visitor(
        enquiry=enquiry, body="The Abai region.", technical=TECHNICAL
    )
    enquiry.refresh_from_db()
    assert answer.direction == EnquiryMessage.Direction.INBOUND
    assert answer.client_ip == "203.0.113.9"
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.waiting_since == answer.sent_at == enquiry.last_contact_at
    (notice,) = sent_mail()
    assert notice.to == ["info@digitalkazakhstan.org"]
    assert f"/admin/enquiries/enquiry/{enquiry.pk}/change/" in notice.body
    assert "Abai" not in notice.body


def test_an_answer_reopens_a_closed_enquiry():
    enquiry = EnquiryFactory()
    services.close_enquiry(enquiry=enquiry)
    services.answer_from_visitor(enquiry=enquiry, body="One more question", technical={})
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.closed_at is None


def test_close_enquiry_stamps_the_date_once():
    enquiry = EnquiryFactory()
    assert services.close_enquiry(enquiry=enquiry) is True
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED
    assert enquiry.closed_at is not None
    assert enquiry.waiting_since is None
    assert services.close_enquiry(enquiry=enquiry) is False


def test_p21_withdrawing_consent_closes_the_enquiry_and_stops_mail(trained_staff):
    """P21: withdrawal stamps the consent record, closes the enquiry and stops all further mail to it."""
    enquiry = submit().enquiry
    other = EnquiryFactory(email="someone.else@example.kz")
    sent_mail().clear()
    unsent = services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Queued").email

    assert (
        withdraw_consent(email="AIGERIM@example.kz", purpose=ConsentPurpose.ENQUIRY_PROCESSING) == 1
    )

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED
    assert enquiry.processing_stopped_at is not None
    assert not enquiry.accepts_mail
    assert ConsentRecord.objects.get().withdrawn_at is not None  # stamped, not deleted
    assert enquiry.messages.count() == 2  # not retroactive: the correspondence stays
    unsent.refresh_from_db()
    assert unsent.status == Email.Status.CANCELLED
    with pytest.raises(services.ReplyRefused):
        services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Hello?")
    with pytest.raises(services.AnswerRefused):
        services.answer_from_visitor(enquiry=enquiry, body="Hi", technical={})
    run_retries_now()
    assert sent_mail() == []
    other.refresh_from_db()
    assert other.status == Enquiry.Status.NEW and other.accepts_mail


def test_p21_a_new_enquiry_after_withdrawal_is_processed_on_its_new_consent():
    """P21: withdrawal stops what it covered; a later enquiry comes with its own, new consent."""
    submit()
    withdraw_consent(email="aigerim@example.kz", purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    sent_mail().clear()
    fresh = submit().enquiry  # even the very same text, within ten minutes
    assert fresh.accepts_mail
    assert ConsentRecord.objects.active().count() == 1
    assert len(sent_mail()) == 2


def test_anonymise_erases_personal_data_and_keeps_counts_and_dates(trained_staff):
    enquiry = EnquiryFactory(email="erase.me@example.kz")
    services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Our answer")
    created_at = enquiry.created_at
    assert services.anonymise_enquiries(email="ERASE.ME@example.kz") == (1, 2)
    enquiry.refresh_from_db()
    assert (enquiry.name, enquiry.company, enquiry.message) == ("", "", "")
    assert "erase.me" not in enquiry.email
    assert enquiry.anonymised_at is not None
    assert enquiry.created_at == created_at
    assert enquiry.messages.count() == 2
    assert set(enquiry.messages.values_list("body", flat=True)) == {""}
    assert not enquiry.messages.with_technical_data().exists()
    assert not Enquiry.objects.for_email("erase.me@example.kz").exists()


def test_nothing_is_half_written_when_consent_cannot_be_recorded():
    """Without a policy in force no consent can be proven: the enquiry is not stored either."""
    PolicyVersion.objects.all().delete()
    with pytest.raises(NoPolicyInForce):
        submit()
    assert Enquiry.objects.count() == 0
    assert EnquiryMessage.objects.count() == 0
    assert sent_mail() == []


@pytest.mark.parametrize("body", ["", "   "])
def test_an_empty_reply_or_answer_is_refused(trained_staff, body):
    enquiry = EnquiryFactory()
    with pytest.raises(ValueError):
        services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body=body)
    with pytest.raises(ValueError):
        services.answer_from_visitor(enquiry=enquiry, body=body, technical={})
    assert enquiry.messages.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_identical_submissions_at_the_same_moment_make_one_enquiry():
    """A double click: both requests arrive together; on PostgreSQL the second waits and finds the first."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the advisory lock is PostgreSQL's")
    import threading

    start = threading.Barrier(2)
    outcomes = []

    def send():
        try:
            start.wait()
            outcomes.append(submit().created)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    assert Enquiry.objects.count() == 1


def test_a_reply_quotes_the_question_and_keeps_the_conversation_together(trained_staff, settings):
    settings.ENQUIRY_REPLY_SUBADDRESS = True
    enquiry = submit(language="ru", message="Сколько стоит членство?\nИ как долго ждать?").enquiry
    services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Взнос указан на сайте.")
    acknowledgement, _staff, reply = sent_mail()
    assert reply.reply_to == [f"info+enquiry-{enquiry.pk}@digitalkazakhstan.org"]
    assert acknowledgement.reply_to == reply.reply_to
    assert "> Сколько стоит членство?\n> И как долго ждать?" in reply.body
    assert reply.body.index("Взнос указан на сайте.") < reply.body.index("> Сколько")
    first_id = acknowledgement.extra_headers["Message-ID"]
    assert reply.extra_headers["In-Reply-To"] == first_id
    assert reply.extra_headers["References"] == first_id
    assert "In-Reply-To" not in acknowledgement.extra_headers


def test_without_subaddressing_replies_go_to_the_plain_mailbox(trained_staff, settings):
    settings.ENQUIRY_REPLY_SUBADDRESS = False
    enquiry = EnquiryFactory()
    services.reply_to_enquiry(enquiry=enquiry, author=trained_staff, body="Answer.")
    (reply,) = sent_mail()
    assert reply.reply_to == ["info@digitalkazakhstan.org"]
