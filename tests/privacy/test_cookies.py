import pytest
from django.test import RequestFactory

from privacy.cookies import (
    FUNCTIONAL,
    choice_pending,
    functional_allowed,
    group_texts,
    optional_groups,
)

pytestmark = pytest.mark.django_db


def _request(consent_cookie=None):
    request = RequestFactory().get("/en/")
    if consent_cookie is not None:
        request.COOKIES["cookie_consent"] = consent_cookie
    return request


def _version():
    return next(g for g in optional_groups() if g.varname == FUNCTIONAL).get_version()


def test_P02_the_groups_are_necessary_and_functional_with_their_cookies():
    from cookie_consent.models import CookieGroup

    necessary = CookieGroup.objects.get(varname="necessary")
    assert necessary.is_required and not necessary.is_deletable
    functional = CookieGroup.objects.get(varname=FUNCTIONAL)
    assert not functional.is_required and functional.is_deletable
    assert {c.name for c in functional.cookie_set.all()} == {"django_language", "dkz_compare"}
    assert [g.varname for g in optional_groups()] == [FUNCTIONAL]


def test_functional_allowed_only_after_acceptance():
    assert not functional_allowed(_request())
    assert not functional_allowed(_request("functional=-1"))
    assert functional_allowed(_request(f"functional={_version()}"))
    assert not functional_allowed(_request("functional=2000-01-01T00:00:00+00:00"))  # outdated


def test_the_banner_asks_until_a_current_choice_is_made():
    assert choice_pending(_request())
    assert not choice_pending(_request("functional=-1"))
    assert not choice_pending(_request(f"functional={_version()}"))
    assert choice_pending(_request("functional=2000-01-01T00:00:00+00:00"))  # group changed since


def test_group_texts_are_translated():
    from django.utils import translation

    with translation.override("kk"):
        assert str(group_texts(FUNCTIONAL)["name"]) == "Функционалдық"
    with translation.override("ru"):
        assert str(group_texts("necessary")["name"]) == "Необходимые"
