import datetime
import smtplib
from importlib import import_module

import pytest
from django.core.cache import caches
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests run on shared, sometimes loaded machines (CI, two cores): no per-example deadline and no
# "too slow" verdict; a slow example is not a wrong one.
hypothesis_settings.register_profile(
    "dkz", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("dkz")


@pytest.fixture(autouse=True, scope="session")
def _every_cookie_set_is_listed():
    """P02/P03: every Set-Cookie header any response gives in the whole run (test client, live server) names a
    cookie of privacy.cookies.COOKIE_GROUPS, the one list the cookies page shows; the run fails otherwise."""
    from django.core.handlers.base import BaseHandler

    from privacy.cookies import LISTED_COOKIES

    seen = {}
    original = BaseHandler.get_response

    def get_response(self, request):
        response = original(self, request)
        for name in response.cookies:
            seen.setdefault(name, request.path)
        return response

    BaseHandler.get_response = get_response
    yield seen
    BaseHandler.get_response = original
    unlisted = {name: path for name, path in seen.items() if name not in LISTED_COOKIES}
    assert not unlisted, f"cookies set but not on the cookies page (name: first path): {unlisted}"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, cached pages and page fragments must not leak from one test into the next."""
    for alias in ("default", "fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "fragments"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _fresh_working_day_corrections():
    """The calendar's corrections are read once a minute per process: each test reads its own."""
    from privacy.subject_requests.deadlines import forget_corrections

    forget_corrections()
    yield
    forget_corrections()


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Every database test sees the rows the data migrations load: the policy in force and the cookie groups.

    Transactional tests (and the browser tests' live server) flush the database when they end, and pytest-django
    runs tests that reach the database only through a fixture after them; this puts the rows back, loaded the
    same way the migrations load them.
    """
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if marker is None:
            return
    transactional = (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    marker = request.node.get_closest_marker("django_db")
    transactional = transactional or bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")

    from cookie_consent.models import Cookie, CookieGroup
    from django.apps import apps

    from privacy.cookies import install_cookie_groups
    from privacy.models import PolicyVersion

    if not PolicyVersion.objects.in_force().exists():
        import_module("privacy.migrations.0003_load_policy_in_force").load_policy(apps, None)
    if not CookieGroup.objects.exists():
        install_cookie_groups(CookieGroup, Cookie)


@pytest.fixture
def policy_in_force(db):
    from privacy.models import PolicyVersion

    return PolicyVersion.objects.current()


@pytest.fixture
def staff_user(db, django_user_model):
    """Staff without personal-data training: sees no personal data in the admin."""
    return django_user_model.objects.create_user(
        email="staff@digitalkazakhstan.org", password="a-long-staff-password-42", is_staff=True
    )


@pytest.fixture
def trained_staff(db, django_user_model):
    """A superuser with a current personal-data training record: may open every admin page."""
    return django_user_model.objects.create_superuser(
        email="trained@digitalkazakhstan.org",
        password="a-long-staff-password-42",
        pd_training_completed_on=datetime.date.today(),
    )


@pytest.fixture
def admin_client_trained(client, trained_staff):
    client.force_login(trained_staff)
    return client


@pytest.fixture(autouse=True, scope="session")
def _test_client_login_passes_a_request():
    """Staff authentication: the login lockout (django-axes) needs the request on `authenticate()`.

    Django's test client `login()` passes none; give it a request from 127.0.0.1, where the test client's own
    requests come from, so `client.login(email=..., password=...)` keeps working and is counted like a real one.
    """
    from django.test import Client, RequestFactory

    original = Client.login

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/admin/login/"))
        return original(self, **credentials)

    Client.login = login
    yield
    Client.login = original


@pytest.fixture
def mail_server_down(monkeypatch):
    """Every delivery attempt loses the connection, as in an SMTP outage (tests/outbox use a real server)."""
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


@pytest.fixture
def smtp_server(settings):
    """Django's SMTP backend pointed at a real SMTP server in a thread (tests/outbox/smtp.py) that a test can
    make refuse, defer, hang or go down; every connection times out after 1 s."""
    from tests.outbox.smtp import SMTPServer

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
