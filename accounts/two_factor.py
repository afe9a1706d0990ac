"""Two-factor sign-in for the staff admin (django-otp): an authenticator app (TOTP) plus single-use backup codes.

Staff keys open personal data of companies and people, so in production (`ADMIN_2FA_REQUIRED`) a password alone
does not open the admin: the first sign-in enrols an authenticator app, every later one asks for its code.
"""

import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

# Device names are labels for people, stored in the language of the staff member who set them up; code finds
# devices by user and kind, never by name.
AUTHENTICATOR_NAME = _("Authenticator app")
BACKUP_CODES_NAME = _("Backup codes")
BACKUP_CODE_COUNT = 10
_TOTP_TOKEN = re.compile(r"^\d{6}$")


def second_factor_required() -> bool:
    return settings.ADMIN_2FA_REQUIRED


def is_verified(user) -> bool:
    """Whether this session's user passed the second factor (OTPMiddleware sets `is_verified`)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def awaiting_second_factor(request) -> bool:
    """Staff who gave the right password but not yet the second factor, while the admin requires one."""
    user = request.user
    return (
        second_factor_required()
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not is_verified(user)
    )


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being enrolled: the same secret until confirmed, so reloading the page keeps the QR."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(AUTHENTICATOR_NAME), confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, label: str) -> str:
    """The device's otpauth:// URL as an inline SVG drawn on the server.

    Paths and presentation attributes only, no `style` attribute, so the page's CSP (`style-src 'self'`) allows it;
    a white background keeps it scannable in the admin's dark theme.
    """
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10
    )
    svg = image.get_image()
    svg.set("class", "qr-code")
    svg.set("role", "img")
    svg.set("aria-label", str(label))
    svg.set("focusable", "false")
    return image.to_string(encoding="unicode")


def normalise_code(code: str) -> str:
    """What staff type, without the spaces and dashes apps and printouts add."""
    return re.sub(r"[\s-]", "", code or "").lower()


def verify_throttled(user) -> bool:
    """Whether wrong codes made every device of the user wait before it accepts another try."""
    devices = list(devices_for_user(user, confirmed=True))
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


@transaction.atomic
def confirm_authenticator(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Finish enrolment with the first code the app shows.

    On the right code: the device is confirmed, this session counts as verified, and a fresh set of backup codes
    is returned to be shown once. On a wrong code: None (the device's throttling counts the failure).
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.user_id != request.user.pk or not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.devices_for_user(request.user, confirmed=False).delete()
    otp_login(request, device)
    return issue_backup_codes(user=request.user)


@transaction.atomic
def issue_backup_codes(*, user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """Replace the user's backup codes with `count` new ones; each opens the admin once.

    The old codes stop working. The caller shows the new ones once; they are not shown again. Backup codes are
    the user's only static device.
    """
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=str(BACKUP_CODES_NAME), confirmed=True)
    StaticToken.objects.filter(device__user=user).delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def verify_second_factor(*, request, code: str):
    """Check a code from the authenticator app or a backup code; on success the session counts as verified.

    Six digits go to the authenticator (a used code is refused until the next one); anything else is tried as a
    backup code, which is used up. Returns the device that accepted the code, or None.
    """
    code = normalise_code(code)
    if not code:
        return None
    model = TOTPDevice if _TOTP_TOKEN.match(code) else StaticDevice
    devices = model.objects.devices_for_user(request.user, confirmed=True).select_for_update()
    for device in devices:
        if device.verify_token(code):
            otp_login(request, device)
            return device
    return None


def forget_verification(request) -> None:
    """A new password sign-in must pass the second factor again, even in a session that passed it before."""
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
