import functools

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.translation import get_language_info

from dkz_site import dates
from dkz_site.pagination import pagination as page_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each site language, for the switcher and hreflang alternates."""
    path = context["request"].get_full_path()
    current = context.get("LANGUAGE_CODE")
    return [
        {
            "code": code,
            "name": name,
            "url": in_language(path, current, code),
            "current": code == current,
        }
        for code, name in _local_names()
    ]


def in_language(path: str, current: str | None, code: str) -> str:
    """The same page in another language. No URL pattern is translated, so swapping the language prefix is
    what `translate_url` would give, without resolving and reversing the path (a tenth of a millisecond per
    page); paths without the prefix go through `translate_url`."""
    prefix = f"/{current}/"
    if current and path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return translate_url(path, code)


@functools.cache
def _local_names() -> list[tuple[str, str]]:
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """The absolute URL of `path` on this host; just the path when the request named a host we do not serve (the
    400 page answering it must not fail the same way)."""
    try:
        return context["request"].build_absolute_uri(path)
    except DisallowedHost:
        return path


@register.filter
def long_date(value):
    """The date in words, in the page's language (see dkz_site.dates)."""
    if not value:
        return ""
    return dates.long_date(value)


@register.simple_tag(takes_context=True)
def pagination(context, page):
    """Links to the previous, next and nearby pages of `page`, keeping the request's other query parameters."""
    return page_links(page, context["request"].GET)
