import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("kk", "/kk/"),
        ("de-DE", "/kk/"),
        ("", "/kk/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_language_in_the_url_needs_no_cookie(client):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "ru"
    assert "django_language" not in response.cookies


def test_switcher_links_to_the_same_page_in_each_language(client):
    response = client.get("/en/")
    content = response.content.decode()
    for code in ("kk", "ru", "en"):
        assert f'href="/{code}/" hreflang="{code}"' in content
    assert 'aria-current="true">English' in content


def test_switcher_and_alternates_escape_the_pages_address():
    from django.template import Context
    from django.test import RequestFactory

    from dkz_site.templatetags.site_tags import alternate_links, language_links, language_switcher

    request = RequestFactory().get("/ru/members/", QUERY_STRING='q="><b>&page=2')
    context = Context({"request": request, "LANGUAGE_CODE": "ru"})
    languages = language_links(context)
    switcher, alternates = language_switcher(languages), alternate_links(context, languages)
    query = "?q=%22%3E%3Cb%3E&amp;page=2"
    assert f'<a href="/kk/members/{query}" hreflang="kk" lang="kk">Қазақ</a>' in switcher
    assert f'href="/ru/members/{query}" hreflang="ru" lang="ru" aria-current="true">' in switcher
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/en/members/{query}">'
        in alternates
    )
    assert "<b>" not in switcher + alternates


def test_reverse_uses_language_prefix():
    with translation.override("ru"):
        assert reverse("home") == "/ru/"


def test_kazakh_formats():
    with translation.override("kk"):
        assert formats.date_format(datetime.date(2026, 5, 14)) == "14.05.2026"
        assert formats.number_format(Decimal("1234567.5"), decimal_pos=1, force_grouping=True) == (
            "1\xa0234\xa0567,5"
        )
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_home_page_is_translated(client):
    assert "Кто мы" in client.get("/ru/").content.decode()
    assert "Біз кімбіз" in client.get("/kk/").content.decode()
    assert "Who we are" in client.get("/en/").content.decode()
