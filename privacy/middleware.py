"""Functional cookies only with consent (policy section 1, P02).

django-cookie-consent's CleanCookiesMiddleware deletes cookies the browser already holds; it does not stop a
view (Django's set_language, the compare cart) from setting one. This middleware does, and once functional
cookies are accepted it remembers the language read in, so that `/` sends the visitor back to it.
"""

from cookie_consent.middleware import CleanCookiesMiddleware
from django.conf import settings
from django.utils.translation import get_language_from_path

from .cookies import (
    DECLINED,
    LANGUAGE_COOKIE,
    NECESSARY_COOKIES,
    choices_after,
    choices_of,
    group_accepted,
    group_state,
    is_deletion,
)


class CleanDeclinedCookiesMiddleware(CleanCookiesMiddleware):
    """The package's CleanCookiesMiddleware, reading the groups through `group_state` like the rest of the
    request, and skipped when the browser sent no cookie but necessary ones (a CSRF token, the consent cookie):
    there is nothing to clean then, and /healthz must answer without touching the database or the cache.

    The package's rule (opt-in): a deletable group's cookies go when the group was declined or never chosen.
    """

    def process_response(self, request, response):
        if NECESSARY_COOKIES.issuperset(request.COOKIES):
            return response
        choices = choices_of(request)
        for state in group_state(request).values():
            group = state.group
            never_chosen = group.varname not in choices
            if not group.is_deletable or not (state.state == DECLINED or never_chosen):
                continue
            for cookie in group.cookie_set.all():
                if cookie.name in request.COOKIES:
                    response.delete_cookie(cookie.name, cookie.path, cookie.domain)
        return response


class FunctionalCookiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        choices = choices_after(request, response)
        if not choices and NECESSARY_COOKIES.issuperset(response.cookies):
            return response  # nothing accepted, only necessary cookies set: no group to look up
        for group in (state.group for state in group_state(request).values()):
            if group_accepted(choices, group):
                if any(cookie.name == LANGUAGE_COOKIE for cookie in group.cookie_set.all()):
                    remember_language(request, response)
                continue
            for cookie in group.cookie_set.all():
                morsel = response.cookies.get(cookie.name)
                if morsel is not None and not is_deletion(morsel):
                    del response.cookies[cookie.name]
        return response


def remember_language(request, response) -> None:
    """Store the language of a successful page under a language prefix, if it changed."""
    language = get_language_from_path(request.path_info)
    if not language or response.status_code != 200 or LANGUAGE_COOKIE in response.cookies:
        return
    if request.COOKIES.get(LANGUAGE_COOKIE) == language:
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class EndEmptySessionMiddleware:
    """A visitor's session exists only to carry a one-time confirmation to the next page (the cookies page says
    so): once the message is shown and the session holds nothing, it is deleted with its cookie. Django keeps
    an emptied session and its cookie otherwise. Placed right after SessionMiddleware, so that it sees the
    session after the messages framework took the shown message out of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.modified and not session.keys():
            session.flush()  # SessionMiddleware then deletes the cookie the browser sent
        return response
