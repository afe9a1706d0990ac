"""Every public POST is rate-limited per client IP, with its limit named in settings.RATE_LIMITS.

One table lists each public POST endpoint with its limit's name; one test walks it: two POSTs pass, the third
gets the translated 429 page, and another client IP is still served. A second test proves the table is
complete: every other public page refuses POST (405), so nothing that writes can escape a limit.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accreditation import links as application_links
from accreditation.models import ApplicationState as S
from association import links as registration_links
from association import services as association_services
from enquiries import links as enquiry_links
from privacy.models import DataSubjectRequest
from tests.accreditation.factories import ApplicationFactory, distinct_bin
from tests.association.factories import EventFactory
from tests.directory.factories import EquipmentFactory
from tests.enquiries.factories import EnquiryFactory
from tests.privacy.helpers import last_link
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db

KAZAKH_429 = "Сұраулар тым көп"
KAZAKH_FORM_429 = "Әзірге жіберілмеді"  # the contact and application forms come back filled instead
RUSSIAN_429 = "Слишком много запросов"


@dataclass
class Endpoint:
    name: str  # the URL name, namespaced
    limit: str  # its key in settings.RATE_LIMITS
    url: object  # () -> path, in Kazakh
    data: object = dict  # () -> POST data
    headers: dict | None = None


def _application_link():
    application = ApplicationFactory(language="kk")
    application.move_to(S.IN_REVIEW)
    application.move_to(S.INFORMATION_REQUESTED, reason="Please describe your products.")
    token = application_links.APPLICATION_LINK.make(application)
    return f"/kk/accreditation/applications/{application.reference}/{token}/"


def _enquiry_answer_link():
    enquiry = EnquiryFactory()
    return f"/kk/contact/{enquiry.pk}/answer/{enquiry_links.ENQUIRY_LINK.make(enquiry)}/"


def _request_confirmation_link(client):
    response = client.post(
        "/kk/privacy/requests/new/",
        {"email": "confirm@example.kz", "request_type": "access"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 302
    return "/kk" + last_link("confirm@example.kz")[3:]


def _event_page():
    return f"/kk/events/{EventFactory().slug}/"


def _registration_link():
    result = association_services.register_for_event(
        event=EventFactory(),
        name="Aigerim",
        email="aigerim@example.kz",
        company="",
        language="kk",
        consent_wording="I agree.",
    )
    return f"/kk/registrations/{registration_links.REGISTRATION_LINK.make(result.registration)}/"


_bins = iter(range(7000, 8000))


def _application():
    """A valid application, with a BIN not used before: each one is received and counts."""
    return {
        "bin": distinct_bin(next(_bins)),
        "company_name": "Kokshe Robotics LLP",
        "region": "KZ-11",
        "contact_person": "Aigerim Sadykova",
        "email": "aigerim@kokshe-robotics.kz",
        "phone": "+7 701 111 22 33",
        "description": "Robots.",
        "consent_processing": "on",
    }


def _equipment_item():
    return {"item": str(EquipmentFactory().pk)}


SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}

ENDPOINTS = [
    Endpoint(
        "enquiries:contact",
        "contact",
        lambda c: "/kk/contact/",
        lambda: {"name": "Aigerim", "email": "a@example.kz", "message": "Hello", "consent": "on"},
    ),
    Endpoint(
        "enquiries:answer",
        "enquiry_answer",
        lambda c: _enquiry_answer_link(),
        lambda: {"message": "Thanks"},
    ),
    Endpoint("accreditation:apply", "apply", lambda c: "/kk/accreditation/apply/", _application),
    Endpoint(
        "accreditation:application",
        "application_link",
        lambda c: _application_link(),
        lambda: {
            "action": "withdraw"
        },  # invalid without the tick: the page answers, nothing changes
    ),
    Endpoint(
        "directory:compare_add", "compare", lambda c: "/kk/equipment/compare/add/", _equipment_item
    ),
    Endpoint(
        "directory:compare_remove",
        "compare",
        lambda c: "/kk/equipment/compare/remove/",
        _equipment_item,
    ),
    Endpoint("directory:compare_clear", "compare", lambda c: "/kk/equipment/compare/clear/"),
    Endpoint(
        "privacy:cookies_accept",
        "cookie_choice",
        lambda c: "/kk/cookies/accept/",
        headers=SAME_SITE,
    ),
    Endpoint(
        "privacy:cookies_decline",
        "cookie_choice",
        lambda c: "/kk/cookies/decline/",
        headers=SAME_SITE,
    ),
    Endpoint(
        "privacy:request_new",
        "privacy_request",
        lambda c: "/kk/privacy/requests/new/",
        lambda: {"email": "not-an-address", "request_type": "access"},
    ),
    Endpoint("privacy:request_verify", "request_confirm", _request_confirmation_link),
    # Without the consent ticked: the page answers with the errors, nobody is registered.
    Endpoint(
        "association:event",
        "event_registration",
        lambda c: _event_page(),
        lambda: {"name": "Aigerim", "email": "a@example.kz"},
    ),
    Endpoint("association:registration", "event_cancellation", lambda c: _registration_link()),
    # The member cabinet: the sign-in form (an invalid address answers with the error), the emailed link
    # (a broken one), and every change made in a cabinet (without a session: sent to the sign-in page).
    Endpoint(
        "cabinet:sign_in",
        "cabinet_sign_in",
        lambda c: "/kk/cabinet/sign-in/",
        lambda: {"email": "not-an-address"},
    ),
    Endpoint("cabinet:link", "cabinet_link", lambda c: "/kk/cabinet/sign-in/broken-link/"),
    *[
        Endpoint(name, "cabinet_post", lambda c, path=path: path)
        for name, path in [
            ("cabinet:sign_out", "/kk/cabinet/sign-out/"),
            ("cabinet:sign_out_everywhere", "/kk/cabinet/sign-out/everywhere/"),
            ("cabinet:representative_add", "/kk/cabinet/representatives/"),
            ("cabinet:representative_rename", "/kk/cabinet/representatives/1/name/"),
            ("cabinet:representative_remove", "/kk/cabinet/representatives/1/remove/"),
            ("cabinet:profile_change", "/kk/cabinet/profile/"),
            ("cabinet:withdraw_publication", "/kk/cabinet/publication/withdraw/"),
            ("cabinet:publication_again", "/kk/cabinet/publication/again/"),
            ("cabinet:equipment_new", "/kk/cabinet/equipment/new/servers/"),
            ("cabinet:equipment_change", "/kk/cabinet/equipment/1/"),
            ("cabinet:equipment_withdraw", "/kk/cabinet/equipment/1/withdraw/"),
            ("cabinet:equipment_change_cancel", "/kk/cabinet/equipment/changes/1/cancel/"),
        ]
    ],
    Endpoint("cabinet:renew", "apply", lambda c: "/kk/cabinet/renewal/"),
]

# Public pages that only show something: POST is refused before anything happens.
READ_ONLY = {
    "home",
    "enquiries:contact_thanks",
    "enquiries:answer_sent",
    "accreditation:submitted",
    "directory:members",
    "directory:member",
    "directory:equipment_list",
    "directory:equipment_detail",
    "directory:equipment_image",
    "directory:compare",
    "privacy:policy",
    "privacy:version",
    "privacy:cookies",
    "privacy:request_sent",
    "privacy:request_download",
    "directory:members_json",
    "directory:members_csv",
    "directory:members_feed",
    "directory:map",
    "association:about",
    "association:person_photo",
    "association:document",
    "association:membership",
    "association:news",
    "association:news_feed",
    "association:news_post",
    "association:events",
    "association:event_ics",
    "association:registered",
    "association:waiting",
    "association:cancelled",
    "association:working_groups",
    "association:working_group",
    "directory:member_logo",
    "cabinet:home",
    "cabinet:sign_in_sent",
    "cabinet:invoice_pdf",
    "cabinet:certificate_pdf",
    "cabinet:my_data",
    "cabinet:verify",
    "cabinet:verify_json",
    "cabinet:badge",
    "cabinet:equipment_picture",
    "cabinet:equipment_change_picture",
}


def _public_patterns():
    """(name, pattern) of every URL under the language prefix, from the resolver itself."""
    found = {}

    def walk(patterns, namespace, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                walk(entry.url_patterns, ns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found[name] = prefix + str(entry.pattern)

    for entry in get_resolver().url_patterns:
        if (
            isinstance(entry, URLResolver)
            and entry.namespace is None
            and "admin" not in str(entry.pattern)
        ):
            walk(entry.url_patterns, None, "")
    return found


def test_the_table_names_every_public_page():
    public = set(_public_patterns())
    assert public, "no public pages found under the language prefix"
    assert public == {endpoint.name for endpoint in ENDPOINTS} | READ_ONLY


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_every_public_post_is_limited_per_client_ip(client, settings, endpoint):
    """P01: the client IP serves abuse protection; beyond the limit a translated 429, per IP."""
    assert endpoint.limit in settings.RATE_LIMITS
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, endpoint.limit: "2/h"}
    url = endpoint.url(client)
    headers = endpoint.headers or {}
    for _ in range(2):
        response = client.post(url, endpoint.data(), REMOTE_ADDR="10.1.1.1", **headers)
        assert response.status_code != 429
    blocked = client.post(url, endpoint.data(), REMOTE_ADDR="10.1.1.1", **headers)
    assert blocked.status_code == 429
    page = blocked.content.decode()
    assert KAZAKH_429 in page or KAZAKH_FORM_429 in page
    assert "Too many requests" not in page and "Not sent yet" not in page
    assert 0 < int(blocked["Retry-After"]) <= 3600  # the seconds left of the hour's window
    other = client.post(url, endpoint.data(), REMOTE_ADDR="10.1.1.2", **headers)
    assert other.status_code != 429


def test_the_429_page_is_in_the_page_language(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "cookie_choice": "1/h"}
    client.post("/ru/cookies/decline/", **SAME_SITE)
    blocked = client.post("/ru/cookies/decline/", **SAME_SITE)
    assert blocked.status_code == 429
    assert RUSSIAN_429 in blocked.content.decode()


def test_a_blocked_application_link_changes_nothing(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "application_link": "1/h"}
    url = _application_link()
    client.post(url, {"action": "withdraw"})
    response = client.post(url, {"action": "withdraw", "confirm": "on"})
    assert response.status_code == 429
    reference = url.split("/")[4]
    from accreditation.models import Application

    assert Application.objects.get(reference=reference).state == S.INFORMATION_REQUESTED


def test_data_subject_requests_are_also_limited_per_email_address(client, settings):
    """Per address too, whichever IPs the requests come from, so one inbox cannot be flooded."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "privacy_request_email": "2/h"}
    data = {"email": "flooded@example.kz", "request_type": "access"}
    for ip in ("10.2.0.1", "10.2.0.2"):
        assert client.post("/kk/privacy/requests/new/", data, REMOTE_ADDR=ip).status_code == 302
    blocked = client.post("/kk/privacy/requests/new/", data, REMOTE_ADDR="10.2.0.3")
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= 3600
    assert KAZAKH_429 in blocked.content.decode()
    assert DataSubjectRequest.objects.count() == 2
    assert len(sent_mail()) == 2


