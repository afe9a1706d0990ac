"""Login lockout (django-axes): which account an attempt names, when sign-in is refused, and the page shown then.

The counting is django-axes' (settings: AXES_*), in the database so a lockout holds across every app instance and
whether or not the cache answers. A stranger who knows a staff member's address must not be able to lock them out:

- An account is locked after LOGIN_FAILURE_LIMIT failures from one client IP, for that IP only; a client IP is
  locked after as many failures across accounts. The staff member's own address is unaffected by either.
- Failures for one account spread over many addresses (more than LOGIN_ACCOUNT_FAILURE_LIMIT within the lockout
  time) slow that account down instead of locking it: from an address it never signed in from (within
  LOGIN_KNOWN_ADDRESS_DAYS), one try per LOGIN_SLOWDOWN_SECONDS for the whole account. Addresses it signed in from
  before keep their ordinary limit.

Staff unlock an account by deleting its access attempts in the admin.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from dkz_site.client_ip import client_ip

SLOWED = "slowed"  # request attribute `lockout_kind`: the account is slowed down, not locked


def attempted_account(request, credentials) -> str | None:
    """The email address a login attempt names, as accounts store it (trimmed, lower-case).

    The admin form sends it as `username`; `authenticate(email=...)` as `email`. Normalising it means changing the
    letter case does not start a fresh count.
    """
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if not value and request is not None:
        value = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    if not value or not isinstance(value, str):
        return None
    return value.strip().lower()


def lockout_minutes() -> int:
    return round(settings.AXES_COOLOFF_TIME * 60)


def _known_address(username: str, address: str) -> bool:
    """The account signed in successfully from this client IP within LOGIN_KNOWN_ADDRESS_DAYS."""
    since = timezone.now() - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(
        username=username, ip_address=address, attempt_time__gte=since
    ).exists()


def account_slowed_down(request, credentials=None) -> bool:
    """Failures for this account from many addresses: an unknown address waits LOGIN_SLOWDOWN_SECONDS after
    the account's last failure."""
    username = get_client_username(request, credentials)
    if not username:
        return False
    now = timezone.now()
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - timedelta(hours=settings.AXES_COOLOFF_TIME)
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (recent["failures"] or 0) < settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
        return False
    if _known_address(username, client_ip(request)):
        return False
    return recent["last"] > now - timedelta(seconds=settings.LOGIN_SLOWDOWN_SECONDS)


class StaffLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, plus the slow-down of an account attacked from many addresses."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if account_slowed_down(request, credentials):
            request.lockout_kind = SLOWED
            return True
        return False


def lockout_response(request, original_response=None, credentials=None):
    """The translated lockout page, inside the staff admin's frame (HTTP 429)."""
    slowed = getattr(request, "lockout_kind", None) == SLOWED
    context = {
        **admin.site.each_context(request),
        "title": gettext("Sign-in temporarily locked"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": lockout_minutes(),
        "slowed": slowed,
        "slowdown_seconds": settings.LOGIN_SLOWDOWN_SECONDS,
        "contact_email": settings.STAFF_NOTIFICATION_EMAIL,
    }
    response = render(request, "accounts/lockout.html", context, status=429)
    response["Retry-After"] = str(
        settings.LOGIN_SLOWDOWN_SECONDS if slowed else lockout_minutes() * 60
    )
    return response
