"""Requests that reach us by email, post or in person: registered by staff who verified the person, with their own
receipt date and channel, then the same deadlines, workflow, replies and copy as a request made on the site."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from privacy.models import ConsentPurpose, DataSubjectRequest, RequestEvent, RequestState
from privacy.services import has_consent
from privacy.subject_requests import services
from privacy.subject_requests.deadlines import add_working_days, deadline_for
from tests.queue import sent_mail

from .factories import ConsentRecordFactory
from .helpers import confirm, submit

pytestmark = pytest.mark.django_db

REGISTER = "admin:privacy_datasubjectrequest_register"
SUBJECT = "dana@example.kz"


@pytest.fixture
def admin_client_trained(admin_client_trained):
    admin_client_trained.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client_trained


def received(days_ago=3):
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def form(**fields):
    return {
        "email": SUBJECT,
        "request_type": "rectification",
        "details": "My surname is spelt wrong: Abenova, not Abenov.",
        "channel": "post",
        "received_on": received().isoformat(),
        "language": "ru",
        "verification_method": "Signed letter; the signature matches the membership application.",
        **fields,
    }


def test_staff_register_a_letter_with_its_receipt_date_and_the_deadline_counts_from_it(
    admin_client_trained, trained_staff
):
    response = admin_client_trained.post(reverse(REGISTER), form())
    request = DataSubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:privacy_datasubjectrequest_change", args=[request.pk]
    )
    assert request.state == RequestState.OPEN
    assert (request.channel, request.received_on) == ("post", received())
    assert request.due_on == deadline_for("rectification", received())
    assert request.refusal_due_on == deadline_for("refusal", received())
    assert request.verified_at is not None and request.registered_by == trained_staff
    assert request.verification_method.startswith("Signed letter")
    (event,) = RequestEvent.objects.filter(request=request)
    assert event.action == RequestEvent.Action.REGISTERED and event.actor == trained_staff
    assert "post" in event.note and "Signed letter" in event.note

    (reply,) = [m for m in sent_mail() if m.to == [SUBJECT]]
    body = " ".join(reply.body.split())
    assert "зарегистрировали ваш запрос" in body and request.reference in body
    assert "Получен:" in body
    assert "(почта); подтверждён:" in body and "г.." not in body


def test_a_registered_request_follows_the_same_workflow(admin_client_trained):
    admin_client_trained.post(reverse(REGISTER), form(language="en"))
    request = DataSubjectRequest.objects.get()
    response = admin_client_trained.post(
        reverse("admin:privacy_datasubjectrequest_step", args=[request.pk, "rectify"]),
        {"note": "Surname corrected to Abenova."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    assert "Surname corrected to Abenova." in sent_mail()[-1].body


def test_a_registered_access_request_gets_its_copy_at_once(admin_client_trained):
    ConsentRecordFactory(email=SUBJECT)
    admin_client_trained.post(
        reverse(REGISTER), form(request_type="access", channel="email", language="en")
    )
    request = DataSubjectRequest.objects.get()
    assert request.state == RequestState.COMPLETED and request.export_file
    assert "/privacy/requests/" in sent_mail()[-1].body  # the download link


def test_a_registered_withdrawal_is_carried_out_at_once(admin_client_trained):
    ConsentRecordFactory(email=SUBJECT, purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    admin_client_trained.post(
        reverse(REGISTER),
        form(request_type="withdrawal", channel="in_person", purposes=["enquiry_processing"]),
    )
    request = DataSubjectRequest.objects.get()
    assert request.state == RequestState.COMPLETED
    assert not has_consent(SUBJECT, ConsentPurpose.ENQUIRY_PROCESSING)


def test_the_form_wants_a_past_receipt_date_and_how_the_person_was_verified(admin_client_trained):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = admin_client_trained.post(
        reverse(REGISTER), form(received_on=tomorrow, verification_method="")
    )
    assert response.status_code == 200
    assert not DataSubjectRequest.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) == {"received_on", "verification_method"}
    with pytest.raises(services.RefusalNeedsReason):
        services.register_request(
            email=SUBJECT,
            request_type="deletion",
            channel="email",
            received_on=received(),
            verification_method="  ",
            actor=None,
        )


def test_only_trained_staff_register_requests(client, django_user_model):
    untrained = django_user_model.objects.create_superuser(
        email="untrained@digitalkazakhstan.org", password="a-long-staff-password-42"
    )
    client.force_login(untrained)
    assert client.get(reverse(REGISTER)).status_code == 403


def test_every_request_shows_when_it_was_received_and_confirmed(client, admin_client_trained):
    submit(client, SUBJECT, "deletion")
    confirm(client, SUBJECT)
    on_site = DataSubjectRequest.objects.get()
    assert on_site.channel == "site" and on_site.received_on == timezone.localdate()
    body = " ".join([m for m in sent_mail() if m.to == [SUBJECT]][-1].body.split())
    assert "Thank you for confirming" in body
    assert "Received: " in body and "(the site's request form); confirmed: " in body
    services.register_request(
        email="other@example.kz",
        request_type="blocking",
        channel="email",
        received_on=received(5),
        verification_method="Sent from the address we hold.",
        actor=None,
        language="en",
    )
    listing = admin_client_trained.get(reverse("admin:privacy_datasubjectrequest_changelist"))
    html = listing.content.decode()
    assert "Received on" in html and "Received by" in html and "Verified" in html
    assert "the site&#x27;s request form" in html and '<td class="field-channel">email</td>' in html
    assert (
        add_working_days(received(5), 1) <= timezone.localdate()
    )  # overdue already, and listed so
    assert "overdue" in html
