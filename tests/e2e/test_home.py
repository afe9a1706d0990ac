import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("language", "heading_text"),
    [("kk", "Біз кімбіз"), ("ru", "Кто мы"), ("en", "Who we are")],
)
def test_home_page_in_each_language(
    page, site_url, language, heading_text, assert_accessible, foreign_requests
):
    page.goto(f"{site_url}/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=heading_text)).to_be_visible()
    assert_accessible(page)
    assert foreign_requests == []


def test_language_switcher_keeps_the_page(page, site_url):
    page.goto(f"{site_url}/en/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.get_by_role("heading", name="Кто мы")).to_be_visible()
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Қазақ").click()
    expect(page).to_have_url(re.compile(r"/kk/$"))
    assert page.context.cookies() == []  # the language lives in the URL, not in a cookie


def test_keyboard_user_can_skip_to_content(page, site_url):
    page.goto(f"{site_url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
