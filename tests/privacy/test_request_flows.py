"""Every request type end to end: the form, the emailed single-use link, staff's step, the reply."""

import html as html_lib
import io
import json
import zipfile

import pytest

from accreditation.models import Invoice, Membership
from directory.models import listed_memberships
from outbox.services import MailBlocked, queue_email
from privacy import registry
from privacy.models import (
    BlockedEmail,
    ConsentPurpose,
    ConsentRecord,
    DataSubjectRequest,
    ErasureLogEntry,
    RequestState,
)
from privacy.services import has_consent, is_blocked
from privacy.subject_requests import services
from tests.accreditation.factories import InvoiceFactory, MembershipFactory
from tests.queue import sent_mail

from .factories import ConsentRecordFactory
from .helpers import confirm, last_link, submit

pytestmark = pytest.mark.django_db

SUBJECT = "aigerim@example.kz"
OTHER = "other@example.kz"
AUTHORITY = (
    "Ministry of Artificial Intelligence and Digital Development of the Republic of Kazakhstan"
)


def assert_names_the_authority(message):
    """P22 and P28: every reply names the authority to complain to and the association's contacts."""
    assert AUTHORITY in message.body
    assert "info@digitalkazakhstan.org" in message.body
    assert "Kunaev str. 12/1, Astana" in message.body


def verified(client, request_type, **kwargs):
    submit(client, SUBJECT, request_type, **kwargs)
    response = confirm(client, SUBJECT)
    assert response.status_code == 200
    return DataSubjectRequest.objects.get(email=SUBJECT, request_type=request_type)


def test_p17_access_request_gives_a_package_of_every_providers_data_and_nothing_else(client):
    ConsentRecordFactory(email=SUBJECT, wording="Subject's own consent wording")
    ConsentRecordFactory(email=OTHER, wording="Someone else's wording")
    MembershipFactory(email=SUBJECT, company_name="Subject Company")
    MembershipFactory(email=OTHER, company_name="Other Company")

    response = submit(client, "Aigerim@Example.kz", "access")
    assert response.status_code == 302
    assert DataSubjectRequest.objects.get().state == RequestState.UNVERIFIED
    assert_names_the_authority(sent_mail()[0])

    response = confirm(client, SUBJECT)
    request = DataSubjectRequest.objects.get()
    assert request.state == RequestState.COMPLETED
    assert request.export_file
    copy_mail = sent_mail()[-1]
    assert_names_the_authority(copy_mail)
    download = last_link(SUBJECT)
    assert "/en/privacy/requests/copy/" in download
    assert b'href="/en/privacy/requests/copy/' in response.content  # the page offers a link too

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["my-data.html", "my-data.json"]
    package = json.loads(archive.read("my-data.json"))
    html = archive.read("my-data.html").decode()
    packaged = {p["provider"] for p in package["providers"]}
    assert packaged == {provider.name for provider in registry.providers()}
    assert {"privacy", "accreditation", "enquiries"} <= packaged
    everything = json.dumps(package, ensure_ascii=False)
    for text in ("Subject's own consent wording", "Subject Company"):
        assert text in everything
        assert html_lib.escape(text) in html
    for text in ("Someone else's wording", "Other Company", OTHER):
        assert text not in everything
        assert html_lib.escape(text) not in html
    assert AUTHORITY in html


def test_access_package_is_written_in_the_language_of_the_request(client):
    ConsentRecordFactory(email=SUBJECT)
    submit(client, SUBJECT, "access", language="ru")
    confirm(client, SUBJECT)
    assert "/ru/privacy/requests/copy/" in last_link(SUBJECT)
    response = client.get(last_link(SUBJECT))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    html = archive.read("my-data.html").decode()
    assert '<html lang="ru">' in html
    assert "Ваши данные" in html
    assert (
        "Министерство искусственного интеллекта и цифрового развития Республики Казахстан" in html
    )


def test_p22_every_reply_names_the_authority_from_the_one_setting(client, settings):
    """P22: emails, the confirmation page and the copy name the authority PRIVACY_COMPLAINT_AUTHORITY
    names, in the request's language, instead of a name typed into each template."""
    settings.PRIVACY_COMPLAINT_AUTHORITY = "Agency for Personal Data Protection"
    ConsentRecordFactory(email=SUBJECT)
    submit(client, SUBJECT, "access", language="ru")
    page = confirm(client, SUBJECT).content.decode()
    response = client.get(last_link(SUBJECT))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    copy = archive.read("my-data.html").decode()
    verification, copy_mail = sent_mail()[0], sent_mail()[-1]
    for text in (verification.body, copy_mail.body, page, copy):
        flat = " ".join(text.split())
        assert "Agency for Personal Data Protection" in flat
        assert "Министерство искусственного интеллекта" not in flat
        assert "вы можете подать жалобу в уполномоченный орган" in flat  # still in Russian
        assert "info@digitalkazakhstan.org" in flat


