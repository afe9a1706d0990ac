"""2FA login: a staff member signs in with a password, proves the mailbox, enrols an authenticator app, and
reaches the admin."""

import datetime
import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.accounts.helpers import enrolment_link_path
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "aigerim@digitalkazakhstan.org"
PASSWORD = "steppe-lantern-orbit-47"


@pytest.fixture
def staff_member(settings, django_user_model):
    settings.ADMIN_2FA_REQUIRED = True
    return django_user_model.objects.create_superuser(
        email=EMAIL, password=PASSWORD, pd_training_completed_on=datetime.date.today()
    )


def code_from_secret(secret_shown: str) -> str:
    """What the staff member's authenticator app shows for the key typed in from the page."""
    secret = secret_shown.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_in_with_password(page, site_url, *, email_label, password_label, button):
    page.goto(f"{site_url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label(email_label).fill(EMAIL)
    page.get_by_label(password_label).fill(PASSWORD)
    page.get_by_role("button", name=button).click()


def test_staff_member_enrols_an_authenticator_and_reaches_the_admin(
    page, site_url, staff_member, assert_accessible, foreign_requests
):
    sign_in_with_password(
        page, site_url, email_label="Email address", password_label="Password", button="Log in"
    )

    expect(page).to_have_url(re.compile(r"/admin/two-factor/enrol/\?next=%2Fadmin%2F$"))
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_text(f"We have emailed a link to {EMAIL}.")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_have_count(0)
    assert_accessible(page)

    (message,) = sent_mail()  # the link, opened from the mailbox in the same browser
    page.goto(f"{site_url}{enrolment_link_path(message.body)}")

    expect(page).to_have_url(re.compile(r"/admin/two-factor/enrol/\?next=%2Fadmin%2F$"))
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)

    secret = page.locator("[data-totp-secret]").inner_text()
    page.get_by_role("textbox", name="Code").fill(code_from_secret(secret))
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(r"/admin/two-factor/backup-codes/"))
    codes = page.get_by_role("list", name="Backup codes").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)

    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Association administration")).to_be_visible()
    assert foreign_requests == []


def test_wrong_code_then_backup_code_in_russian(browser, site_url, staff_member, assert_accessible):
    """The verification step at a later sign-in, in Russian: a wrong code is refused, a backup code works."""
    from accounts import two_factor
    from tests.accounts.helpers import confirmed_authenticator

    confirmed_authenticator(staff_member)
    backup = two_factor.issue_backup_codes(user=staff_member)
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    try:
        sign_in_with_password(
            page,
            site_url,
            email_label="Адрес электронной почты",
            password_label="Пароль",
            button="Войти",
        )
        expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
        expect(page.get_by_role("heading", name="Двухфакторный вход")).to_be_visible()

        page.get_by_role("textbox", name="Код").fill("000000")
        page.get_by_role("button", name="Проверить").click()
        error = page.get_by_text("Код неверный.")
        expect(error).to_be_visible()
        expect(page.get_by_role("textbox", name="Код")).to_have_attribute("aria-invalid", "true")
        assert_accessible(page)

        time.sleep(1.1)  # the back-off after one wrong code
        page.get_by_role("textbox", name="Код").fill(backup[0])
        page.get_by_role("button", name="Проверить").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        assert two_factor.backup_codes_left(staff_member) == 9
    finally:
        context.close()


def test_lockout_page_is_accessible(page, site_url, staff_member, assert_accessible):
    for _ in range(5):
        page.goto(f"{site_url}/admin/login/")
        page.get_by_label("Email address").fill(EMAIL)
        page.get_by_label("Password").fill("not-the-password-0")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Sign-in temporarily locked")).to_be_visible()
    assert_accessible(page)
