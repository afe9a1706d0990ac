"""Requests too big to read: a clear translated 400, never a server error, nothing stored.

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE and more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields
when the view first reads request.POST; the site's 400 page answers in the page's language.
"""

from urllib.parse import urlencode

import pytest

from enquiries.models import Enquiry
from privacy.models import DataSubjectRequest

from .fuzzing import assert_no_server_error, fuzz_client

pytestmark = pytest.mark.django_db

KAZAKH_400 = "Қате сұрау"

PAGES = {
    "/kk/contact/": Enquiry,
    "/kk/privacy/requests/new/": DataSubjectRequest,
}


def _post(url, body):
    response = fuzz_client().post(url, body, content_type="application/x-www-form-urlencoded")
    assert_no_server_error(response)
    return response


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.mark.parametrize("url", list(PAGES))
def test_a_body_over_the_upload_limit(url, settings):
    body = urlencode(
        {"email": "a@example.kz", "message": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    response = _post(url, body)
    assert response.status_code == 400
    assert KAZAKH_400 in response.content.decode()
    assert not PAGES[url].objects.exists()


@pytest.mark.parametrize("url", list(PAGES))
def test_too_many_fields(url, settings):
    body = urlencode(
        [(f"field{n}", "x") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)]
    )
    response = _post(url, body)
    assert response.status_code == 400
    assert KAZAKH_400 in response.content.decode()
    assert not PAGES[url].objects.exists()
