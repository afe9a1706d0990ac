"""Login lockout (django-axes): which account an attempt names, and the page a locked-out visitor sees.

The counting itself is django-axes' (settings: AXES_*): failures per account and per client IP, in the database so a
lockout holds across every app instance. Staff unlock an account by deleting its access attempts in the admin.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext


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


def lockout_response(request, original_response=None, credentials=None):
    """The translated lockout page, inside the staff admin's frame (HTTP 429)."""
    context = {
        **admin.site.each_context(request),
        "title": gettext("Sign-in temporarily locked"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": lockout_minutes(),
        "contact_email": settings.STAFF_NOTIFICATION_EMAIL,
    }
    return render(request, "accounts/lockout.html", context, status=429)
