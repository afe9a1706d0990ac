"""Property-based fuzzing of every query parameter of the list pages: always the page, never a server error.

The members directory (q, region, category, sort, page), the equipment catalogue (category, member, page) and
the comparison (items) are shared, bookmarked and crawled URLs: any value of any parameter, repeated or not,
valid or not, gets the page (a value that does not validate is ignored). Several parameters reach the database
(`q` in the search, `member` as a slug, `items` as ids), where PostgreSQL refuses a NUL byte.
"""

from urllib.parse import quote_from_bytes

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accreditation.regions import Region
from directory.models import Category
from tests.directory.factories import EquipmentFactory

from .fuzzing import (
    LANGUAGES,
    assert_no_server_error,
    form_data,
    fuzz_client,
    fuzz_settings,
    nasty_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    """Two members with an item each, so filters and pages have something to find."""
    items = [EquipmentFactory(), EquipmentFactory(category=Category.NETWORK)]
    return {
        "slugs": [item.member.profile.slug for item in items],
        "ids": [str(item.pk) for item in items],
    }


def get(client, url, params):
    response = client.get(url, params)
    assert_no_server_error(response)
    assert response.status_code == 200, response.status_code
    return response


MEMBER_PARAMS = {
    "q": st.sampled_from(["Member", "Company 1", "150540"]),
    "region": st.sampled_from(Region.values),
    "category": st.sampled_from(Category.values),
    "sort": st.sampled_from(["name", "newest"]),
    "page": st.sampled_from(["1", "2", "999999999999999999999"]),
}


@fuzz_settings
@given(params=form_data(MEMBER_PARAMS), language=LANGUAGES)
def test_members_directory(catalogue, params, language):
    get(fuzz_client(), f"/{language}/members/", params)


@fuzz_settings
@given(data=st.data(), language=LANGUAGES)
def test_equipment_catalogue(catalogue, data, language):
    params = data.draw(
        form_data(
            {
                "category": st.sampled_from(Category.values),
                "member": st.sampled_from(catalogue["slugs"]),
                "page": st.sampled_from(["1", "2", "-1"]),
            }
        )
    )
    get(fuzz_client(), f"/{language}/equipment/", params)


@fuzz_settings
@given(data=st.data(), language=LANGUAGES)
def test_comparison(catalogue, data, language):
    valid = st.lists(st.sampled_from(catalogue["ids"]), max_size=6).map(",".join)
    params = data.draw(form_data({"items": valid}))
    response = get(fuzz_client(), f"/{language}/equipment/compare/", params)
    assert "dkz_compare" not in response.cookies or not response.cookies["dkz_compare"].value


@fuzz_settings
@given(
    raw=st.binary(max_size=200),
    path=st.sampled_from(["members/", "equipment/", "equipment/compare/"]),
    language=LANGUAGES,
)
def test_any_bytes_in_the_query_string(catalogue, raw, path, language):
    """Bytes that are not UTF-8 at all, percent-encoded as a client may send them, or raw `&`/`=` soup."""
    client = fuzz_client()
    for query in (quote_from_bytes(raw, safe="&=,"), raw.decode("latin-1")):
        response = client.get(f"/{language}/{path}", QUERY_STRING=query)
        assert_no_server_error(response)
        assert response.status_code == 200


@fuzz_settings
@given(
    consent=st.one_of(nasty_text, st.just("functional=2026-01-01T00:00:00+00:00")),
    cart=nasty_text,
    language_cookie=nasty_text,
    path=st.sampled_from(["equipment/", "equipment/compare/", "cookies/"]),
    language=LANGUAGES,
)
def test_any_cookie_values(catalogue, consent, cart, language_cookie, path, language):
    """The consent, compare-cart and language cookies are the visitor's to edit: garbage is ignored."""
    client = fuzz_client()
    cookie_header = "; ".join(
        f"{name}={value}"
        for name, value in (
            ("cookie_consent", consent),
            ("dkz_compare", cart),
            ("django_language", language_cookie),
        )
    )
    # As a WSGI server hands a header over: its bytes (here UTF-8) read as Latin-1.
    as_received = cookie_header.encode("utf-8").decode("latin-1")
    response = client.get(f"/{language}/{path}", HTTP_COOKIE=as_received)
    assert_no_server_error(response)
    assert response.status_code == 200
