"""The directory's repeated parts written out in Python, and what is kept of them between requests."""

from django.http import QueryDict
from django.utils import translation

from directory import parts
from directory.forms import MemberFilterForm


def _field(query: str, name: str):
    form = MemberFilterForm(QueryDict(query))
    form.is_valid()
    return form[name]


def test_a_kept_filter_select_is_the_one_written_out(monkeypatch):
    written = []
    original = parts._filter_field
    monkeypatch.setattr(parts, "_filter_field", lambda field: written.append(1) or original(field))
    monkeypatch.setattr(parts, "_SELECTS", {})
    with translation.override("en"):
        first = parts.filter_field(_field("region=KZ-71", "region"))
        again = parts.filter_field(_field("region=KZ-71&q=other", "region"))
        fresh = original(_field("region=KZ-71", "region"))
    assert written == [1]
    assert again == first == fresh
    assert '<option value="KZ-71" selected>' in first


def test_a_kept_filter_select_follows_the_value_and_the_language(monkeypatch):
    monkeypatch.setattr(parts, "_SELECTS", {})
    with translation.override("en"):
        astana = parts.filter_field(_field("region=KZ-71", "region"))
        almaty = parts.filter_field(_field("region=KZ-75", "region"))
        every = parts.filter_field(_field("", "region"))
    with translation.override("kk"):
        kazakh = parts.filter_field(_field("region=KZ-71", "region"))
    assert '<option value="KZ-75" selected>' in almaty and 'KZ-71" selected' not in almaty
    assert '<option value="" selected>' in every and 'KZ-71" selected' not in every
    assert "All regions" in astana and "All regions" not in kazakh
    assert '<option value="KZ-71" selected>' in kazakh


def test_an_invalid_filter_value_is_marked_and_not_kept(monkeypatch):
    monkeypatch.setattr(parts, "_SELECTS", {})
    with translation.override("en"):
        html = parts.filter_field(_field("region=nowhere", "region"))
    assert 'aria-invalid="true"' in html
    assert parts._SELECTS == {}