PER_ADDRESS = {
    # form: (its per-address limit, its page, the rest of a valid submission)
    "privacy request": (
        "privacy_request_email",
        "/kk/privacy/requests/new/",
        {"request_type": "access"},
    ),
    "cabinet sign-in": ("cabinet_sign_in_email", "/kk/cabinet/sign-in/", {}),
}


@pytest.mark.parametrize("form", sorted(PER_ADDRESS))
def test_forms_that_email_an_address_limit_it_alike_however_it_is_spelt(client, settings, form):
    """The two forms that email the address they are given count it the same way (one helper): per
    address whatever the client IP, the address normalised, and the translated 429 page with Retry-After."""
    limit, path, rest = PER_ADDRESS[form]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, limit: "2/h"}
    for ip, spelling in (("10.3.0.1", "Same@Example.kz"), ("10.3.0.2", " same@example.KZ ")):
        assert client.post(path, {"email": spelling, **rest}, REMOTE_ADDR=ip).status_code == 302
    blocked = client.post(path, {"email": "same@example.kz", **rest}, REMOTE_ADDR="10.3.0.3")
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= 3600
    assert KAZAKH_429 in blocked.content.decode()
    other = client.post(path, {"email": "other@example.kz", **rest}, REMOTE_ADDR="10.3.0.3")
    assert other.status_code == 302  # another address is counted on its own


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_every_other_public_page_refuses_post(client, name):
    pattern = _public_patterns()[name]
    path = "/kk/" + (
        pattern.replace("<slug:slug>", "some-member")
        .replace("<int:pk>", "1")
        .replace("<str:token>", "token")
        .replace("<str:number>", "DKZ-2026-0001")
        .replace("<invoice_language:language>", "kk")
        .replace("<certificate_language:language>", "kk")
        .replace("<str:code>", "ABCDEFGHJKLM")
    )
    assert client.post(path).status_code == 405


