import functools
import re

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse, translate_url
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dkz_site import dates
from dkz_site.pagination import pagination as page_links
from dkz_site.typography import keep_together

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


# The head's hreflang alternates and the header's language switcher, from `language_links`: written out in Python
# (on every page; through the template's loops and tags they cost about 0.1 ms).


@register.simple_tag(takes_context=True)
def alternate_links(context, languages):
    """`<link rel="alternate" hreflang=...>` to the page in each language, with absolute URLs."""
    links = [
        f'<link rel="alternate" hreflang="{esc(language["code"])}" '
        f'href="{esc(absolute_url(context, language["url"]))}">\n  '
        for language in languages
    ]
    return mark_safe("".join(links))


@register.simple_tag
def language_switcher(languages):
    """The switcher's `<li>` links: each language named in itself, the page's marked as current."""
    items = []
    for language in languages:
        code = esc(language["code"])
        current = ' aria-current="true"' if language["current"] else ""
        items.append(
            f'\n            <li><a href="{esc(language["url"])}" hreflang="{code}" lang="{code}"'
            f"{current}>{esc(language['name'])}</a></li>"
        )
    return mark_safe("".join(items))


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@register.filter
def kept_together(text):
    """Plain text escaped and set for reading on a narrow screen (`dkz_site.typography.keep_together`)."""
    return keep_together(text)


@register.filter
def policy_text(text):
    """Plain text (a policy's paragraph) escaped and set for reading, with its email addresses as mailto links."""
    linked = _EMAIL.sub(
        lambda found: f'<a href="mailto:{found[0]}">{found[0]}</a>', str(keep_together(text))
    )
    return mark_safe(
        linked
    )  # escaped first; an address the pattern finds holds no markup characters


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


# The main menu: (section, URL name, label). A page belongs to the section of its URL namespace or name
# (SECTION_OF), so a profile marks "Members" and an event marks "Events" as where the visitor is.
MENU = [
    ("home", "home", _("Home")),
    ("about", "association:about", _("About us")),
    ("membership", "association:membership", _("Membership")),
    ("members", "directory:members", _("Members")),
    ("equipment", "directory:equipment_list", _("Equipment")),
    ("news", "association:news", _("News")),
    ("events", "association:events", _("Events")),
    ("apply", "accreditation:apply", pgettext_lazy("menu", "Accreditation")),
    ("contact", "enquiries:contact", _("Contact")),
]
SECTION_OF = {
    "home": "home",
    "association:about": "about",
    "association:person_photo": "about",
    "association:document": "about",
    "association:working_groups": "about",
    "association:working_group": "about",
    "association:membership": "membership",
    "directory:members": "members",
    "directory:member": "members",
    "directory:map": "members",
    "directory:equipment_list": "equipment",
    "directory:equipment_detail": "equipment",
    "directory:compare": "equipment",
    "association:news": "news",
    "association:news_post": "news",
    "association:events": "events",
    "association:event": "events",
    "association:registered": "events",
    "association:waiting": "events",
    "association:cancelled": "events",
    "association:registration": "events",
    "accreditation": "apply",
    "enquiries": "contact",
}


@register.simple_tag(takes_context=True)
def menu_items(context):
    """The menu's links; the one of the page's section carries aria-current: "page" on that very page,
    "true" on a page within it. Depends on the view alone (the menu is cached per view)."""
    match = getattr(context.get("request"), "resolver_match", None)
    view_name = match.view_name if match else ""
    section = SECTION_OF.get(view_name) or SECTION_OF.get(view_name.split(":")[0])
    items = []
    for key, url_name, label in MENU:
        current = ""
        if key == section:
            current = "page" if view_name == url_name else "true"
        items.append({"url": reverse(url_name), "label": label, "current": current})
    return items
