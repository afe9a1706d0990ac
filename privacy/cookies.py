"""Questions the site asks about the visitor's cookie choices (django-cookie-consent underneath)."""

FUNCTIONAL = "functional"
LANGUAGE_COOKIE = "django_language"
COMPARE_COOKIE = "dkz_compare"


def functional_allowed(request) -> bool:
    """Whether the visitor accepted functional cookies (language preference, compare cart)."""
    if not choices_of(request):
        return False  # nothing chosen yet: answered without reading the groups
    state = group_state(request).get(FUNCTIONAL)
    return state is not None and state.state == ACCEPTED


# --- The groups as data, the banner, and reading a choice made in this very response ---

import ipaddress  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from cookie_consent.cache import all_cookie_groups  # noqa: E402
from cookie_consent.conf import settings as consent_settings  # noqa: E402
from cookie_consent.models import CookieGroup  # noqa: E402
from cookie_consent.util import parse_cookie_str  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

NECESSARY = "necessary"
ACCEPTED, DECLINED, PENDING = "accepted", "declined", "pending"
_GROUP_STATE_ATTRIBUTE = "_dkz_cookie_group_state"

# Change this date whenever the banner's or the cookies page's wording changes: each choice logs it.
BANNER_WORDING_VERSION = "2026-12-03"

# The one list of the cookies the site sets, by group: what the data migration stores (English), what the cookies
# page shows (translated), and what the test suite checks every Set-Cookie header it sees against. A cookie not
# listed here is never set. Each cookie: (name, what it does, how long it lives).
COOKIE_GROUPS = [
    {
        "varname": NECESSARY,
        "name": _("Necessary"),
        "description": _("Needed for the site to work and to remember your cookie choice."),
        "is_required": True,
        "ordering": 1,
        "cookies": [
            (
                "sessionid",
                _(
                    "Keeps staff signed in to the administration. For visitors, it carries a one-time "
                    "confirmation (for example, that your cookie choice was saved) to the next page and is "
                    "deleted as soon as that page is shown."
                ),
                _("Staff: two weeks. Visitors: until the next page."),
            ),
            (
                "csrftoken",
                _("Protects forms against cross-site request forgery."),
                _("One year."),
            ),
            (
                "cookie_consent",
                _("Remembers your choice about cookies for one year."),
                _("One year."),
            ),
            (
                "dkz_cabinet",
                _("Keeps a member company's representative signed in to the member cabinet."),
                _("Until sign-out, at most 12 hours."),
            ),
        ],
    },
    {
        "varname": FUNCTIONAL,
        "name": _("Functional"),
        "description": _(
            "Remember your language for the next visit and the equipment you put in the compare cart."
        ),
        "is_required": False,
        "ordering": 2,
        "cookies": [
            (
                LANGUAGE_COOKIE,
                _("Remembers the language you last read the site in."),
                _("One year."),
            ),
            (COMPARE_COOKIE, _("Remembers the equipment in your compare cart."), _("30 days.")),
        ],
    },
]

LISTED_COOKIES = frozenset(cookie[0] for group in COOKIE_GROUPS for cookie in group["cookies"])
# The cookies of the required group: never removed for want of consent, so a request or response holding only
# these needs no look at the optional groups.
NECESSARY_COOKIES = frozenset(
    cookie[0] for group in COOKIE_GROUPS if group["is_required"] for cookie in group["cookies"]
)

_TEXTS = {group["varname"]: group for group in COOKIE_GROUPS}


def group_texts(varname: str) -> dict:
    """Translated name and description of a group (the package stores one language only)."""
    return _TEXTS.get(varname, {"name": varname, "description": ""})


def listed_cookies(varname: str) -> list[tuple]:
    """The cookies of one group as the cookies page lists them: (name, what it does, how long it lives)."""
    return list(group_texts(varname).get("cookies", []))


def optional_groups():
    """The groups a visitor chooses about, from the package's cache (no query once cached)."""
    return list(all_cookie_groups().values())


def choice_pending(request) -> bool:
    """Whether the visitor has yet to accept or decline some optional group: the banner asks.

    Without the consent cookie nothing was chosen yet: answered without even reading the groups.
    """
    if not choices_of(request):
        return True
    return any(state.state == PENDING for state in group_state(request).values())


@dataclass(frozen=True)
class GroupState:
    """One optional cookie group and where the visitor stands on it: ACCEPTED, DECLINED or PENDING."""

    group: CookieGroup
    state: str


def group_state(request) -> dict[str, GroupState]:
    """Every optional group with the visitor's answer, by varname, in the groups' order.

    The one reading of the groups per request (memoised on it): the banner, the cookies page, the
    functional-cookie checks and the middleware all ask this, so they agree, and the cache is read once.
    An acceptance of an older version of a group (a cookie was added since) is pending: the banner asks again.
    """
    cached = getattr(request, _GROUP_STATE_ATTRIBUTE, None)
    if cached is None:
        choices = choices_of(request)
        cached = {
            group.varname: GroupState(group=group, state=_state(choices, group))
            for group in optional_groups()
        }
        setattr(request, _GROUP_STATE_ATTRIBUTE, cached)
    return cached


def _state(choices: dict[str, str], group) -> str:
    if group_accepted(choices, group):
        return ACCEPTED
    if choices.get(group.varname) == consent_settings.COOKIE_CONSENT_DECLINE:
        return DECLINED
    return PENDING


def choices_after(request, response) -> dict[str, str]:
    """The consent cookie as it will be once this response arrives (a choice may be made in it)."""
    morsel = response.cookies.get(consent_settings.COOKIE_CONSENT_NAME)
    if morsel is not None:
        return {} if is_deletion(morsel) else parse_cookie_str(morsel.value)
    return choices_of(request)


def choices_of(request) -> dict[str, str]:
    """The consent cookie the browser sent: group varname -> accepted version, or the decline mark."""
    return parse_cookie_str(request.COOKIES.get(consent_settings.COOKIE_CONSENT_NAME, ""))


def group_accepted(choices: dict[str, str], group) -> bool:
    """The package's rule: accepted when the stored version is at least the group's current version."""
    version = choices.get(group.varname)
    if version is None or version == consent_settings.COOKIE_CONSENT_DECLINE:
        return False
    return version >= group.get_version()


def is_deletion(morsel) -> bool:
    return str(morsel.get("max-age", "")) == "0" or "1970" in str(morsel.get("expires", ""))


def truncate_ip(address: str) -> str:
    """Enough to show where a choice came from, too little to identify anyone: /24 (IPv4), /48 (IPv6)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def install_cookie_groups(cookie_group_model, cookie_model) -> None:
    """Store the groups and their cookies (English in the database; pages show the translations).

    Used by the data migration and, after a test flush, by the test suite. Idempotent.
    """
    from django.utils import translation

    with translation.override("en"):
        for spec in COOKIE_GROUPS:
            group, _created = cookie_group_model.objects.update_or_create(
                varname=spec["varname"],
                defaults={
                    "name": str(spec["name"]),
                    "description": str(spec["description"]),
                    "is_required": spec["is_required"],
                    "is_deletable": not spec["is_required"],
                    "ordering": spec["ordering"],
                },
            )
            for name, description, _lifetime in spec["cookies"]:
                cookie_model.objects.update_or_create(
                    cookiegroup=group,
                    name=name,
                    domain="",
                    defaults={"description": str(description), "path": "/"},
                )
            names = [cookie[0] for cookie in spec["cookies"]]
            cookie_model.objects.filter(cookiegroup=group).exclude(name__in=names).delete()
    from cookie_consent.cache import delete_cache

    delete_cache()  # historical models skip the package's own cache clearing
