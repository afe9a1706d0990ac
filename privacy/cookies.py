"""Questions the site asks about the visitor's cookie choices (django-cookie-consent underneath)."""

from cookie_consent.util import get_cookie_value_from_request

FUNCTIONAL = "functional"
LANGUAGE_COOKIE = "django_language"
COMPARE_COOKIE = "dkz_compare"


def functional_allowed(request) -> bool:
    """Whether the visitor accepted functional cookies (language preference, compare cart)."""
    return get_cookie_value_from_request(request, FUNCTIONAL) is True
