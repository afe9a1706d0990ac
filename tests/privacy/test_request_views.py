"""The public request form: the same answer for every address, rate limits, errors that keep what was typed."""

import pytest

from privacy.models import DataSubjectRequest, RequestEvent, RequestState
from tests.queue import sent_mail

from .factories import ConsentRecordFactory
from .helpers import links_in, submit

pytestmark = pytest.mark.django_db


def test_the_form_is_reachable_by_its_name_and_in_each_language(client):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        assert reverse("privacy:request_new") == "/en/privacy/requests/new/"
    for language in ("kk", "ru", "en"):
        response = client.get(f"/{language}/privacy/requests/new/")
        assert response.status_code == 200
        for name in ('name="email"', 'name="request_type"', 'name="details"'):
            assert name.encode() in response.content
        for value in ("access", "rectification", "blocking", "deletion", "withdrawal"):
            assert f'value="{value}"'.encode() in response.content


def test_the_answer_is_the_same_whether_or_not_we_hold_data(client):
    ConsentRecordFactory(email="known@example.kz")
    known = submit(client, "known@example.kz", "access")
    unknown = submit(client, "unknown@example.kz", "access")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/privacy/requests/sent/"
    assert len(sent_mail()) == 2  # both addresses get their link: the email itself proves nothing
    page = client.get(known["Location"])
    assert b"Check your email" in page.content


def test_a_request_is_stored_unconfirmed_with_its_technical_data_and_a_link_emailed(client):
    submit(client, "Subject@Example.kz", "deletion", details="Everything please.")
    request = DataSubjectRequest.objects.get()
    assert request.email == "subject@example.kz"
    assert request.state == RequestState.UNVERIFIED
    assert request.language == "en"
    assert request.client_ip == "127.0.0.1"
    assert request.events.get().action == RequestEvent.Action.RECEIVED
    assert sent_mail()[0].to == ["subject@example.kz"]
    assert len(links_in(sent_mail()[0])) == 1


def test_bad_input_gets_translated_errors_tied_to_fields_and_keeps_what_was_typed(client):
    response = client.post(
        "/ru/privacy/requests/new/",
        {"email": "not-an-address", "request_type": "rectification", "details": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="not-an-address"' in content
    assert 'aria-describedby="id_email_help id_email_errors"' in content
    assert 'id="id_details_errors"' in content
    assert "Введите, пожалуйста, корректный адрес электронной почты" in content
    assert DataSubjectRequest.objects.count() == 0
    assert sent_mail() == []


def test_an_unknown_request_type_is_refused(client):
    response = submit(client, "a@example.kz", "sell-my-data")
    assert response.status_code == 200
    assert DataSubjectRequest.objects.count() == 0


def test_rate_limited_per_ip(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "privacy_request": "2/h"}
    assert submit(client, "a@example.kz", "access").status_code == 302
    assert submit(client, "b@example.kz", "access").status_code == 302
    assert submit(client, "c@example.kz", "access").status_code == 429
    assert DataSubjectRequest.objects.count() == 2


def test_rate_limited_per_email_across_addresses_of_clients(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "privacy_request_email": "2/h"}
    for ip in ("10.0.0.1", "10.0.0.2"):
        response = client.post(
            "/en/privacy/requests/new/",
            {"email": "same@example.kz", "request_type": "access"},
            REMOTE_ADDR=ip,
        )
        assert response.status_code == 302
    response = client.post(
        "/en/privacy/requests/new/",
        {"email": "SAME@example.kz", "request_type": "access"},
        REMOTE_ADDR="10.0.0.3",
    )
    assert response.status_code == 429
    assert DataSubjectRequest.objects.count() == 2
    assert len(sent_mail()) == 2
