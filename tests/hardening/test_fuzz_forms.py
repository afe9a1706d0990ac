"""Property-based fuzzing of every public form: never a server error, nothing stored from an invalid
submission, and every error message the visitor reads in Kazakh or Russian is translated.

Each example posts what a browser would (application/x-www-form-urlencoded), in kk or ru, with each field
valid, nasty (any Unicode, control characters, NUL bytes, very long, a number or a word where a choice or a
tick is expected) or sent several times. Rate limits are off here: tests/hardening/test_rate_limits.py has them.
"""

from urllib.parse import urlencode

import pytest
from cookie_consent.models import CookieGroup
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from accreditation import links as application_links
from accreditation.forms import ApplicationForm, CorrectionForm, WithdrawForm
from accreditation.models import Application
from accreditation.models import ApplicationState as S
from enquiries import links as enquiry_links
from enquiries.forms import AnswerForm, ContactForm
from enquiries.models import Enquiry, EnquiryMessage
from privacy.models import (
    ConsentPurpose,
    ConsentRecord,
    CookieConsentLog,
    DataSubjectRequest,
    RequestType,
)
from privacy.subject_requests.forms import SubjectRequestForm
from tests.accreditation.factories import ApplicationFactory, distinct_bin
from tests.directory.factories import EquipmentFactory
from tests.enquiries.factories import EnquiryFactory
from tests.queue import sent_mail

