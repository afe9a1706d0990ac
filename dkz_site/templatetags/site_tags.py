from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.translation import get_language_info

from dkz_site import dates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each site language, for the switcher and hreflang alternates."""
    request = context["request"]
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "current": code == context.get("LANGUAGE_CODE"),
            }
        )
    return links


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
