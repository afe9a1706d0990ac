import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.accounts.helpers import (
    authenticator_code,
    confirmed_authenticator,
    prove_mailbox,
    sign_in_with_password,
    wrong_code,
)

pytestmark = pytest.mark.django_db

ENROL = "/admin/two-factor/enrol/"
VERIFY = "/admin/two-factor/verify/"
BACKUP_CODES = "/admin/two-factor/backup-codes/"


@pytest.fixture
def required(settings):
    settings.ADMIN_2FA_REQUIRED = True


def test_urls_live_under_the_admin():
    assert reverse("admin:two_factor_enrol") == ENROL
    assert reverse("admin:two_factor_verify") == VERIFY
    assert reverse("admin:two_factor_backup_codes") == BACKUP_CODES


# --- When the second factor is not required (local and test settings) -----------------------------------------


def test_p25_admin_opens_with_password_alone_when_not_required(client, trained_staff, settings):
    """P25: without ADMIN_2FA_REQUIRED, trained staff reach the admin after the password step."""
    settings.ADMIN_2FA_REQUIRED = False
    response = sign_in_with_password(client, trained_staff)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_force_login_still_opens_the_admin_when_not_required(client, trained_staff, settings):
    settings.ADMIN_2FA_REQUIRED = False
    client.force_login(trained_staff)
    assert client.get("/admin/").status_code == 200


# --- When it is required (production) ------------------------------------------------------------------------


def test_p25_admin_refused_to_a_password_only_session(client, trained_staff, required):
    """P25: with ADMIN_2FA_REQUIRED, a session that only passed the password step opens no admin page."""
    client.force_login(trained_staff)
    for path in ["/admin/", "/admin/accounts/user/", "/admin/axes/accessattempt/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/")
    # ... and the login page sends them on to the second step instead of showing the form again.
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2Faccounts%2Fuser%2F"


def test_p25_non_staff_cannot_use_the_second_step(client, django_user_model, required):
    """P25: the two-factor pages are for staff only; a member of the public is sent to the login page."""
    member = django_user_model.objects.create_user(
        email="someone@example.kz", password="a-long-member-password-42"
    )
    client.force_login(member)
    for path in [ENROL, VERIFY, BACKUP_CODES]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


def test_anonymous_visitor_is_sent_to_the_login_page(client, required):
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_password_step_leads_a_new_staff_member_to_enrolment(client, trained_staff, required):
    response = sign_in_with_password(client, trained_staff)
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2F"


def test_enrolment_page_shows_the_qr_code_inline_and_the_key(client, trained_staff, required):
    client.force_login(trained_staff)
    prove_mailbox(client)
    assert not TOTPDevice.objects.filter(user=trained_staff).exists()

    response = client.get(ENROL, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=trained_staff)
    assert device.confirmed is False
    html = response.content.decode()
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    assert "<path" in svg and 'role="img"' in svg and "aria-label=" in svg
    # The CSP (style-src 'self') forbids style attributes; no external image or script either.
    assert "style=" not in svg
    assert "<img" not in html.split('id="content-main"')[1]
    assert "otpauth" not in html  # the URL is drawn, never linked to a QR service
    csp = response["Content-Security-Policy"]
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert two_factor.secret_text(device) in html
    assert "Set up two-factor sign-in" in html
    # Reloading keeps the same secret, so a half-finished scan still works.
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=trained_staff).count() == 1


def test_enrolment_page_is_translated(client, trained_staff, required):
    client.force_login(trained_staff)
    prove_mailbox(client)
    response = client.get(ENROL, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    assert "Настройка двухфакторного входа" in response.content.decode()


def test_enrolment_confirmed_with_the_apps_code(client, trained_staff, required):
    client.force_login(trained_staff)
    prove_mailbox(client)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=trained_staff)

    response = client.post(f"{ENROL}?next=/admin/", {"code": authenticator_code(device)})

    assert response.status_code == 302
    assert response["Location"] == f"{BACKUP_CODES}?next=%2Fadmin%2F"
    device.refresh_from_db()
    assert device.confirmed is True
    assert StaticToken.objects.filter(device__user=trained_staff).count() == 10
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200


