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


# --- one reading of the groups per request, shared by the banner and the cookies page ---


def _banner_asks(client) -> bool:
    return 'class="cookie-banner"' in client.get("/en/").content.decode()


def _page_states(client) -> dict[str, str]:
    return {g["varname"]: g["state"] for g in client.get("/en/cookies/").context["groups"]}


@pytest.mark.parametrize(
    ("consent_cookie", "pending"),
    [
        (None, True),
        ("functional=-1", False),
        ("current", False),
        ("functional=2000-01-01T00:00:00+00:00", True),  # accepted before the group changed
    ],
)
def test_the_banner_and_the_cookies_page_agree_on_what_is_pending(client, consent_cookie, pending):
    if consent_cookie is not None:
        value = f"functional={_version()}" if consent_cookie == "current" else consent_cookie
        client.cookies["cookie_consent"] = value
    assert _banner_asks(client) is pending
    assert ("pending" in _page_states(client).values()) is pending


def test_a_group_added_after_the_choice_is_pending_on_the_banner_and_the_page(client):
    from cookie_consent.models import CookieGroup

    client.cookies["cookie_consent"] = f"functional={_version()}"
    assert not _banner_asks(client)
    CookieGroup.objects.create(varname="extra", name="Extra", is_required=False, ordering=3)
    assert _banner_asks(client)
    assert _page_states(client) == {FUNCTIONAL: "accepted", "extra": "pending"}


def test_a_page_reads_the_cookie_groups_once(client, monkeypatch):
    """Banner, middleware and functional-cookie checks share one reading of the groups per request."""
    import cookie_consent.cache

    client.cookies["cookie_consent"] = f"functional={_version()}"
    client.cookies["django_language"] = "en"
    reads = []
    original = cookie_consent.cache._get_cache

    def counting_cache():
        reads.append(1)
        return original()

    monkeypatch.setattr(cookie_consent.cache, "_get_cache", counting_cache)
    response = client.get("/en/")
    assert response.status_code == 200
    assert len(reads) == 1


def _count_group_reads(monkeypatch) -> list:
    import cookie_consent.cache

    reads = []
    original = cookie_consent.cache._get_cache

    def counting_cache():
        reads.append(1)
        return original()

    monkeypatch.setattr(cookie_consent.cache, "_get_cache", counting_cache)
    return reads


def test_a_visitor_with_only_necessary_cookies_costs_no_reading_of_the_groups(client, monkeypatch):
    """A CSRF token from an earlier form (and nothing chosen yet) leaves nothing to clean: the middleware does
    not look the groups up. A functional cookie sent without consent is still deleted."""
    client.cookies["csrftoken"] = "a" * 32
    reads = _count_group_reads(monkeypatch)
    response = client.get("/en/equipment/")
    assert response.status_code == 200
    assert reads == []
    client.cookies["dkz_compare"] = "1"
    response = client.get("/en/equipment/")
    assert reads
    assert response.cookies["dkz_compare"]["max-age"] == 0


def test_group_state_is_memoised_on_the_request():
    from privacy.cookies import group_state

    request = _request(f"functional={_version()}")
    assert group_state(request) is group_state(request)
    assert group_state(request)[FUNCTIONAL].state == "accepted"


@pytest.mark.django_db
def test_the_banner_kept_per_language_sends_each_page_back_to_itself(client):
    """The banner is rendered once per language and kept; each page still gets its own address in both forms and
    its own language's texts."""
    for path, text in [
        ("/en/members/?q=%3Cb%3E&region=KZ-71", "Cookie settings"),
        ("/ru/members/", "Настройки cookie-файлов"),
        ("/en/equipment/", "Cookie settings"),
    ]:
        html = client.get(path).content.decode()
        start = html.index('<section class="cookie-banner"')
        banner = html[start : html.index("</section>", start)]
        escaped = path.replace("&", "&amp;")
        assert banner.count(f'<input type="hidden" name="next" value="{escaped}">') == 2
        assert text in banner
