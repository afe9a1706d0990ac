"""The public pages: apply, the reference number, and the applicant's signed-link page."""

import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from accreditation import links
from accreditation.models import Application, ApplicationState
from accreditation.regions import Region
from privacy.models import ConsentPurpose, ConsentRecord
from privacy.services import block_email
from tests.accreditation.factories import ApplicationFactory, MembershipFactory, distinct_bin
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db

S = ApplicationState


def form_data(**overrides):
    data = {
        "bin": distinct_bin(700),
        "company_name": "Qazaq Cloud LLP",
        "region": "KZ-71",
        "contact_person": "Aigerim Sadykova",
        "email": "aigerim@qazaqcloud.kz",
        "phone": "+7 701 111 22 33",
        "description": "Cloud services.",
        "consent_processing": "on",
        "consent_publication": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def apply_url(language="en"):
    with translation.override(language):
        return reverse("accreditation:apply")


def test_apply_url_is_the_public_contract():
    assert apply_url("ru") == "/ru/accreditation/apply/"
    assert apply_url("kk") == "/kk/accreditation/apply/"


def test_form_has_exactly_the_contract_fields(client):
    """P05: the form asks for the accreditation data the policy names, and nothing more."""
    response = client.get(apply_url())
    assert response.status_code == 200
    controls = r'<(?:input|select|textarea)[^>]*\sname="([a-z_]+)"'
    forms = re.findall(r"<form\b.*?</form>", response.content.decode(), flags=re.S)
    (form,) = [form for form in forms if 'name="bin"' in form]  # not the cookie banner's forms
    names = set(re.findall(controls, form)) - {"csrfmiddlewaretoken"}
    assert names == {
        "bin",
        "company_name",
        "region",
        "contact_person",
        "email",
        "phone",
        "description",
        "consent_processing",
        "consent_publication",
    }


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "Almaty Region"), ("ru", "Алматинская область"), ("kk", "Алматы облысы")],
)
def test_region_select_has_the_20_codes_named_in_the_page_language(client, language, name):
    content = client.get(apply_url(language)).content.decode()
    codes = re.findall(r'<option value="(KZ-\d\d)"', content)
    assert sorted(codes) == sorted(Region.values)
    assert f'<option value="KZ-19">{name}</option>' in content


def test_successful_application_redirects_to_the_reference_number(client):
    response = client.post(
        apply_url("ru"),
        form_data(),
        HTTP_USER_AGENT="Firefox/140",
        HTTP_REFERER="https://example.kz/",
    )
    assert response.status_code == 302
    application = Application.objects.get()
    page = client.get(response["Location"])
    assert application.reference in page.content.decode()
    assert "Спасибо" in page.content.decode()
    assert application.language == "ru"
    assert (application.client_ip, application.user_agent, application.referrer) == (
        "127.0.0.1",
        "Firefox/140",
        "https://example.kz/",
    )
    assert [m.to for m in sent_mail()] == [
        ["aigerim@qazaqcloud.kz"],
        ["info@digitalkazakhstan.org"],
    ]
    assert "Здравствуйте" in sent_mail()[0].body


def test_spaces_in_the_bin_are_tolerated(client):
    number = distinct_bin(701)
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    assert client.post(apply_url(), form_data(bin=spaced)).status_code == 302
    assert Application.objects.get().bin == number


def test_consent_wording_shown_is_recorded(client):
    """P07: the exact text shown next to each box is what the consent record keeps."""
    client.post(apply_url("ru"), form_data())
    content = client.get(apply_url("ru")).content.decode()
    for record in ConsentRecord.objects.all():
        assert record.wording in content
        assert record.language == "ru"
    purposes = set(ConsentRecord.objects.values_list("purpose", flat=True))
    assert purposes == {
        ConsentPurpose.ACCREDITATION_PROCESSING,
        ConsentPurpose.DIRECTORY_PUBLICATION,
    }


