import datetime

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.utils import timezone

from dkz_site.admin_site import holds_personal_data
from tests.accounts.helpers import PASSWORD, sign_in_with_password

pytestmark = pytest.mark.django_db

LIMIT = 5


def fail(client, email, times=1, **extra):
    for _ in range(times):
        response = client.post(
            "/admin/login/", {"username": email, "password": "not-the-password-0"}, **extra
        )
    return response


def is_locked_out(response) -> bool:
    return response.status_code == 429


def test_settings_lock_after_five_failures_for_an_hour(settings):
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert datetime.timedelta(hours=settings.AXES_COOLOFF_TIME) == datetime.timedelta(hours=1)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"], "ip_address"]
    assert settings.AXES_HANDLER == "accounts.lockout.StaffLockoutHandler"
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_four_failures_do_not_lock(client, staff_user):
    response = fail(client, staff_user.email, times=LIMIT - 1)
    assert response.status_code == 200  # the login form again, with its error
    assert sign_in_with_password(client, staff_user).status_code == 302


def test_account_locked_after_five_failures_even_with_the_right_password(client, staff_user):
    response = fail(client, staff_user.email, times=LIMIT, HTTP_ACCEPT_LANGUAGE="en")
    assert is_locked_out(response)
    assert "Sign-in is locked for 60 minutes" in response.content.decode()

    response = sign_in_with_password(client, staff_user, HTTP_ACCEPT_LANGUAGE="en")

    assert is_locked_out(response)
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username=staff_user.email)
    assert attempt.failures_since_start == LIMIT
    assert "not-the-password-0" not in attempt.post_data  # the tried password is never stored


