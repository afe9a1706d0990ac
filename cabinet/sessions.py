"""The cabinet's own session cookie: a signed random key whose digest names a CabinetSession row.

Separate from Django's session and from staff authentication: signing in here never logs anyone in to the
admin, and a staff session never opens a cabinet.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from . import services


def read_session(request):
    key = request.get_signed_cookie(
        settings.CABINET_COOKIE_NAME,
        default="",
        salt=services.COOKIE_SALT,
        max_age=settings.CABINET_SESSION_HOURS * 3600,
    )
    return services.session_for_key(key)


def set_cookie(response, value: str) -> None:
    response.set_signed_cookie(
        settings.CABINET_COOKIE_NAME,
        value,
        salt=services.COOKIE_SALT,
        max_age=settings.CABINET_SESSION_HOURS * 3600,
        secure=settings.CABINET_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget_cookie(response) -> None:
    response.delete_cookie(settings.CABINET_COOKIE_NAME, samesite="Lax")


def cabinet_required(view):
    """The view runs with `request.cabinet` (a CabinetSession); without one, the sign-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        session = read_session(request)
        if session is None:
            response = redirect("cabinet:sign_in")
            if settings.CABINET_COOKIE_NAME in request.COOKIES:
                forget_cookie(response)
        else:
            request.cabinet = session
            response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response.setdefault("X-Robots-Tag", "noindex")
        return response

    return wrapper
