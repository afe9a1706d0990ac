"""The widgets written out in Python give the elements, attributes and options Django's templates give."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.utils import translation

from dkz_site.widgets import PlainSearchInput, PlainSelect


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, sorted(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.found.append(("text", data.strip()))


CHOICES = [("", "All <regions>"), ("KZ-71", "Astana"), ("KZ-75", "Almaty & region")]


class Plain(forms.Form):
    region = forms.ChoiceField(required=False, choices=CHOICES, widget=PlainSelect)
    q = forms.CharField(
        required=False, help_text="Help", widget=PlainSearchInput(attrs={"maxlength": 100})
    )


class Django(forms.Form):
    region = forms.ChoiceField(required=False, choices=CHOICES)
    q = forms.CharField(
        required=False,
        help_text="Help",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": 100}),
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"region": "KZ-75", "q": 'a "quoted" <b>'}, {"region": "nowhere", "q": ""}],
)
@pytest.mark.parametrize("field", ["region", "q"])
def test_same_elements_as_djangos_templates(data, field):
    plain, django = Plain(data), Django(data)
    plain.is_valid(), django.is_valid()
    assert Elements(str(plain[field])).found == Elements(str(django[field])).found


def test_options_follow_the_language():
    from directory.forms import MemberFilterForm

    with translation.override("ru"):
        russian = str(MemberFilterForm()["region"])
    with translation.override("en"):
        english = str(MemberFilterForm()["region"])
    assert "Astana" in english and "Астана" in russian
