"""A first authenticator is enrolled only after the staff member proves the account's mailbox (P25)."""

import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import enrolment, two_factor
from tests.accounts.helpers import enrolment_link_path, prove_mailbox, sign_in_with_password
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db

ENROL = "/admin/two-factor/enrol/"


@pytest.fixture
def required(settings):
    settings.ADMIN_2FA_REQUIRED = True


def test_P25_the_password_alone_shows_no_qr_code_and_emails_a_link_to_the_account(
    client, trained_staff, required
):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    response = client.get(sign_in_with_password(client, trained_staff)["Location"], **english)
    html = response.content.decode()
    assert response.status_code == 200
    assert "staff-auth-qr" not in html and "data-totp-secret" not in html
    assert trained_staff.email in html
    assert not TOTPDevice.objects.filter(user=trained_staff).exists()
    (message,) = sent_mail()
    assert message.to == [trained_staff.email]
    assert "/admin/two-factor/enrol/" in message.body and "?next=%2Fadmin%2F" in message.body
    assert "If it was not you" in message.body

    client.get(ENROL)  # a reload sends nothing more
    assert len(sent_mail()) == 1
    hurried = client.post(ENROL, {"send_link": "1", "next": "/admin/"}, **english)
    assert len(sent_mail()) == 1  # not twice within a minute
    assert "less than a minute ago" in hurried.content.decode()

    session = client.session
    session[enrolment.SENT_SESSION_KEY]["at"] -= enrolment.RESEND_AFTER_SECONDS
    session.save()
    client.post(ENROL, {"send_link": "1", "next": "/admin/"})
    assert len(sent_mail()) == 2


def test_the_emailed_link_opens_enrolment_in_this_session(client, trained_staff, required):
    client.force_login(trained_staff)
    response = prove_mailbox(client, next_to="/admin/privacy/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2Fprivacy%2F"
    page = client.get(response["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=trained_staff, confirmed=False)
    assert two_factor.secret_text(device) in page


def test_P25_a_link_sent_to_someone_else_opens_nothing(client, trained_staff, staff_user, required):
    """An intruder signed in with a stolen password cannot use a link the real owner of another account got."""
    owner = client.__class__()
    owner.force_login(trained_staff)
    owner.get(ENROL)
    link = enrolment_link_path(sent_mail()[-1].body)

    client.force_login(staff_user)
    response = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert "data-totp-secret" not in client.get(ENROL).content.decode()


def test_an_expired_link_or_one_sent_before_a_new_password_opens_nothing(
    client, trained_staff, required, monkeypatch, settings
):
    client.force_login(trained_staff)
    client.get(ENROL)
    link = enrolment_link_path(sent_mail()[-1].body)

    later = time.time() + settings.STAFF_ENROLMENT_LINK_MINUTES * 60 + 5
    with monkeypatch.context() as patched:
        patched.setattr("django.core.signing.time.time", lambda: later)
        assert client.get(link).status_code == 400

    trained_staff.set_password("another-long-password-77")
    trained_staff.save()
    client.force_login(trained_staff)
    assert client.get(link).status_code == 400


def test_the_link_mail_and_page_speak_the_staff_members_language(client, trained_staff, required):
    client.force_login(trained_staff)
    page = client.get(ENROL, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Мы отправили ссылку" in page
    assert "двухфакторного входа" in sent_mail()[-1].subject
