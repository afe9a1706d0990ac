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


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, list | tuple) for _value, label in self.choices):
            return super().render(
                name, value, attrs, renderer
            )  # option groups: Django's own templates
        chosen = set(self.format_value(value))
        options = "".join(
            f'\n  <option value="{conditional_escape(option)}"'
            f"{' selected' if str(option) in chosen else ''}>{conditional_escape(label)}</option>\n"
            for option, label in self.choices
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
