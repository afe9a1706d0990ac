import pytest

from .smtp import SMTPServer


@pytest.fixture
def smtp_server(settings):
    """Django's SMTP backend pointed at a real SMTP server in a thread; every connection times out after 1 s."""
    server = SMTPServer(hang_seconds=3)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    yield server
    server.stop()
