import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend


@pytest.fixture
def mail_server_down(monkeypatch):
    """The mail server refuses every message (as a real SMTP outage does)."""

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


@pytest.fixture
def contact_data():
    return {
        "name": "Aigerim Nurlanovna",
        "email": "Aigerim@Example.kz",
        "company": "Qazaq Soft LLP",
        "message": "Hello! How does a company join the association?",
        "consent": "on",
        "website": "",
    }
