from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Stands for the page's address in the banner kept per language; escapes to itself.
_NEXT = "dkz-cookie-banner-next-7319146628391"


@register.simple_tag(takes_context=True)
def site_banners(context):
    """The site-wide banners every page carries: an announced material change of the policy
    (`privacy/includes/policy_banner.html`), and the cookie question until the visitor has answered it (not on
    the cookies page itself). Written here rather than through an included template: on every page that cost
    about 60 µs."""
    banners = ""
    change = context.get("policy_change")
    if change:
        banners = render_to_string("privacy/includes/policy_banner.html", {"policy_change": change})
    match = getattr(context.get("request"), "resolver_match", None)
    if (
        context.get("cookie_choice_pending")
        and getattr(match, "view_name", "") != "privacy:cookies"
    ):
        banners += cookie_banner(context)
    return mark_safe(banners)


@register.simple_tag(takes_context=True)
def cookie_banner(context):
    """The cookie question (`privacy/includes/cookie_banner.html`): rendered once per language in each worker and
    kept with the page's other fragments (`CACHES["fragments"]`), the page's address put in its two forms. On
    every page of a visitor who has not chosen yet, through the template it cost about half a millisecond."""
    fragments = caches["fragments"]
    key = f"cookie-banner:{get_language()}"
    banner = fragments.get(key)
    if banner is None:
        banner = render_to_string("privacy/includes/cookie_banner.html", {"next": _NEXT})
        fragments.set(key, banner)
    page = conditional_escape(context["request"].get_full_path())
    return mark_safe(banner.replace(_NEXT, page))