def test_p18_rectification_is_completed_by_staff_with_a_note_emailed_to_the_subject(client):
    request = verified(client, "rectification", details="My phone number is wrong.")
    assert request.state == RequestState.OPEN
    assert request.due_on is not None
    received = sent_mail()[-2]  # the subject's acknowledgement, then the staff notice
    assert SUBJECT in received.to
    assert_names_the_authority(received)
    assert sent_mail()[-1].to == ["info@digitalkazakhstan.org"]
    assert SUBJECT not in sent_mail()[-1].body  # staff notice carries no personal data

    services.complete_rectification(
        subject_request=request, note="Phone changed to +7 701 111 11 11."
    )

    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    reply = sent_mail()[-1]
    assert reply.to == [SUBJECT]
    assert "+7 701 111 11 11" in reply.body
    assert_names_the_authority(reply)


def test_p19_blocking_stops_mail_and_listing_until_staff_unblock(client):
    membership = MembershipFactory(email=SUBJECT, is_published=True)
    assert membership in listed_memberships()
    request = verified(client, "blocking")

    services.block_for_request(subject_request=request, note="")

    assert is_blocked(SUBJECT)
    reply = sent_mail()[-1]
    assert reply.to == [SUBJECT]  # the last email, sent before the block
    assert_names_the_authority(reply)
    assert membership not in listed_memberships()
    outbox_size = len(sent_mail())
    with pytest.raises(MailBlocked):
        queue_email(
            to=SUBJECT,
            template="privacy/email/request_received",
            context={"subject_request": request},
            language="en",
        )
    assert len(sent_mail()) == outbox_size

    services.unblock_for_request(subject_request=request, note="At the subject's request.")
    assert not is_blocked(SUBJECT)
    assert membership in listed_memberships()
    assert sent_mail()[-1].to == [SUBJECT]
    assert_names_the_authority(sent_mail()[-1])


