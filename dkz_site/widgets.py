"""Form widgets written out in Python: the HTML Django's widget templates give, without rendering a template per
widget and an included template per option.

The directory's filter form is on every uncached directory page; through Django's templates its selects (21
regions, 9 categories, 2 orders) cost more than the 20 member cards below them. These produce the same elements,
attributes and options, so labels, `aria-describedby` and the chosen option work as before.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

_ESCAPED: dict[tuple, list[tuple[str, str]]] = {}


def _escaped(name: str, choices, language: str | None) -> list[tuple[str, str]]:
    """A select's values and labels, translated and escaped once per field, language and worker process (the
    choices of a field are fixed when the code is loaded)."""
    key = (name, tuple(value for value, _label in choices), language)
    found = _ESCAPED.get(key)
    if found is None:
        found = [
            (str(conditional_escape(v)), str(conditional_escape(label))) for v, label in choices
        ]
        if len(_ESCAPED) < 256:
            _ESCAPED[key] = found
    return found


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, list | tuple) for _value, label in self.choices):
            # Option groups: Django's own templates.
            return super().render(name, value, attrs, renderer)
        chosen = {str(conditional_escape(chosen)) for chosen in self.format_value(value)}
        options = "".join(
            f'\n<option value="{option}"{" selected" if option in chosen else ""}>{label}</option>'
            for option, label in _escaped(name, self.choices, get_language())
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<select name="{conditional_escape(name)}"{attributes}>{options}\n</select>'
        )


class PlainSearchInput(forms.TextInput):
    input_type = "search"

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = f' value="{conditional_escape(value)}"' if value is not None else ""
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<input type="{self.input_type}" name="{conditional_escape(name)}"{shown}{attributes}>'
        )