from .fuzzing import (
    LANGUAGES,
    assert_errors_translated,
    assert_local_redirect,
    assert_no_server_error,
    form_data,
    fuzz_client,
    fuzz_settings,
    nasty_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


def as_querydict(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def post(client, url, data, **extra):
    """POST like a browser's form: urlencoded, duplicated fields as repeated keys."""
    response = client.post(
        url,
        urlencode(data, doseq=True),
        content_type="application/x-www-form-urlencoded",
        **extra,
    )
    assert_no_server_error(response)
    return response


def last(data, name, default=""):
    """What request.POST.get(name) returns: the last value of a repeated field."""
    value = data.get(name, default)
    return value[-1] if isinstance(value, list) else value


def assert_storable(*values):
    """A stored text never holds a NUL byte (PostgreSQL refuses them) or a control character of a form."""
    for value in values:
        assert "\x00" not in str(value)


# --- the contact form -----------------------------------------------------------------------------

CONTACT_FIELDS = {
    "name": st.just("Aigerim Nurlanovna"),
    "email": st.just("aigerim@example.kz"),
    "company": st.just("Qazaq Soft LLP"),
    "message": st.just("How does a company join?"),
    "consent": st.just("on"),
    "website": st.just(""),
}


@fuzz_settings
@given(data=form_data(CONTACT_FIELDS), language=LANGUAGES, user_agent=nasty_text)
def test_contact_form(db, data, language, user_agent):
    client = fuzz_client()
    before = (
        Enquiry.objects.count(),
        EnquiryMessage.objects.count(),
        ConsentRecord.objects.count(),
    )
    response = post(client, f"/{language}/contact/", data, HTTP_USER_AGENT=user_agent)
    after = (Enquiry.objects.count(), EnquiryMessage.objects.count(), ConsentRecord.objects.count())
    if response.status_code == 302:
        assert_local_redirect(response)
        if last(data, "website").strip():  # the honeypot: looks like success, stores nothing
            assert after == before
            return
        form = ContactForm(as_querydict(data))
        assert form.is_valid()
        if after == before:  # the same address and text again: the same enquiry, by design
            assert Enquiry.objects.recent_duplicate_of(
                email=form.cleaned_data["email"], message=form.cleaned_data["message"]
            ).exists()
            return
        assert after == (before[0] + 1, before[1] + 1, before[2] + 1)
        enquiry = Enquiry.objects.latest("pk")
        enquiry.full_clean()
        message = enquiry.messages.get()
        message.full_clean()
        assert_storable(
            enquiry.name, enquiry.email, enquiry.company, message.body, message.user_agent
        )
        return
    assert response.status_code == 200
    assert after == before
    assert_errors_translated(response, ContactForm, as_querydict(data))


# --- the accreditation application ----------------------------------------------------------------

APPLY_FIELDS = {
    "bin": st.sampled_from([distinct_bin(900 + n) for n in range(3)]),
    "company_name": st.just("Qazaq Routers LLP"),
    "region": st.sampled_from(["KZ-75", "KZ-71"]),
    "contact_person": st.just("Daniyar Seitkali"),
    "email": st.just("daniyar@example.kz"),
    "phone": st.just("+7 701 234 56 78"),
    "description": st.just("Routers and switches."),
    "consent_processing": st.just("on"),
    "consent_publication": st.just("on"),
}


@fuzz_settings
@given(data=form_data(APPLY_FIELDS), language=LANGUAGES, user_agent=nasty_text)
def test_application_form(db, data, language, user_agent):
    client = fuzz_client()
    before = (Application.objects.count(), ConsentRecord.objects.count())
    response = post(client, f"/{language}/accreditation/apply/", data, HTTP_USER_AGENT=user_agent)
    after = (Application.objects.count(), ConsentRecord.objects.count())
    if response.status_code == 302:
        assert_local_redirect(response)
        assert after[0] == before[0] + 1
        application = Application.objects.latest("pk")
        application.full_clean()
        assert_storable(
            application.company_name,
            application.contact_person,
            application.phone,
            application.description,
            application.user_agent,
        )
        return
    assert response.status_code == 200
    assert after == before
    assert_errors_translated(response, ApplicationForm, as_querydict(data))


# --- the applicant's page behind the signed link: correction and withdrawal -------------------------

CORRECTION_FIELDS = {
    "action": st.sampled_from(["correct", "withdraw"]),
    "note": st.just("We make routers."),
    "company_name": st.just("Qazaq Routers LLP"),
    "region": st.just("KZ-75"),
    "contact_person": st.just("Aigerim Sadykova"),
    "phone": st.just("+7 701 111 22 33"),
    "description": st.just("Routers and switches."),
    "confirm": st.just("on"),
}
APPLICANT_FIELDS = ("company_name", "region", "contact_person", "phone", "description")


def _snapshot(application):
    application.refresh_from_db()
    return (
        application.state,
        *(getattr(application, name) for name in APPLICANT_FIELDS),
        application.events.count(),
    )


@fuzz_settings
@given(data=form_data(CORRECTION_FIELDS), language=LANGUAGES)
def test_correction_and_withdrawal_page(db, data, language):
    client = fuzz_client()
    application = ApplicationFactory(language=language)
    application.move_to(S.IN_REVIEW)
    application.move_to(S.INFORMATION_REQUESTED, reason="Please describe your products.")
    token = application_links.APPLICATION_LINK.make(application)
    url = f"/{language}/accreditation/applications/{application.reference}/{token}/"
    before = _snapshot(application)
    response = post(client, url, data)
    after = _snapshot(application)
    if response.status_code == 302:
        assert_local_redirect(response)
        assert after[0] in (S.RESUBMITTED, S.WITHDRAWN)
        application.full_clean()
        assert_storable(*after[1:-1], application.events.last().reason)
        return
    assert response.status_code == 200
    assert after == before
    action = last(data, "action")
    if action == "correct":
        assert_errors_translated(response, CorrectionForm, as_querydict(data))
    elif action == "withdraw":
        assert_errors_translated(response, WithdrawForm, as_querydict(data))


# --- the visitor's answer through the link in a reply email ---------------------------------------


@fuzz_settings
@given(data=form_data({"message": st.just("Thank you, here are the details.")}), language=LANGUAGES)
def test_enquiry_answer_page(db, data, language):
    client = fuzz_client()
    enquiry = EnquiryFactory(language=language)
    url = f"/{language}/contact/{enquiry.pk}/answer/{enquiry_links.ENQUIRY_LINK.make(enquiry)}/"
    before = EnquiryMessage.objects.count()
    response = post(client, url, data)
    after = EnquiryMessage.objects.count()
    if response.status_code == 302:
        assert_local_redirect(response)
        assert after == before + 1
        message = EnquiryMessage.objects.latest("pk")
        message.full_clean()
        assert_storable(message.body)
        return
    assert response.status_code == 200
    assert after == before
    assert_errors_translated(response, AnswerForm, as_querydict(data))


# --- the data-subject request form ----------------------------------------------------------------

REQUEST_FIELDS = {
    "email": st.just("subject@example.kz"),
    "request_type": st.sampled_from(RequestType.values),
    "details": st.just("My phone number is wrong; it should be +7 701 000 00 01."),
    "purposes": st.sampled_from(ConsentPurpose.values),
}


@fuzz_settings
@given(data=form_data(REQUEST_FIELDS), language=LANGUAGES)
def test_data_subject_request_form(db, data, language):
    client = fuzz_client()
    before = (DataSubjectRequest.objects.count(), len(sent_mail()))
    response = post(client, f"/{language}/privacy/requests/new/", data)
    after = (DataSubjectRequest.objects.count(), len(sent_mail()))
    if response.status_code == 302:
        assert_local_redirect(response)
        assert after[0] == before[0] + 1
        subject_request = DataSubjectRequest.objects.latest("pk")
        assert_storable(subject_request.email, subject_request.details)
        return
    assert response.status_code == 200
    assert after == before
    assert_errors_translated(response, SubjectRequestForm, as_querydict(data))


# --- the cookie choice ----------------------------------------------------------------------------


COOKIE_FIELDS = {
    "group": st.just("functional"),
    "source": st.sampled_from(["banner", "cookies_page"]),
    "next": st.sampled_from(["/kk/", "/ru/equipment/", "https://evil.example/", "//evil.example"]),
}


@fuzz_settings
@given(
    data=form_data(COOKIE_FIELDS),
    language=LANGUAGES,
    choice=st.sampled_from(["accept", "decline"]),
    user_agent=nasty_text,
)
def test_cookie_choice(db, data, language, choice, user_agent):
    client = fuzz_client()
    assert CookieGroup.objects.filter(varname="functional").exists()
    before = CookieConsentLog.objects.count()
    response = post(
        client,
        f"/{language}/cookies/{choice}/",
        data,
        HTTP_ORIGIN="http://testserver",
        HTTP_USER_AGENT=user_agent,
    )
    after = CookieConsentLog.objects.count()
    if response.status_code == 302:
        assert_local_redirect(response)
        assert after == before + 1
        entry = CookieConsentLog.objects.latest("pk")
        entry.full_clean()
        assert entry.source in ("banner", "cookies_page")
        assert_storable(entry.user_agent)
        return
    assert response.status_code == 400  # an unknown cookie group
    assert last(data, "group") not in ("", "functional")
    assert after == before


# --- the compare cart -----------------------------------------------------------------------------


@fuzz_settings
@given(
    item=st.one_of(st.none(), nasty_text, st.lists(nasty_text, min_size=2, max_size=3)),
    next_url=st.one_of(st.none(), nasty_text, st.just("//evil.example/")),
    consenting=st.booleans(),
    language=LANGUAGES,
)
def test_compare_add(db, item, next_url, consenting, language):
    client = fuzz_client()
    if consenting:
        client.cookies["cookie_consent"] = "functional=2026-01-01T00:00:00+00:00"
    listed = EquipmentFactory()
    data = {
        name: value for name, value in (("item", item), ("next", next_url)) if value is not None
    }
    response = post(client, f"/{language}/equipment/compare/add/", data)
    assert_local_redirect(response)
    cart = response.cookies.get("dkz_compare")
    if not consenting:
        assert cart is None or not cart.value  # no cookie without consent (P02)
    elif cart is not None and cart.value:
        # Only ever a listed item, and only the one asked for.
        assert cart.value.split(":")[0] in ("", str(listed.pk))
