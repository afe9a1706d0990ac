import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_user(
        email="staff@digitalkazakhstan.org", password="a-long-staff-password-42", is_staff=True
    )
