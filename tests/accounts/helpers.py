"""Shared steps of the staff sign-in tests: codes an authenticator app would show, and the password step."""

import re
import time
from urllib.parse import urlsplit

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.queue import sent_mail

PASSWORD = "a-long-staff-password-42"


def authenticator_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or `steps_ahead` 30-second steps later), from the device's secret key."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """Six digits no current step of the device accepts."""
    accepted = {authenticator_code(device, step) for step in (-1, 0, 1)}
    return next(
        candidate for candidate in ("000000", "111111", "222222") if candidate not in accepted
    )


def sign_in_with_password(client, user, password: str = PASSWORD, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": user.email, "password": password, "next": "/admin/"},
        **extra,
    )


def confirmed_authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def prove_mailbox(client, next_to: str = "/admin/"):
    """The first step of a first enrolment: the page emails a link, the staff member opens it in this session."""
    client.get("/admin/two-factor/enrol/", {"next": next_to})
    return client.get(enrolment_link_path(sent_mail()[-1].body))


def enrolment_link_path(body: str) -> str:
    url = urlsplit(re.search(r"https?://\S+/admin/two-factor/enrol/\S+", body)[0])
    return f"{url.path}?{url.query}"
