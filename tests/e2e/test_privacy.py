"""The cookie banner and the privacy pages in a real browser (no JavaScript needed by the site)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

FUNCTIONAL_COOKIES = {"django_language", "dkz_compare"}


def _cookies(page) -> dict[str, str]:
    return {c["name"]: c["value"].strip('"') for c in page.context.cookies()}


def _banner(page):
    return page.locator("section.cookie-banner")


def test_P02_nothing_functional_before_acceptance(page, site_url):
    for path in ("/kk/", "/ru/privacy/", "/en/cookies/", "/en/"):
        page.goto(site_url + path)
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    expect(_banner(page)).to_be_visible()
    assert _cookies(page) == {}  # not a single cookie, functional or other


def test_P02_accepting_in_the_banner_remembers_the_language(page, site_url, assert_accessible):
    page.goto(f"{site_url}/en/")
    banner = page.get_by_role("region", name="Cookie choice")
    accept = banner.get_by_role("button", name="Accept functional cookies")
    decline = banner.get_by_role("button", name="Decline functional cookies")
    expect(accept).to_be_visible()
    expect(decline).to_be_visible()
    assert accept.get_attribute("class") == decline.get_attribute("class")  # equal weight
    assert_accessible(page)

    accept.click()

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_text("Functional cookies accepted.")).to_be_visible()
    expect(_banner(page)).to_have_count(0)
    assert _cookies(page)["cookie_consent"].startswith("functional=")
    page.goto(f"{site_url}/ru/")
    assert _cookies(page)["django_language"] == "ru"


def test_P02_declining_in_the_banner_sets_nothing_functional(page, site_url):
    page.goto(f"{site_url}/kk/privacy/")
    _banner(page).get_by_role("button", name="Функционалдық cookie файлдарынан бас тарту").click()
    expect(page).to_have_url(re.compile(r"/kk/privacy/$"))
    expect(_banner(page)).to_have_count(0)
    page.goto(f"{site_url}/ru/")
    cookies = _cookies(page)
    assert cookies["cookie_consent"] == "functional=-1"
    assert FUNCTIONAL_COOKIES.isdisjoint(cookies)


def test_P02_changing_the_choice_later_removes_functional_cookies(
    page, site_url, assert_accessible
):
    page.goto(f"{site_url}/en/")
    _banner(page).get_by_role("button", name="Accept functional cookies").click()
    page.goto(f"{site_url}/en/privacy/")
    assert "django_language" in _cookies(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Cookies").click()
    expect(page).to_have_url(re.compile(r"/en/cookies/$"))
    expect(page.get_by_role("heading", level=1, name="Cookies")).to_be_visible()
    expect(page.locator(".cookie-state").first).to_contain_text("accepted")
    assert_accessible(page)

    expect(page.get_by_role("button", name="Allow these cookies")).to_have_count(
        0
    )  # already allowed
    page.get_by_role("button", name="Withdraw and delete these cookies").click()

    expect(page).to_have_url(re.compile(r"/en/cookies/$"))
    expect(page.locator(".cookie-state").first).to_contain_text("declined")
    cookies = _cookies(page)
    assert cookies["cookie_consent"] == "functional=-1"
    assert FUNCTIONAL_COOKIES.isdisjoint(cookies)

    expect(page.get_by_role("button", name="Refuse these cookies")).to_have_count(0)
    page.get_by_role("button", name="Allow these cookies").click()
    expect(page.locator(".cookie-state").first).to_contain_text("accepted")


@pytest.mark.parametrize(
    ("language", "title", "authority"),
    [
        (
            "kk",
            "Құпиялылық саясаты",
            "Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі",
        ),
        (
            "ru",
            "Политика конфиденциальности",
            "Министерство искусственного интеллекта и цифрового развития Республики Казахстан",
        ),
        (
            "en",
            "Privacy Policy",
            "Ministry of Artificial Intelligence and Digital Development of the Republic of Kazakhstan",
        ),
    ],
)
def test_P26_privacy_page_in_each_language(
    page, site_url, language, title, authority, assert_accessible, foreign_requests
):
    page.goto(f"{site_url}/{language}/privacy/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.locator(".policy-dates time").first).to_have_attribute("datetime", "2026-05-14")
    expect(page.get_by_text(authority, exact=False).last).to_be_visible()
    expect(page.get_by_role("heading", level=2)).not_to_have_count(0)
    assert_accessible(page)
    assert foreign_requests == []


def test_P27_announced_change_banner_leads_to_the_summary(page, site_url, assert_accessible):
    from privacy.models import PolicyVersion

    current = PolicyVersion.objects.current()
    published = timezone.localdate() - datetime.timedelta(days=2)
    PolicyVersion.objects.create(
        label="announced",
        published_on=published,
        effective_on=published + datetime.timedelta(days=20),
        is_material=True,
        summary_en="The email provider now works from Germany.",
        summary_ru="Почтовый сервис теперь работает из Германии.",
        summary_kk="Электрондық пошта провайдері енді Германиядан жұмыс істейді.",
        body_en=current.body_en,
        body_ru=current.body_ru,
        body_kk=current.body_kk,
    )
    page.goto(f"{site_url}/en/")
    change = page.get_by_role("region", name="Privacy policy change")
    expect(change).to_contain_text("Our privacy policy changes on")
    assert_accessible(page)
    change.get_by_role("link", name="What changes").click()
    expect(page).to_have_url(re.compile(r"/en/privacy/versions/\d+/#summary$"))
    expect(page.get_by_role("heading", name="Summary of changes")).to_be_visible()
    expect(page.get_by_text("The email provider now works from Germany.")).to_be_visible()
    assert_accessible(page)
