import datetime
import re

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse
from django.utils import timezone, translation

from dkz_site import urls as site_urls
from privacy.cookies import COMPARE_COOKIE, FUNCTIONAL, LANGUAGE_COOKIE, optional_groups
from privacy.models import CookieConsentLog, PolicyVersion

from .factories import PolicyVersionFactory, ProcessorFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def _announce(days_ago=1, notice=21):
    published = timezone.localdate() - datetime.timedelta(days=days_ago)
    return PolicyVersionFactory(
        label="announced",
        published_on=published,
        effective_on=published + datetime.timedelta(days=notice),
        is_material=True,
        summary_en="The email provider now works from Germany.",
        summary_ru="Почтовый сервис теперь работает из Германии.",
        summary_kk="Электрондық пошта провайдері енді Германиядан жұмыс істейді.",
    )


# --- the policy page (P26, P15, P22, P28, P29) ---


@pytest.mark.parametrize(
    ("language", "title", "date"),
    [
        ("en", "Privacy Policy", "14 May 2026"),
        ("ru", "Политика конфиденциальности", "14 мая 2026"),
        ("kk", "Құпиялылық саясаты", "2026 жылғы 14 мамыр"),
    ],
)
def test_P26_policy_page_shows_the_version_in_force_with_its_last_update_date(
    client, language, title, date
):
    response = client.get(f"/{language}/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 id="policy-title">{title}</h1>' in html
    top = html[html.index("policy-title") : html.index("policy-title") + 400]
    assert '<time datetime="2026-05-14">' in top and date in top.replace("\xa0", " ")
    with translation.override(language):
        assert reverse("privacy:policy") == f"/{language}/privacy/"


def test_P29_P28_policy_page_names_the_controller_and_the_contact():
    html = _policy_html().replace("\xa0", " ")  # the association's name is kept on one line
    assert "Personal data controller: Digital Kazakhstan NPO, Astana." in html
    assert 'href="mailto:info@digitalkazakhstan.org"' in html
    assert "Kunaev str. 12/1, Astana" in html


def test_P22_policy_page_names_the_complaint_authority_in_each_language(client):
    assert (
        "Ministry of Artificial Intelligence and Digital Development of the Republic of Kazakhstan"
        in _policy_html()
    )
    ru = client.get("/ru/privacy/").content.decode()
    assert "Министерство искусственного интеллекта и цифрового развития Республики Казахстан" in ru
    assert 'id="complaint-heading"' in ru


def test_P15_policy_page_lists_processors_under_contract_with_the_cross_border_rule():
    ProcessorFactory(name="Saryarka Data Centre LLP", purpose_en="Hosting the site")
    ProcessorFactory(
        name="Faraway Mail Inc", country_code="US", country_en="USA", country_is_adequate=False
    )
    ProcessorFactory(
        name="Old Gateway LLP",
        contract_signed_on=datetime.date(2025, 1, 1),
        contract_ends_on=datetime.date(2025, 6, 30),
    )
    html = _policy_html()
    assert "Saryarka Data Centre LLP" in html and "Hosting the site" in html
    assert "Faraway Mail Inc" in html
    assert "Only with your separate consent to cross-border transfer." in html
    assert "Old Gateway LLP" not in html


def test_policy_body_is_rendered_as_escaped_text():
    PolicyVersion.objects.filter(label="2026-05-14").update(
        body_en="Privacy Policy\n\n<script>alert('x')</script>\n\n1. Data\n\n  • <b>one</b>"
    )
    html = _policy_html()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<li>&lt;b&gt;one&lt;/b&gt;</li>" in html
    assert "<h2>1. Data</h2>" in html


def test_policy_body_email_addresses_are_links_and_still_escaped():
    PolicyVersion.objects.filter(label="2026-05-14").update(
        body_en='Privacy Policy\n\nWrite to dpo@example.kz.\n\n  • <i>x</i>@example.kz and "a@b.kz"<s>'
    )
    html = _policy_html()
    assert '<p>Write to <a href="mailto:dpo@example.kz">dpo@example.kz</a>.</p>' in html
    assert "<i>" not in html and "<s>" not in html
    assert '<a href="mailto:a@b.kz">a@b.kz</a>' in html


def test_policy_page_links_earlier_and_announced_versions(client):
    first = PolicyVersion.objects.get(label="2026-05-14")
    second = PolicyVersionFactory(
        label="second",
        published_on=datetime.date(2026, 6, 1),
        effective_on=datetime.date(2026, 6, 20),
        is_material=True,
    )
    upcoming = _announce()
    unpublished = PolicyVersionFactory(
        label="draft",
        published_on=timezone.localdate() + datetime.timedelta(days=3),
        effective_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    html = client.get("/en/privacy/").content.decode()
    assert f'href="/en/privacy/versions/{first.pk}/"' in html
    assert f'href="/en/privacy/versions/{upcoming.pk}/"' in html
    assert f'href="/en/privacy/versions/{unpublished.pk}/"' not in html
    assert "In force since:" in html and '<time datetime="2026-06-20">' in html  # second in force

    earlier = client.get(f"/en/privacy/versions/{first.pk}/").content.decode()
    assert "This is an earlier version, no longer in force." in earlier
    announced = client.get(f"/en/privacy/versions/{upcoming.pk}/").content.decode()
    assert "This version is announced and not yet in force." in announced
    assert 'id="summary"' in announced and "now works from Germany" in announced
    assert client.get(f"/en/privacy/versions/{unpublished.pk}/").status_code == 404
    assert second.pk  # the version in force is the page itself


def test_policy_page_query_count_is_pinned(client, django_assert_max_num_queries):
    ProcessorFactory.create_batch(5)
    with django_assert_max_num_queries(8):
        assert client.get("/en/privacy/").status_code == 200


def _policy_html():
    from django.test import Client

    return Client().get("/en/privacy/").content.decode()


# --- the change banner (P27) ---


def test_P27_every_page_shows_the_banner_with_date_and_summary_link_while_announced(client):
    change = _announce(days_ago=1, notice=21)
    for url in ("/en/", "/en/privacy/", "/en/cookies/", "/en/no-such-page/"):
        html = client.get(url).content.decode()
        assert "Our privacy policy changes on" in html, url
        assert f'datetime="{change.effective_on:%Y-%m-%d}"' in html
        assert f'href="/en/privacy/versions/{change.pk}/#summary"' in html
    ru = client.get("/ru/").content.decode()
    assert "Наша политика конфиденциальности меняется" in ru


def test_P27_no_banner_before_publication_or_once_in_force(client):
    today = timezone.localdate()
    PolicyVersionFactory(
        label="future",
        published_on=today + datetime.timedelta(days=1),
        effective_on=today + datetime.timedelta(days=20),
        is_material=True,
    )
    PolicyVersionFactory(
        label="past",
        published_on=today - datetime.timedelta(days=14),
        effective_on=today,
        is_material=True,
    )
    assert "Our privacy policy changes on" not in client.get("/en/").content.decode()


def test_P27_a_minor_change_gets_no_banner(client):
    today = timezone.localdate()
    PolicyVersionFactory(
        label="minor", published_on=today, effective_on=today + datetime.timedelta(days=3)
    )
    assert "Our privacy policy changes on" not in client.get("/en/").content.decode()


def test_banner_costs_no_query_once_cached(client, django_assert_num_queries):
    _announce()
    client.get("/en/")
    with django_assert_num_queries(0):
        client.get("/en/")


# --- cookies (P02, P03) ---


def test_P02_banner_offers_accept_and_decline_with_equal_weight_and_sets_no_cookie(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert 'aria-label="Cookie choice"' in html
    accept = re.search(r'class="([^"]+)" aria-label="Accept functional cookies">Accept<', html)
    decline = re.search(r'class="([^"]+)" aria-label="Decline functional cookies">Decline<', html)
    assert accept and decline and accept.group(1) == decline.group(1)
    assert 'action="/en/cookies/accept/"' in html and 'action="/en/cookies/decline/"' in html
    assert "<script" not in html
    assert not response.cookies  # not even a CSRF cookie before any choice


def test_P02_accepting_sets_the_consent_cookie_logs_proof_and_goes_back(client):
    response = client.post(
        "/en/cookies/accept/",
        {"next": "/en/privacy/", "source": "banner"},
        HTTP_ORIGIN=ORIGIN,
        HTTP_USER_AGENT="Chromium",
        REMOTE_ADDR="198.51.100.23",
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/privacy/"
    functional = next(group for group in optional_groups() if group.varname == FUNCTIONAL)
    assert response.cookies["cookie_consent"].value == f"functional={functional.get_version()}"
    assert LANGUAGE_COOKIE not in response.cookies  # set on the next page, not here
    entry = CookieConsentLog.objects.get()
    assert (entry.choice, entry.source, entry.language) == ("accepted", "banner", "en")
    assert (entry.truncated_ip, entry.user_agent) == ("198.51.100.0", "Chromium")

    page = client.get("/en/privacy/")
    assert "Cookie choice" not in page.content.decode()  # the banner has its answer
    assert "Functional cookies accepted." in page.content.decode()


def test_P02_language_is_remembered_only_after_acceptance(client):
    assert LANGUAGE_COOKIE not in client.get("/ru/").cookies
    client.post("/en/cookies/accept/", {"next": "/en/"}, HTTP_ORIGIN=ORIGIN)
    response = client.get("/ru/")
    assert response.cookies[LANGUAGE_COOKIE].value == "ru"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/ru/"


def test_P02_declining_removes_functional_cookies(client):
    client.post("/en/cookies/accept/", {"next": "/en/"}, HTTP_ORIGIN=ORIGIN)
    client.get("/kk/")
    client.cookies[COMPARE_COOKIE] = "1,2"
    assert client.cookies[LANGUAGE_COOKIE].value == "kk"

    response = client.post("/en/cookies/decline/", {"next": "/en/"}, HTTP_ORIGIN=ORIGIN)

    assert response.cookies["cookie_consent"].value == "functional=-1"
    for name in (LANGUAGE_COOKIE, COMPARE_COOKIE):
        assert response.cookies[name]["max-age"] == 0
    assert [entry.choice for entry in CookieConsentLog.objects.order_by("chosen_at")] == [
        "accepted",
        "declined",
    ]
    assert not client.cookies.get(LANGUAGE_COOKIE).value
    later = client.get("/ru/").cookies.get(LANGUAGE_COOKIE)
    assert later is None or (later.value, later["max-age"]) == ("", 0)  # never set again


def _sets_functional_cookies(request):
    response = HttpResponse("ok")
    response.set_cookie(LANGUAGE_COOKIE, "ru")
    response.set_cookie(COMPARE_COOKIE, "3,4")
    response.set_cookie("sessionid", "necessary")
    return response


urlpatterns = [path("sets-cookies/", _sets_functional_cookies), *site_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_P02_no_view_can_set_a_functional_cookie_before_acceptance(client):
    response = client.get("/sets-cookies/")
    assert set(response.cookies) == {"sessionid"}

    client.post("/en/cookies/decline/", {"next": "/en/"}, HTTP_ORIGIN=ORIGIN)
    assert _cookies_set(client.get("/sets-cookies/")) == {"sessionid"}

    client.post("/en/cookies/accept/", {"next": "/en/"}, HTTP_ORIGIN=ORIGIN)
    assert _cookies_set(client.get("/sets-cookies/")) == {
        "sessionid",
        LANGUAGE_COOKIE,
        COMPARE_COOKIE,
    }


def _cookies_set(response) -> set[str]:
    """Cookies the response gives a value (a deletion is not setting a cookie)."""
    return {name for name, m in response.cookies.items() if m.value and m["max-age"] != 0}


@override_settings(ROOT_URLCONF=__name__)
def test_P02_a_functional_cookie_left_from_before_is_removed_without_consent(client):
    client.cookies[COMPARE_COOKIE] = "1,2"
    response = client.get("/en/")
    assert response.cookies[COMPARE_COOKIE]["max-age"] == 0


def test_cookie_choice_from_another_site_is_refused(client):
    response = client.post(
        "/en/cookies/accept/", {"next": "/en/"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert "cookie_consent" not in response.cookies
    assert "sent from this site" in response.content.decode()
    assert client.post("/en/cookies/accept/", {"next": "/en/"}).status_code == 403  # no origin
    referer = client.post(
        "/en/cookies/accept/", {"next": "/en/"}, HTTP_REFERER="http://testserver/en/"
    )
    assert referer.status_code == 302
    assert CookieConsentLog.objects.count() == 1


def test_cookie_choice_never_redirects_to_another_site(client):
    response = client.post(
        "/en/cookies/decline/", {"next": "https://evil.example/"}, HTTP_ORIGIN=ORIGIN
    )
    assert response["Location"] == "/en/cookies/"


def test_cookies_page_lists_groups_and_changes_the_choice_later(client):
    html = client.get("/ru/cookies/").content.decode()
    assert "<h1>Cookie-файлы</h1>" in html
    for name in ("sessionid", "csrftoken", "cookie_consent", LANGUAGE_COOKIE, COMPARE_COOKIE):
        assert f"<code>{name}</code>" in html
    assert "не сделан" in html
    assert 'aria-label="Cookie choice"' not in html  # the page itself asks

    client.post(
        "/ru/cookies/accept/",
        {"group": FUNCTIONAL, "source": "cookies_page", "next": "/ru/cookies/"},
        HTTP_ORIGIN=ORIGIN,
    )
    assert "принят" in client.get("/ru/cookies/").content.decode()
    client.post("/ru/cookies/decline/", {"group": FUNCTIONAL}, HTTP_ORIGIN=ORIGIN)
    assert "отклонён" in client.get("/ru/cookies/").content.decode()
    assert CookieConsentLog.objects.filter(source="cookies_page").count() == 2


def test_P03_privacy_pages_load_nothing_from_another_host(client):
    for url in ("/en/privacy/", "/en/cookies/"):
        response = client.get(url)
        html = response.content.decode()
        sources = re.findall(r'\ssrc="([^"]*)"', html)
        sources += re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]*)"', html)
        assert sources and all(source.startswith("/") for source in sources), sources
        assert "<script" not in html
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_footer_links_to_privacy_and_cookies(client):
    html = client.get("/kk/").content.decode()
    assert 'href="/kk/privacy/"' in html and 'href="/kk/cookies/"' in html


def test_banners_cost_one_query_on_a_cold_cache_and_none_once_warm(
    client, django_assert_num_queries
):
    # A page that reads nothing itself (the home page reads the latest news and events).
    with django_assert_num_queries(1):  # the announced change; no cookie means the question is open
        assert (
            "Accept functional cookies" in client.get("/en/privacy/requests/sent/").content.decode()
        )
    with django_assert_num_queries(0):
        client.get("/kk/privacy/requests/sent/")


def test_sitemap_lists_the_privacy_pages_in_each_language(client):
    body = client.get("/sitemap.xml").content.decode()
    for code in ("kk", "ru", "en"):
        assert f"http://testserver/{code}/privacy/" in body
        assert f"http://testserver/{code}/cookies/" in body


def test_a_choice_about_an_unknown_group_is_refused_and_not_logged(client):
    response = client.post(
        "/en/cookies/accept/", {"group": "marketing", "next": "/en/"}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 400
    assert "cookie_consent" not in response.cookies
    assert not CookieConsentLog.objects.exists()
