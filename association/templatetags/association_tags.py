from django import template
from django.utils.translation import pgettext_lazy

from ..markdown import render_markdown
from ..models import Event, NewsPost

register = template.Library()

# "(in Russian)" after the title of a text shown in another language than the page's.
IN_LANGUAGE = {
    "kk": pgettext_lazy("language of a text", "in Kazakh"),
    "ru": pgettext_lazy("language of a text", "in Russian"),
    "en": pgettext_lazy("language of a text", "in English"),
}


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def localised(obj, field):
    """`obj.<field>_<language>` in the page's language, or in the language the text is written in."""
    return obj.localised(field)


@register.filter
def text_lang(obj):
    """The language `obj` is shown in on this page (its `lang` attribute when it differs from the page's)."""
    return obj.text_language()


@register.filter
def in_language(code):
    return IN_LANGUAGE.get(code, code)


@register.inclusion_tag("association/includes/home_news.html", takes_context=True)
def latest_news(context, count=3):
    posts = NewsPost.objects.published().latest_first()[:count]
    return {"posts": posts, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.inclusion_tag("association/includes/home_events.html", takes_context=True)
def upcoming_events(context, count=3):
    events = Event.objects.published().upcoming()[:count]
    return {"events": events, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}