def test_enrolment_refuses_a_wrong_code_and_keeps_it(client, trained_staff, required):
    client.force_login(trained_staff)
    prove_mailbox(client)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=trained_staff)
    code = wrong_code(device)

    response = client.post(ENROL, {"code": code}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    assert "That code is not right" in html
    assert f'value="{code}"' in html
    assert 'aria-describedby="id_code_helptext id_code_error"' in html
    device.refresh_from_db()
    assert device.confirmed is False
    assert not StaticDevice.objects.filter(user=trained_staff).exists()
    assert client.get("/admin/").status_code == 302


def test_password_alone_cannot_replace_an_enrolled_authenticator(client, trained_staff, required):
    """Someone who only knows the password must not be able to enrol their own phone instead."""
    device = confirmed_authenticator(trained_staff)
    client.force_login(trained_staff)

    response = client.get(ENROL)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=trained_staff)) == [device]


def test_every_sign_in_asks_for_the_code(client, trained_staff, required):
    confirmed_authenticator(trained_staff)
    response = sign_in_with_password(client, trained_staff)
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302


def test_verification_with_the_right_code_opens_the_admin(client, trained_staff, required):
    device = confirmed_authenticator(trained_staff)
    sign_in_with_password(client, trained_staff)

    response = client.post(
        f"{VERIFY}?next=/admin/accounts/user/", {"code": authenticator_code(device)}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/accounts/user/"
    assert client.get("/admin/").status_code == 200


def test_verification_refuses_a_wrong_code(client, trained_staff, required):
    device = confirmed_authenticator(trained_staff)
    sign_in_with_password(client, trained_staff)

    response = client.post(VERIFY, {"code": wrong_code(device)}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_wrong_codes_in_a_row_make_the_next_try_wait(client, trained_staff, required):
    device = confirmed_authenticator(trained_staff)
    sign_in_with_password(client, trained_staff)
    client.post(VERIFY, {"code": wrong_code(device)})

    # Even the right code is refused while the back-off runs (1 s, then 2 s, 4 s, ...).
    response = client.post(VERIFY, {"code": authenticator_code(device)}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Too many wrong codes in a row" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_used_code_cannot_be_replayed(client, trained_staff, required):
    device = confirmed_authenticator(trained_staff)
    code = authenticator_code(device)
    sign_in_with_password(client, trained_staff)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/admin/logout/")

    sign_in_with_password(client, trained_staff)
    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_new_password_sign_in_owes_the_second_factor_again(client, trained_staff, required):
    device = confirmed_authenticator(trained_staff)
    sign_in_with_password(client, trained_staff)
    client.post(VERIFY, {"code": authenticator_code(device)})
    assert client.get("/admin/").status_code == 200

    sign_in_with_password(client, trained_staff)

    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302


def test_backup_code_opens_the_admin_once(client, trained_staff, required):
    confirmed_authenticator(trained_staff)
    codes = two_factor.issue_backup_codes(user=trained_staff)
    assert len(codes) == 10 and len(set(codes)) == 10

    sign_in_with_password(client, trained_staff)
    response = client.post(VERIFY, {"code": codes[0].upper()}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    index = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert index.status_code == 200
    assert "You signed in with a backup code; 9 are left." in index.content.decode()
    assert two_factor.backup_codes_left(trained_staff) == 9
    client.post("/admin/logout/")

    sign_in_with_password(client, trained_staff)
    response = client.post(VERIFY, {"code": codes[0]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_backup_codes_are_shown_once(client, trained_staff, required):
    client.force_login(trained_staff)
    prove_mailbox(client)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=trained_staff)
    client.post(ENROL, {"code": authenticator_code(device)})
    codes = set(
        StaticToken.objects.filter(device__user=trained_staff).values_list("token", flat=True)
    )

    first = client.get(BACKUP_CODES, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    second = client.get(BACKUP_CODES, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert all(f"<code>{code}</code>" in first for code in codes)
    assert not any(code in second for code in codes)
    assert "You have 10 unused backup codes." in second


def test_new_backup_codes_replace_the_old_ones(client, trained_staff, required):
    device = confirmed_authenticator(trained_staff)
    old = two_factor.issue_backup_codes(user=trained_staff)
    sign_in_with_password(client, trained_staff)
    client.post(VERIFY, {"code": authenticator_code(device)})

    response = client.post(BACKUP_CODES, {"next": "/admin/"})

    assert response.status_code == 302
    new = set(
        StaticToken.objects.filter(device__user=trained_staff).values_list("token", flat=True)
    )
    assert len(new) == 10 and not new & set(old)
    page = client.get(BACKUP_CODES).content.decode()
    assert all(f"<code>{code}</code>" in page for code in new)


def test_backup_codes_page_needs_the_second_factor(client, trained_staff, required):
    confirmed_authenticator(trained_staff)
    client.force_login(trained_staff)
    response = client.post(BACKUP_CODES)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert not StaticDevice.objects.exists()


def test_devices_are_named_in_the_staff_members_language_and_found_by_kind(trained_staff):
    """A name is a label: new codes made in another language (or after a rename) still replace the old ones."""
    from django.utils import translation

    with translation.override("kk"):
        old = two_factor.issue_backup_codes(user=trained_staff)
        assert two_factor.pending_authenticator(trained_staff).name == "Аутентификатор қолданбасы"
    assert StaticDevice.objects.get(user=trained_staff).name == "Резервтік кодтар"
    with translation.override("ru"):
        new = two_factor.issue_backup_codes(user=trained_staff)
    device = StaticDevice.objects.get(user=trained_staff)  # still the one device
    assert set(device.token_set.values_list("token", flat=True)) == set(new)
    assert not set(new) & set(old)
    device.name = "My paper codes"
    device.save()
    newest = two_factor.issue_backup_codes(user=trained_staff)
    assert StaticToken.objects.filter(device__user=trained_staff).count() == len(newest)


def test_next_is_never_another_site(client, trained_staff, required):
    device = confirmed_authenticator(trained_staff)
    client.force_login(trained_staff)
    response = client.post(
        f"{VERIFY}?next=https://evil.example/", {"code": authenticator_code(device)}
    )
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("target", ["members", "0", "/admin/\nSet-Cookie: x=1"])
def test_next_that_is_not_a_local_path_falls_back_to_the_admin_index(
    client, trained_staff, required, target
):
    """The same check as every other `next` on the site: no view name, no header injection."""
    device = confirmed_authenticator(trained_staff)
    client.force_login(trained_staff)
    response = client.post(VERIFY, {"code": authenticator_code(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_sign_out_half_way(client, trained_staff, required):
    client.force_login(trained_staff)
    response = client.post("/admin/two-factor/sign-out/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/"
    assert "_auth_user_id" not in client.session


def test_device_admins_hold_personal_data():
    """P25: device lists name staff members, so only staff with current training see them."""
    from django.contrib import admin

    from dkz_site.admin_site import holds_personal_data

    for model in [TOTPDevice, StaticDevice]:
        assert holds_personal_data(admin.site._registry[model])


def test_p23_production_asks_for_the_second_factor_over_https_only():
    """P23: production requires the second factor by default; the signed-in session travels over HTTPS only."""
    from tests.dkz_site.test_settings import PRODUCTION_ENV, run_manage

    script = (
        "from django.conf import settings as s;"
        "print(s.ADMIN_2FA_REQUIRED, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " 'django_otp.middleware.OTPMiddleware' in s.MIDDLEWARE)"
    )
    result = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr


def test_the_test_settings_do_not_require_it(settings):
    """Other apps' admin tests sign in with force_login alone; ADMIN_2FA_REQUIRED is false in base and test."""
    assert settings.ADMIN_2FA_REQUIRED is False


def test_verified_staff_find_their_backup_codes_in_the_admin_header(
    client, trained_staff, settings
):
    device = confirmed_authenticator(trained_staff)
    client.force_login(trained_staff)
    assert f'href="{BACKUP_CODES}"' not in client.get("/admin/").content.decode()

    settings.ADMIN_2FA_REQUIRED = True
    client.post(VERIFY, {"code": authenticator_code(device)})

    assert f'href="{BACKUP_CODES}"' in client.get("/admin/").content.decode()
