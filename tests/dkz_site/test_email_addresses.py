"""Every place that takes an email address wants one the association can write to: no `localhost`, no IP literal,
no private-network name. The public forms say so in the page's language; the admin and the commands refuse too."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from dkz_site.validators import validate_email_address
from enquiries.models import Enquiry
from privacy.models import BlockedEmail, DataSubjectRequest

pytestmark = pytest.mark.django_db

UNREACHABLE = [
    "a@localhost",
    "a@[127.0.0.1]",
    "a@[IPv6:::1]",
    "a@printer.local",
    "a@mail.internal",
    "a@router.lan",
    "a@host.localdomain",
    "a@1.0.0.127.in-addr.arpa",
    "a@nowhere.invalid",
    "a@intranet",
]


@pytest.mark.parametrize("address", UNREACHABLE)
def test_unreachable_addresses_are_refused(address):
    with pytest.raises(ValidationError):
        validate_email_address(address)


@pytest.mark.parametrize(
    "address", ["aigerim@example.kz", "info@digitalkazakhstan.org", "a.b+c@mail.xn--80ao21a"]
)
def test_real_addresses_pass(address):
    validate_email_address(address)


@pytest.mark.parametrize("address", ["a@localhost", "a@[127.0.0.1]"])
def test_public_forms_refuse_them_in_the_page_language(client, address):
    contact = client.post(
        "/ru/contact/",
        {"name": "A", "email": address, "message": "Hello", "consent": "on", "website": ""},
    )
    request = client.post("/kk/privacy/requests/new/", {"email": address, "request_type": "access"})
    application = client.post("/en/accreditation/apply/", {"email": address})
    assert contact.status_code == request.status_code == application.status_code == 200
    assert "Введите, пожалуйста, корректный адрес" in contact.content.decode()
    assert "Please enter a valid email address" in application.content.decode()
    assert not Enquiry.objects.exists() and not DataSubjectRequest.objects.exists()


def test_the_admin_refuses_them(admin_client_trained):
    response = admin_client_trained.post(
        "/admin/privacy/blockedemail/add/", {"email": "a@[127.0.0.1]", "reason": "test"}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not BlockedEmail.objects.exists()


def test_createsuperuser_refuses_them(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "root@localhost")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-staff-password-42")
    with pytest.raises(CommandError):
        call_command("createsuperuser", "--noinput", verbosity=0)
