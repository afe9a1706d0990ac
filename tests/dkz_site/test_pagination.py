"""Page links speak the page's language: every word of them is in the catalogue."""

import pytest
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils import translation

from dkz_site.pagination import pagination


@pytest.mark.parametrize(
    ("language", "previous", "following"),
    [("kk", "Алдыңғы", "Келесі"), ("ru", "Назад", "Далее")],
)
def test_previous_and_next_are_translated(language, previous, following):
    page = Paginator(range(100), 10).get_page(5)
    page.links = [4, 5, 6]
    with translation.override(language):
        html = pagination(page, QueryDict("sort=name"))
    assert f'rel="prev">{previous}<' in html and f'rel="next">{following}<' in html
    assert "sort=name&amp;page=6" in html
