"""Forged, reused and expired links get a clear page and never any data."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone

from privacy.models import DataSubjectRequest, RequestState
from privacy.subject_requests import links
from tests.queue import sent_mail

from .factories import ConsentRecordFactory, DataSubjectRequestFactory
from .helpers import confirm, last_link, submit

pytestmark = pytest.mark.django_db

SUBJECT = "aigerim@example.kz"


def _old_token(monkeypatch, request, hours):
    """A token signed `hours` ago (signing reads the clock through its `time` module)."""
    real = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - hours * 3600)
    token = links.VERIFY_LINK.make(request)
    monkeypatch.setattr(signing.time, "time", real)
    return token


def test_a_forged_link_gets_a_clear_page(client):
    submit(client, SUBJECT, "access")
    path = last_link(SUBJECT)
    forged = path[:-6] + ("A" if path[-6] != "A" else "B") + path[-5:]
    for method in (client.get, client.post):
        response = method(forged)
        assert response.status_code == 400
        assert b"This link is not valid" in response.content
    assert DataSubjectRequest.objects.get().state == RequestState.UNVERIFIED


def test_a_link_signed_for_another_nonce_is_refused(client):
    request = DataSubjectRequestFactory(email=SUBJECT)
    token = signing.dumps({"r": request.pk, "n": "guessed"}, salt=links.VERIFY_SALT)
    response = client.post(f"/en/privacy/requests/confirm/{token}/")
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.state == RequestState.UNVERIFIED


def test_a_used_link_works_once(client):
    ConsentRecordFactory(email=SUBJECT)
    submit(client, SUBJECT, "access")
    path = last_link(SUBJECT)
    assert confirm(client, SUBJECT).status_code == 200
    sent = len(sent_mail())
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 410
        assert b"already been used" in response.content
        assert b"/privacy/requests/copy/" not in response.content
    assert len(sent_mail()) == sent


def test_an_expired_link_gets_a_clear_page(client, monkeypatch):
    request = DataSubjectRequestFactory(email=SUBJECT)
    token = _old_token(monkeypatch, request, hours=25)
    response = client.post(f"/en/privacy/requests/confirm/{token}/")
    assert response.status_code == 410
    assert b"has expired" in response.content
    request.refresh_from_db()
    assert request.state == RequestState.UNVERIFIED


def test_a_link_a_day_old_still_works(client, monkeypatch):
    request = DataSubjectRequestFactory(email=SUBJECT, request_type="deletion")
    token = _old_token(monkeypatch, request, hours=23)
    assert client.post(f"/en/privacy/requests/confirm/{token}/").status_code == 200
    request.refresh_from_db()
    assert request.state == RequestState.OPEN


def test_p14_the_copy_link_works_only_for_its_request_and_only_until_it_expires(client):
    ConsentRecordFactory(email=SUBJECT, wording="Subject wording")
    submit(client, SUBJECT, "access")
    confirm(client, SUBJECT)
    download = last_link(SUBJECT)
    request = DataSubjectRequest.objects.get()
    other = DataSubjectRequestFactory(email="other@example.kz", verified=True)
    foreign = signing.dumps({"r": other.pk, "n": request.export_nonce}, salt=links.DOWNLOAD_SALT)
    assert client.get(f"/en/privacy/requests/copy/{foreign}/").status_code == 410
    assert client.get(download).status_code == 200

    DataSubjectRequest.objects.filter(pk=request.pk).update(
        export_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(download)
    assert response.status_code == 410
    assert b"has expired and the copy has been deleted" in response.content
    request.refresh_from_db()
    assert request.export_file == ""
    from privacy.subject_requests.storage import private_storage

    assert private_storage().listdir("exports")[1] == []