def test_publication_consent_is_optional(client):
    """P07"""
    assert client.post(apply_url(), form_data(consent_publication=None)).status_code == 302
    assert Application.objects.get().publication_consent is False
    assert not ConsentRecord.objects.filter(purpose=ConsentPurpose.DIRECTORY_PUBLICATION).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"bin": "12345"}, "bin", "exactly 12 digits"),
        ({"bin": "12345678901A"}, "bin", "only digits"),
        (
            {"bin": distinct_bin(702)[:11] + str((int(distinct_bin(702)[-1]) + 1) % 10)},
            "bin",
            "check digit",
        ),
        ({"region": "KZ-99"}, "region", "valid choice"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"phone": "call me"}, "phone", "at least 7 digits"),
        ({"consent_processing": None}, "consent_processing", "only with your consent"),
        ({"company_name": ""}, "company_name", "company name"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(client, overrides, field, message):
    data = form_data(**overrides)
    response = client.post(apply_url(), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    content = response.content.decode()
    assert f'aria-describedby="id_{field}_error' in content or f'id="id_{field}_error"' in content
    assert 'value="Qazaq Cloud LLP"' in content or field == "company_name"
    assert not Application.objects.exists()
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    ("language", "text"), [("ru", "ровно из 12 цифр"), ("kk", "дәл 12 цифрдан")]
)
def test_bin_errors_are_translated(client, language, text):
    response = client.post(apply_url(language), form_data(bin="12345"))
    assert text in " ".join(response.context["form"].errors["bin"])


def test_second_open_application_for_a_bin_is_refused_on_the_form(client):
    ApplicationFactory(bin=distinct_bin(700))
    response = client.post(apply_url(), form_data())
    assert response.status_code == 200
    assert "already being reviewed" in " ".join(response.context["form"].errors["bin"])
    assert Application.objects.count() == 1


def test_active_member_is_told_it_is_a_member(client):
    MembershipFactory(bin=distinct_bin(700))
    response = client.post(apply_url(), form_data())
    assert "already an accredited member" in " ".join(response.context["form"].errors["bin"])


def test_p19_a_blocked_address_gets_the_answer_any_address_gets(client):
    """No oracle: a reference-number page like anyone's; nothing stored, nothing mailed; the block counts it."""
    from privacy.models import BlockedEmail

    block_email(email="blocked@qazaqcloud.kz")

    blocked = client.post(apply_url(), form_data(email="blocked@qazaqcloud.kz"))
    other = client.post(apply_url(), form_data(bin=distinct_bin(701)))

    assert blocked.status_code == other.status_code == 302
    assert blocked["Location"].rsplit("/", 3)[0] == other["Location"].rsplit("/", 3)[0]
    page = client.get(blocked["Location"]).content.decode()
    reference = re.search(r'class="reference">([^<]+)<', page).group(1)
    assert re.fullmatch(r"AC-\d{4}-[A-Z0-9]{6}", reference)
    assert not Application.objects.filter(reference=reference).exists()
    assert list(Application.objects.values_list("email", flat=True)) == ["aigerim@qazaqcloud.kz"]
    assert not [m for m in sent_mail() if "blocked@qazaqcloud.kz" in m.to]
    assert BlockedEmail.objects.get().refused_submissions == 1


def test_a_bin_under_review_is_reported_whatever_the_address(client):
    """The BIN is checked before the address, so an open application cannot reveal that an address is blocked."""
    ApplicationFactory(bin=distinct_bin(702))
    block_email(email="blocked@qazaqcloud.kz")
    for email in ("blocked@qazaqcloud.kz", "free@qazaqcloud.kz"):
        response = client.post(apply_url(), form_data(bin=distinct_bin(702), email=email))
        assert response.status_code == 200
        assert "already being reviewed" in response.content.decode()


def test_applications_are_rate_limited_per_ip(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "apply": "2/h"}
    for n in range(2):
        response = client.post(apply_url(), form_data(bin=distinct_bin(710 + n)))
        assert response.status_code == 302
    response = client.post(apply_url(), form_data(bin=distinct_bin(712)))
    assert response.status_code == 429
    assert Application.objects.count() == 2


def test_submitted_page_refuses_a_forged_token(client):
    with translation.override("en"):
        url = reverse("accreditation:submitted", kwargs={"token": "AC-2026-FORGED"})
    assert client.get(url).status_code == 404


def test_apply_page_is_linked_from_nav_home_and_sitemap(client):
    home = client.get("/en/").content.decode()
    assert home.count('href="/en/accreditation/apply/"') >= 2  # nav and the home call to action
    sitemap = client.get("/sitemap.xml").content.decode()
    for code in ("kk", "ru", "en"):
        assert f"http://testserver/{code}/accreditation/apply/" in sitemap


# --- the signed link ----------------------------------------------------------------------------


def page_url(application, token=None):
    with translation.override(application.language):
        return reverse(
            "accreditation:application",
            kwargs={
                "reference": application.reference,
                "token": token or links.APPLICATION_LINK.make(application),
            },
        )


def information_requested(**kwargs):
    application = ApplicationFactory(**kwargs)
    application.move_to(S.IN_REVIEW)
    application.move_to(S.INFORMATION_REQUESTED, reason="Please describe your products.")
    return application


def test_valid_link_shows_the_question_and_accepts_a_correction(client):
    application = information_requested(language="ru")
    url = page_url(application)
    page = client.get(url)
    assert page.status_code == 200
    assert "Please describe your products." in page.content.decode()
    response = client.post(
        url,
        {
            "action": "correct",
            "note": "We make routers.",
            "company_name": "Qazaq Routers LLP",
            "region": "KZ-75",
            "contact_person": "Aigerim Sadykova",
            "phone": "+7 701 111 22 33",
            "description": "Routers and switches.",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.RESUBMITTED
    assert (application.company_name, application.region) == ("Qazaq Routers LLP", "KZ-75")
    assert application.events.last().reason == "We make routers."
    assert application.technical_recorded_at is not None
    assert any("исправлен" in m.subject for m in sent_mail())


def test_correction_errors_keep_the_input(client):
    application = information_requested()
    response = client.post(page_url(application), {"action": "correct", "note": "", "phone": "x"})
    assert response.status_code == 200
    assert response.context["correction"].errors.keys() >= {"note", "phone"}
    application.refresh_from_db()
    assert application.state == S.INFORMATION_REQUESTED


def test_correction_from_a_blocked_address_is_refused_on_the_page(client):
    """P19: blocked since the question, the applicant's answer is not taken in; the page says why."""
    application = information_requested()
    block_email(email=application.email)
    response = client.post(
        page_url(application),
        {
            "action": "correct",
            "note": "We make routers.",
            "company_name": "Qazaq Routers LLP",
            "region": "KZ-75",
            "contact_person": "Aigerim Sadykova",
            "phone": "+7 701 111 22 33",
            "description": "Routers and switches.",
        },
    )
    assert response.status_code == 200
    assert "We cannot accept an application from this email address" in response.content.decode()
    application.refresh_from_db()
    assert application.state == S.INFORMATION_REQUESTED
    assert application.company_name != "Qazaq Routers LLP"
    assert sent_mail() == []


def test_expired_link_is_refused(client, settings):
    application = information_requested()
    token = links.APPLICATION_LINK.make(application)
    settings.REPLY_LINK_MAX_AGE_DAYS = -1  # every token is older than that
    response = client.get(page_url(application, token))
    assert response.status_code == 404
    assert "expired" in response.content.decode()


def test_tampered_link_is_refused(client):
    application = information_requested()
    token = links.APPLICATION_LINK.make(application)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(page_url(application, tampered))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    response = client.post(page_url(application, tampered), {"action": "withdraw", "confirm": "on"})
    application.refresh_from_db()
    assert application.state == S.INFORMATION_REQUESTED


def test_link_of_another_application_is_refused(client):
    mine = information_requested()
    other = information_requested()
    url = page_url(other, links.APPLICATION_LINK.make(mine))
    assert client.get(url).status_code == 404
    client.post(url, {"action": "withdraw", "confirm": "on"})
    other.refresh_from_db()
    assert other.state == S.INFORMATION_REQUESTED


def test_token_signed_with_another_salt_is_refused(client):
    application = information_requested()
    forged = signing.dumps({"a": application.pk, "r": application.reference}, salt="other")
    assert client.get(page_url(application, forged)).status_code == 404


def test_applicant_can_withdraw_while_open(client):
    application = ApplicationFactory()
    url = page_url(application)
    response = client.post(url, {"action": "withdraw"})
    assert response.status_code == 200  # the confirmation box is required
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert client.post(url, {"action": "withdraw", "confirm": "on"}).status_code == 302
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN
    page = client.get(url).content.decode()
    assert 'name="action"' not in page  # closed: neither correction nor withdrawal offered


def test_correction_form_only_while_information_is_requested(client):
    application = ApplicationFactory()
    page = client.get(page_url(application)).content.decode()
    assert 'value="correct"' not in page
    client.post(page_url(application), {"action": "correct", "note": "Sneaky", "company_name": "X"})
    application.refresh_from_db()
    assert application.state == S.SUBMITTED and application.company_name != "X"


def test_regions_are_in_kazakh_alphabetical_order(client):
    content = client.get(apply_url("kk")).content.decode()
    names = re.findall(r'<option value="KZ-\d\d">([^<]+)</option>', content)
    assert names.index("Ақмола облысы") < names.index("Алматы облысы")
    assert names.index("Қарағанды облысы") < names.index("Маңғыстау облысы")
    assert names.index("Ұлытау облысы") < names.index("Шымкент")
    assert names[0] == "Абай облысы"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_apply_page_links_the_privacy_policy_in_its_language(client, language):
    content = client.get(apply_url(language)).content.decode()
    assert f'<a href="/{language}/privacy/">' in content
