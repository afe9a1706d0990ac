import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from directory import parts

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the element or open a comment.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data):
    """A JSON-LD data block. Browsers never execute it, so the CSP's script-src does not apply."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def filter_field(field):
    return parts.filter_field(field)


@register.simple_tag
def member_cards(members):
    return parts.member_cards(members)


@register.simple_tag
def specification_table(groups):
    return parts.specification_table(groups)


@register.simple_tag
def comparison_kinds(comparison):
    return parts.comparison_kinds(comparison)


@register.simple_tag(takes_context=True)
def comparison_columns(context, comparison, compare):
    return parts.comparison_columns(comparison, compare, context.get("csrf_token"))


@register.simple_tag
def comparison_rows(comparison):
    return parts.comparison_rows(comparison)


@register.simple_tag(takes_context=True)
def equipment_cards(context, items, compare):
    return parts.equipment_cards(
        items, compare, context.get("csrf_token"), context["request"].get_full_path()
    )


@register.simple_tag(takes_context=True)
def compare_form(context, item, compare):
    form = parts.CompareForm(compare, context.get("csrf_token"), context["request"].get_full_path())
    return form.render(item)


@register.filter
def in_language(text):
    """A translated text (`Equipment.display_name`, a specification's label or value) with its `lang` and a
    note when it is a fallback in another language."""
    return parts.in_language(text)
