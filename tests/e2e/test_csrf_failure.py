"""A form sent without its CSRF cookie (cookies blocked, or the page kept open across a restart): the site's own
403 page, in the page's language, styled by the site's stylesheet under the CSP, with no accessibility violation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("kk", "Форма жіберілмеді"),
        ("ru", "Форму не удалось отправить"),
        ("en", "The form could not be sent"),
    ],
)
def test_the_csrf_failure_page(page, site_url, language, heading, assert_accessible):
    page.goto(f"{site_url}/{language}/contact/")
    page.context.clear_cookies()  # the browser lost the csrftoken cookie
    page.locator("#id_name").fill("Aigerim")
    page.locator("#id_email").fill("aigerim@example.kz")
    page.locator("#id_message").fill("Hello")
    page.locator("#id_consent").check()
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.locator("form.contact-form button[type=submit]").click()
    assert sent.value.status == 403
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    # Styled: the site's stylesheet loaded and applied (not blocked by the CSP, nothing inline needed).
    assert page.evaluate(
        "[...document.styleSheets].some(s => s.href && s.href.includes('site') && s.cssRules.length > 0)"
    )
    assert_accessible(page)
