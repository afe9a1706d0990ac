"""The bugs the fuzz tests found, each pinned by the smallest example that showed it."""

import pytest

from accreditation.models import Application
from privacy.models import CookieConsentLog, DataSubjectRequest
from tests.accreditation.factories import distinct_bin
from tests.directory.factories import EquipmentFactory

from .fuzzing import assert_no_server_error, errors_on_page, fuzz_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


def application(**overrides):
    return {
        "bin": distinct_bin(990),
        "company_name": "Qazaq Routers LLP",
        "region": "KZ-75",
        "contact_person": "Daniyar Seitkali",
        "email": "daniyar@example.kz",
        "phone": "+7 701 234 56 78",
        "description": "Routers and switches.",
        "consent_processing": "on",
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value", "kazakh"),
    [
        ("bin", "\x00", "Мәтінде сақтауға болмайтын таңба бар"),
        ("company_name", "x" * 201, "таңбаға дейін қысқартыңыз"),
        ("email", "not-an-address", "Дұрыс электрондық пошта мекенжайын жазыңыз"),
    ],
)
def test_application_errors_django_leaves_in_english_are_in_kazakh(field, value, kazakh):
    response = fuzz_client().post("/kk/accreditation/apply/", application(**{field: value}))
    assert response.status_code == 200
    assert any(kazakh in message for message in errors_on_page(response))
    assert not Application.objects.exists()


def test_application_email_longer_than_the_column_is_refused_on_the_form():
    """Django's form EmailField allows 320 characters, the column 254: PostgreSQL failed on saving."""
    long_address = "a" * 250 + "@example.kz"
    response = fuzz_client().post("/ru/accreditation/apply/", application(email=long_address))
    assert_no_server_error(response)
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_nul_byte_in_the_user_agent_is_not_stored():
    response = fuzz_client().post(
        "/kk/cookies/decline/",
        {"group": "functional"},
        HTTP_ORIGIN="http://testserver",
        HTTP_USER_AGENT="Bot\x00/1.0",
    )
    assert_no_server_error(response)
    assert CookieConsentLog.objects.get().user_agent == "Bot/1.0"


@pytest.mark.parametrize(
    "next_url", ["0", "members", "/kk/\nSet-Cookie: x=1", "/kk/\x00", "//evil.example/"]
)
def test_a_next_that_is_not_a_local_path_falls_back(next_url):
    """redirect("0") tried to reverse a view named "0", a newline broke the Location header: both a 500."""
    client = fuzz_client()
    item = EquipmentFactory()
    compare = client.post("/kk/equipment/compare/add/", {"item": item.pk, "next": next_url})
    assert_no_server_error(compare)
    assert compare["Location"] == f"/kk/equipment/compare/?items={item.pk}"
    removed = client.post("/kk/equipment/compare/remove/", {"item": item.pk, "next": next_url})
    assert removed["Location"] == "/kk/equipment/compare/"
    choice = client.post(
        "/kk/cookies/decline/", {"next": next_url}, HTTP_ORIGIN="http://testserver"
    )
    assert_no_server_error(choice)
    assert choice["Location"] == "/kk/cookies/"


def test_a_local_next_is_still_followed():
    client = fuzz_client()
    item = EquipmentFactory()
    response = client.post(
        "/kk/equipment/compare/remove/", {"item": item.pk, "next": "/kk/equipment/?page=2"}
    )
    assert response["Location"] == "/kk/equipment/?page=2"


def test_an_empty_request_form_says_what_is_missing():
    response = fuzz_client().post("/kk/privacy/requests/new/", {})
    assert response.status_code == 200
    assert len(errors_on_page(response)) == 2  # the address and the kind of request
    assert not DataSubjectRequest.objects.exists()


def test_stray_consents_do_not_block_an_access_request():
    response = fuzz_client().post(
        "/kk/privacy/requests/new/",
        {"email": "subject@example.kz", "request_type": "access", "purposes": ["", "nonsense"]},
    )
    assert response.status_code == 302
    assert DataSubjectRequest.objects.get().request_type == "access"


def test_an_unknown_consent_in_a_withdrawal_is_shown_as_an_error():
    response = fuzz_client().post(
        "/kk/privacy/requests/new/",
        {"email": "subject@example.kz", "request_type": "withdrawal", "purposes": "nonsense"},
    )
    assert response.status_code == 200
    assert 'id="id_purposes_errors"' in response.content.decode()
    assert not DataSubjectRequest.objects.exists()