def test_p20_deletion_keeps_legal_holds_and_reports_them(client):
    ConsentRecordFactory(email=SUBJECT, purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    ConsentRecordFactory(email=OTHER)
    member = MembershipFactory(email=SUBJECT, company_name="Held Company", contact_person="Aigerim")
    InvoiceFactory(membership=member)
    MembershipFactory(email=OTHER, contact_person="Other Person")
    request = verified(client, "deletion")

    preview = services.preview_deletion(subject_request=request)
    by_provider = {report.provider: report for report in preview}
    assert by_provider["accreditation"].erased == {"applications": 0, "memberships": 1}
    assert [kept.category for kept in by_provider["accreditation"].kept] == ["Invoices"]
    assert (
        Membership.objects.get(pk=member.pk).contact_person == "Aigerim"
    )  # the preview changed nothing
    assert has_consent(SUBJECT, ConsentPurpose.ENQUIRY_PROCESSING)

    services.execute_deletion(subject_request=request)

    member.refresh_from_db()
    assert (member.email, member.contact_person, member.profile.is_published) == ("", "", False)
    assert Invoice.objects.filter(membership=member).count() == 1  # accounting records stay
    assert Membership.objects.get(email=OTHER).contact_person == "Other Person"
    assert not has_consent(SUBJECT, ConsentPurpose.ENQUIRY_PROCESSING)
    assert ConsentRecord.objects.for_email(SUBJECT).count() == 1  # kept as proof, withdrawn
    assert ConsentRecord.objects.for_email(OTHER).active().count() == 1
    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    reply = sent_mail()[-1]
    assert reply.to == [SUBJECT]
    body = " ".join(reply.body.split())
    assert (
        "Invoices (1): Accounting records: accounting and archival legislation and the Tax Code"
        in body
    )
    assert "Consent records (1)" in body
    assert_names_the_authority(reply)
    log = ErasureLogEntry.objects.get()
    assert SUBJECT not in json.dumps(log.summary) and SUBJECT not in log.email_hash


def test_p21_withdrawal_of_named_consents_is_not_retroactive(client):
    enquiry = ConsentRecordFactory(email=SUBJECT, purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    publication = ConsentRecordFactory(email=SUBJECT, purpose=ConsentPurpose.DIRECTORY_PUBLICATION)

    request = verified(client, "withdrawal", purposes=[ConsentPurpose.DIRECTORY_PUBLICATION.value])

    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    publication.refresh_from_db()
    enquiry.refresh_from_db()
    assert publication.withdrawn_at is not None
    assert publication.given_at < publication.withdrawn_at  # the record stays, stamped
    assert enquiry.withdrawn_at is None
    assert not has_consent(SUBJECT, ConsentPurpose.DIRECTORY_PUBLICATION)
    assert has_consent(SUBJECT, ConsentPurpose.ENQUIRY_PROCESSING)
    reply = sent_mail()[-1]
    assert "Publication in the members directory" in reply.body
    assert "not retroactive" in reply.body
    assert_names_the_authority(reply)


def test_withdrawal_without_named_consents_withdraws_all(client):
    ConsentRecordFactory(email=SUBJECT, purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    ConsentRecordFactory(email=SUBJECT, purpose=ConsentPurpose.ACCREDITATION_PROCESSING)
    verified(client, "withdrawal")
    assert ConsentRecord.objects.for_email(SUBJECT).active().count() == 0


def test_p22_refusal_needs_a_reason_which_is_emailed(client):
    request = verified(client, "deletion")
    with pytest.raises(services.RefusalNeedsReason):
        services.refuse_request(subject_request=request, reason="  ")
    request.refresh_from_db()
    assert request.state == RequestState.OPEN

    services.refuse_request(
        subject_request=request, reason="We hold nothing that can be erased yet."
    )

    request.refresh_from_db()
    assert request.state == RequestState.REFUSED
    reply = sent_mail()[-1]
    assert "We hold nothing that can be erased yet." in reply.body
    assert_names_the_authority(reply)


def test_a_blocked_address_gets_no_link_and_staff_are_told(client):
    BlockedEmail.objects.create(email=SUBJECT)
    response = submit(client, SUBJECT, "access")
    assert response.status_code == 302
    assert [m.to for m in sent_mail()] == [["info@digitalkazakhstan.org"]]
    assert SUBJECT not in sent_mail()[0].body


def test_due_dates_are_set_at_verification_across_a_weekend_and_nauryz(client, monkeypatch):
    import datetime
    import zoneinfo

    from django.utils import timezone

    submit(client, SUBJECT, "deletion")
    sent_mail()  # the confirmation link goes out now, before the clock is set back
    friday_before_nauryz = datetime.datetime(
        2026, 3, 20, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty")
    )
    monkeypatch.setattr(timezone, "now", lambda: friday_before_nauryz)
    confirm(client, SUBJECT)

    request = DataSubjectRequest.objects.get()
    assert request.due_on == datetime.date(2026, 3, 26)  # 1 working day: weekend and Nauryz skipped
    assert request.refusal_due_on == datetime.date(2026, 3, 30)  # 3 working days
    assert request.days_left(datetime.date(2026, 3, 20)) == 1
    assert request.days_left(datetime.date(2026, 3, 27)) == -1


def test_withdrawal_lets_the_owning_app_stop_its_processing(client):
    from privacy import registry

    stopped = []

    def unlist(email):
        stopped.append(email)

    registry.register_withdrawal_handler(ConsentPurpose.DIRECTORY_PUBLICATION, unlist)
    try:
        ConsentRecordFactory(email=SUBJECT, purpose=ConsentPurpose.DIRECTORY_PUBLICATION)
        verified(client, "withdrawal", purposes=[ConsentPurpose.DIRECTORY_PUBLICATION.value])
    finally:
        registry._withdrawal_handlers[ConsentPurpose.DIRECTORY_PUBLICATION].remove(unlist)
    assert stopped == [SUBJECT]


def test_the_deletion_reply_says_what_was_kept_in_the_subjects_language(client):
    from django.utils import translation

    ConsentRecordFactory(email=SUBJECT)
    submit(client, SUBJECT, "deletion", language="ru")
    confirm(client, SUBJECT)
    with translation.override("kk"):  # the staff member works in Kazakh
        services.execute_deletion(subject_request=DataSubjectRequest.objects.get())
    reply = sent_mail()[-1]
    assert "Записи о согласиях (1)" in reply.body
    assert (
        "Министерство искусственного интеллекта и цифрового развития Республики Казахстан"
        in reply.body
    )
