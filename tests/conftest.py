import datetime

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _policy_in_force(request):
    """Consent is always recorded against a policy version: make sure one is in force in database tests.

    The data migration loads the real policy, but transactional tests flush it away; this puts one back.
    """
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if marker is None:
            return
    request.getfixturevalue(
        "db" if "transactional_db" not in request.fixturenames else "transactional_db"
    )
    from privacy.models import PolicyVersion

    if not PolicyVersion.objects.in_force().exists():
        from tests.privacy.factories import PolicyVersionFactory

        PolicyVersionFactory(label="2026-05-14")


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


@pytest.fixture(autouse=True)
def _cookie_groups_installed(request):
    """The cookie groups come from a data migration; transactional tests flush them, so put them back."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            return
    request.getfixturevalue("transactional_db")
    from cookie_consent.models import Cookie, CookieGroup

    from privacy.cookies import install_cookie_groups

    install_cookie_groups(CookieGroup, Cookie)