# --- the two forms that store a submission count only what is accepted ------------------------------


def test_failed_applications_do_not_count_and_the_429_keeps_what_was_typed(client, settings):
    """A wrong BIN and a duplicate cost nothing; beyond the limit the form comes back filled, nothing stored."""
    from accreditation.models import Application

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "apply": "2/h"}
    office = {"REMOTE_ADDR": "10.3.0.1"}
    first = _application()
    assert client.post("/ru/accreditation/apply/", first, **office).status_code == 302
    wrong_bin = {**_application(), "bin": "123456789012"}
    for refused in (wrong_bin, first, {}):  # invalid check digit, already under review, empty
        assert client.post("/ru/accreditation/apply/", refused, **office).status_code == 200
    assert client.post("/ru/accreditation/apply/", _application(), **office).status_code == 302

    third = {**_application(), "description": "Дроны для сельского хозяйства."}
    blocked = client.post("/ru/accreditation/apply/", third, **office)
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= 3600
    page = blocked.content.decode()
    assert "Ещё не отправлено" in page and "нажмите" not in page
    assert "Дроны для сельского хозяйства." in page  # what was typed, in the form again
    assert f'value="{third["bin"]}"' in page
    assert "минут" in page  # says when, not "a few minutes"
    assert Application.objects.count() == 2


def test_contact_errors_do_not_count_and_the_429_keeps_the_message(client, settings):
    from enquiries.models import Enquiry

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "contact": "1/h"}
    office = {"REMOTE_ADDR": "10.3.0.2"}
    valid = {"name": "Aigerim", "email": "a@example.kz", "message": "Hello", "consent": "on"}
    for _ in range(3):
        assert client.post("/kk/contact/", {**valid, "email": "bad"}, **office).status_code == 200
    assert client.post("/kk/contact/", valid, **office).status_code == 302
    again = {**valid, "message": "Тағы бір сұрақ: жарна қанша?"}
    blocked = client.post("/kk/contact/", again, **office)
    assert blocked.status_code == 429
    assert "Тағы бір сұрақ: жарна қанша?" in blocked.content.decode()
    assert Enquiry.objects.count() == 1


def test_the_429_page_says_when_to_try_again(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "cookie_choice": "1/h"}
    client.post("/en/cookies/decline/", **SAME_SITE)
    blocked = client.post("/en/cookies/decline/", **SAME_SITE)
    minutes = -(-int(blocked["Retry-After"]) // 60)
    assert f"Please try again in {minutes} minute" in blocked.content.decode()
    assert "a few minutes" not in blocked.content.decode()
