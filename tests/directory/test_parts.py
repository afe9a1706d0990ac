"""The directory's repeated parts written out in Python, and what is kept of them between requests."""

import pytest
from django.http import QueryDict
from django.utils import translation
from django.utils.text import Truncator

from accreditation.models import REGION_LABELS
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


@pytest.mark.parametrize(
    "text",
    [
        "",
        "One short line.",
        " ".join(f"word{n}" for n in range(28)),
        " ".join(f"word{n}" for n in range(29)),
        "Spaces  and\nnew lines\tbetween " * 10,
        " ".join(["many"] * 27 + ["…", "more"]),
        " ".join(["many"] * 26 + ["ends", "…", "more"]),
    ],
)
def test_a_cards_summary_is_what_truncator_gives(text):
    assert parts.summary(text) == Truncator(text).words(parts.SUMMARY_WORDS, truncate=" …")


def test_card_labels_are_kept_per_language():
    with translation.override("en"):
        english = parts._labels()(REGION_LABELS["KZ-71"])
        english_again = parts._labels()(REGION_LABELS["KZ-71"])
    with translation.override("ru"):
        russian = parts._labels()(REGION_LABELS["KZ-71"])
    assert english == english_again == "Astana"
    assert russian == "Астана"
