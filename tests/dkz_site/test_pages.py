import pytest
from django.db import connection
from django.test import override_settings
from django.urls import path

from dkz_site import urls as site_urls
from dkz_site.ratelimit import limit_per_ip

pytestmark = pytest.mark.django_db


def test_security_headers(client):
    response = client.get("/en/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] in ("ok", "degraded")  # degraded: no worker has ever run in the tests
    assert body["checks"]["database"] == body["checks"]["cache"] == {"status": "ok"}
    assert set(body["checks"]["task_queue"]) >= {
        "status",
        "backlog",
        "oldest_queued_seconds",
        "heartbeat_seconds",
        "worker_ok",
    }


def test_healthz_fails_without_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_robots_and_sitemap(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    body = sitemap.content.decode()
    for code in ("kk", "ru", "en"):
        assert f"http://testserver/{code}/" in body
        assert f'hreflang="{code}"' in body


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Page not found"), ("ru", "Страница не найдена")]
)
def test_404_is_styled_and_translated(client, language, text):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert text in content
    assert 'class="site-footer"' in content


def test_500_page_is_translated(client):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("ru"):
        html = render_to_string("500.html")
    assert "Ошибка сервера" in html


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)


def _limited_view(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


urlpatterns = [path("limited/", limit_per_ip("test")(_limited_view)), *site_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__, RATE_LIMITS={"test": "2/h", "default_post": "30/m"})
def test_rate_limit_helper_answers_429_per_client_ip(client):
    assert client.post("/limited/").status_code == 200
    assert client.post("/limited/").status_code == 200
    blocked = client.post("/limited/")
    assert blocked.status_code == 429
    assert b"Too many requests" in blocked.content or "429" in blocked.content.decode()
    other_ip = client.post("/limited/", REMOTE_ADDR="10.0.0.7")
    assert other_ip.status_code == 200
    assert client.get("/limited/").status_code == 200  # only POST is limited


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_ip_behind_one_trusted_proxy(rf):
    from dkz_site.client_ip import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "203.0.113.9"


def test_client_ip_without_proxies_ignores_forwarded_for(rf):
    from dkz_site.client_ip import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="198.51.100.4")
    assert client_ip(request) == "198.51.100.4"


def test_logs_never_show_an_email_in_clear(caplog):
    import logging

    from dkz_site.logging import RedactPersonalData

    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "mail to %s failed", ("aigerim@example.kz",), None
    )
    RedactPersonalData().filter(record)
    assert "aigerim@example.kz" not in record.getMessage()
    assert "a***@example.kz" in record.getMessage()


def test_technical_fields_are_what_every_model_stores():
    from dkz_site.client_ip import technical_fields

    assert technical_fields(None) == {"client_ip": None, "user_agent": "", "referrer": ""}
    assert technical_fields(
        {"client_ip": "203.0.113.9", "user_agent": "UA\x00" + "a" * 600, "referrer": "r"},
        ("client_ip", "user_agent"),
    ) == {"client_ip": "203.0.113.9", "user_agent": "UA" + "a" * 498}


@pytest.mark.parametrize(
    "path", ["/en/", "/kk/contact/", "/robots.txt", "/healthz", "/admin/login/"]
)
def test_a_host_we_do_not_serve_answers_400_with_the_sites_page(client, path):
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    if path != "/healthz":
        assert 'class="site-footer"' in response.content.decode()


def test_permissions_policy_names_only_features_browsers_know(client):
    policy = client.get("/en/").headers["Permissions-Policy"]
    assert "interest-cohort" not in policy
    assert "camera=()" in policy and "geolocation=()" in policy


def test_the_language_cookie_is_same_site_lax(client, settings):
    from cookie_consent.models import CookieGroup
    from django.utils import timezone

    group = CookieGroup.objects.get(varname="functional")
    client.cookies["cookie_consent"] = f"{group.varname}={timezone.now().isoformat()}"
    response = client.get("/ru/")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ru"
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The form could not be sent"),
        ("ru", "Форму не удалось отправить"),
        ("kk", "Форма жіберілмеді"),
    ],
)
def test_a_form_without_its_csrf_token_gets_the_sites_own_page(language, text):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/contact/", {"name": "A", "email": "a@example.kz"})
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert text in html
    assert "css/site.css" in html
    assert "<style" not in html  # nothing inline: the CSP allows only the site's stylesheet