def test_a_stranger_hammering_an_account_locks_only_their_own_address(client, staff_user):
    """Someone who knows a staff address and tries passwords from their address cannot lock the staff member out."""
    response = fail(client, staff_user.email, times=LIMIT + 3, REMOTE_ADDR="198.51.100.66")
    assert is_locked_out(response)
    assert response["Retry-After"] == "3600"

    assert is_locked_out(sign_in_with_password(client, staff_user, REMOTE_ADDR="198.51.100.66"))
    response = sign_in_with_password(client, staff_user, REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 302


def test_failures_from_a_few_addresses_lock_no_one_else(client, staff_user):
    for number in range(LIMIT):
        fail(client, staff_user.email, REMOTE_ADDR=f"198.51.100.{number + 1}")

    response = sign_in_with_password(client, staff_user, REMOTE_ADDR="203.0.113.77")

    assert response.status_code == 302


def spread_failures(client, email, count):
    """`count` failures for one account, each from another address (a botnet)."""
    for number in range(count):
        fail(client, email, REMOTE_ADDR=f"198.51.{100 + number // 250}.{number % 250 + 1}")


def test_an_account_attacked_from_many_addresses_is_slowed_down_for_unknown_ones(
    client, staff_user, settings
):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    sign_in_with_password(
        client, staff_user, REMOTE_ADDR="203.0.113.8"
    )  # the staff member's office
    client.logout()
    spread_failures(client, staff_user.email, 12)

    # From a new address: one try per LOGIN_SLOWDOWN_SECONDS for the whole account, even with the password.
    response = sign_in_with_password(
        client, staff_user, REMOTE_ADDR="192.0.2.50", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert is_locked_out(response)
    assert "can be tried once every 60 seconds only" in response.content.decode()
    assert response["Retry-After"] == "60"
    # From the office the staff member signed in from before: as usual.
    assert sign_in_with_password(client, staff_user, REMOTE_ADDR="203.0.113.8").status_code == 302
    client.logout()

    # Once the pause after the account's last failure has passed, a new address gets one try.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(seconds=61))
    assert sign_in_with_password(client, staff_user, REMOTE_ADDR="192.0.2.50").status_code == 302


def test_below_the_account_bound_nothing_is_slowed(client, staff_user, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    spread_failures(client, staff_user.email, 11)
    assert sign_in_with_password(client, staff_user, REMOTE_ADDR="192.0.2.50").status_code == 302


def test_changing_the_letter_case_does_not_start_a_new_count(client, staff_user):
    for email in [
        "STAFF@digitalkazakhstan.org",
        "Staff@DigitalKazakhstan.org",
        " staff@digitalkazakhstan.org",
    ] + [staff_user.email] * 2:
        fail(client, email, REMOTE_ADDR="198.51.100.1")
    assert AccessAttempt.objects.get().failures_since_start == LIMIT
    assert is_locked_out(sign_in_with_password(client, staff_user, REMOTE_ADDR="198.51.100.1"))


def test_address_locked_after_five_failures_across_accounts(client, staff_user, trained_staff):
    for number in range(LIMIT):
        fail(client, f"guess{number}@digitalkazakhstan.org", REMOTE_ADDR="198.51.100.9")

    # Every account is locked from that address, ...
    assert is_locked_out(sign_in_with_password(client, trained_staff, REMOTE_ADDR="198.51.100.9"))
    # ... but the same staff member signs in from another one.
    response = sign_in_with_password(client, trained_staff, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302


def test_address_is_the_projects_client_ip_behind_trusted_proxies(client, trained_staff, settings):
    """Behind one trusted proxy, the lockout counts the client's address from X-Forwarded-For (not the proxy's)."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(LIMIT):
        fail(
            client,
            f"guess{number}@digitalkazakhstan.org",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9",  # the left part is the client's own claim
            **proxy,
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.9"}

    locked = sign_in_with_password(
        client, trained_staff, HTTP_X_FORWARDED_FOR="5.6.7.8, 198.51.100.9", **proxy
    )
    assert is_locked_out(locked)
    other_client = sign_in_with_password(
        client, trained_staff, HTTP_X_FORWARDED_FOR="198.51.100.10", **proxy
    )
    assert other_client.status_code == 302


def test_lockout_ends_after_an_hour(client, staff_user):
    fail(client, staff_user.email, times=LIMIT)
    assert is_locked_out(sign_in_with_password(client, staff_user))

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=61))

    assert sign_in_with_password(client, staff_user).status_code == 302


def test_tries_during_the_lockout_do_not_extend_it(client, staff_user):
    fail(client, staff_user.email, times=LIMIT)
    locked_at = AccessAttempt.objects.get().attempt_time
    fail(client, staff_user.email, times=3)
    attempt = AccessAttempt.objects.get()
    assert attempt.attempt_time == locked_at
    assert attempt.failures_since_start == LIMIT


def test_lockout_page_is_translated_and_in_the_admins_frame(client, staff_user):
    fail(client, staff_user.email, times=LIMIT - 1)
    response = fail(client, staff_user.email, HTTP_ACCEPT_LANGUAGE="ru")
    assert is_locked_out(response)
    html = response.content.decode()
    assert '<html lang="ru"' in html
    assert "Вход временно заблокирован" in html
    assert "Digital Kazakhstan" in html  # the admin's header
    assert "accounts/staff_auth.css" in html


def test_p25_staff_unlock_from_the_admin(client, staff_user, admin_client_trained):
    """P25: only authorised staff lift a lockout, from the admin's list of access attempts."""
    fail(client, staff_user.email, times=LIMIT)
    assert is_locked_out(sign_in_with_password(client, staff_user))
    changelist = admin_client_trained.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert staff_user.email in changelist.content.decode()

    response = admin_client_trained.post(
        "/admin/axes/accessattempt/",
        {
            "action": "unlock_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
        },
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in_with_password(client, staff_user).status_code == 302


def test_p25_staff_without_rights_cannot_unlock(client, staff_user):
    """P25: a staff member without permissions on access attempts gets no list and no unlock."""
    fail(client, "someone@digitalkazakhstan.org", times=LIMIT)
    client.force_login(staff_user)
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    client.post(
        "/admin/axes/accessattempt/",
        {
            "action": "unlock_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
        },
    )
    assert AccessAttempt.objects.count() == 1


def test_lockout_admins_hold_personal_data():
    """P25: access attempts and logs store email addresses and client IPs."""
    from axes.models import AccessFailureLog

    for model in [AccessAttempt, AccessLog, AccessFailureLog]:
        assert holds_personal_data(admin.site._registry[model])


def test_successful_sign_in_is_logged_with_the_client_ip(client, staff_user):
    sign_in_with_password(client, staff_user, REMOTE_ADDR="203.0.113.8")
    log = AccessLog.objects.get()
    assert (log.username, log.ip_address) == (staff_user.email, "203.0.113.8")


def test_test_client_login_and_force_login_keep_working(client, staff_user):
    assert client.login(email=staff_user.email, password=PASSWORD) is True
    client.logout()
    assert client.login(email=staff_user.email, password="wrong-password-000") is False
    assert AccessAttempt.objects.get().username == staff_user.email
    client.force_login(staff_user)
    assert client.session["_auth_user_id"] == str(staff_user.pk)
