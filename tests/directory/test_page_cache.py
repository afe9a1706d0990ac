"""Directory pages in the shared cache: served only to the visitors they were rendered for, replaced on change."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Category, Equipment, MemberProfile
from dkz_site.page_cache import HEADER, cache_for_visitors
from privacy.models import ConsentPurpose
from privacy.services import block_email, unblock_email, withdraw_consent
from tests.accreditation.factories import MembershipFactory

from .conftest import consent_value
from .factories import EquipmentFactory, SpecificationFactory, with_specs

pytestmark = pytest.mark.django_db

URL = "/en/members/"


def names(response) -> list[str]:
    """The member cards' names as the HTML shows them (a cached page has no template context)."""
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a>', response.content.decode())


def test_second_visit_is_served_from_the_cache_with_the_same_page(client):
    MembershipFactory(company_name="Dala Cloud")
    first = client.get(URL)
    assert first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(URL)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert len(queries) == 0  # no count, no page, no categories: one round trip to the cache
    assert "Cookie" in second["Vary"]


def test_queries_on_a_miss_stay_pinned(client, django_assert_num_queries):
    for member in MembershipFactory.create_batch(45):
        EquipmentFactory(member=member)
    # the directory's counts per region and category (two grouped queries, kept until the directory changes),
    # the page's ids, their rows with their categories, and the policy-change banner of every page
    with django_assert_num_queries(5):
        assert client.get(URL)[HEADER] == "miss"
    # Another page of the same list: its count and the banner are kept in the cache.
    with django_assert_num_queries(2):
        assert client.get(URL, {"page": "2"})[HEADER] == "miss"


def test_a_new_member_or_an_edited_one_replaces_the_cached_pages(client):
    member = MembershipFactory(company_name="Dala Cloud")
    assert names(client.get(URL)) == ["Dala Cloud"]
    MembershipFactory(company_name="Altyn Systems")
    assert names(client.get(URL)) == ["Altyn Systems", "Dala Cloud"]
    member.company_name = "Dala Hosting"
    member.save()
    assert names(client.get(URL)) == ["Altyn Systems", "Dala Hosting"]
    profile = client.get(reverse("directory:member", args=[member.profile.slug]))
    assert "Dala Hosting" in profile.content.decode()


def test_equipment_changes_replace_the_cached_cards_and_profile(client):
    member = MembershipFactory(company_name="Qyran Aero")
    profile_url = reverse("directory:member", args=[member.profile.slug])
    assert '<span class="tag">Drones</span>' not in client.get(URL).content.decode()
    assert "Survey drone S100" not in client.get(profile_url).content.decode()

    item = EquipmentFactory(member=member, name="Survey drone S100", category=Category.DRONES)
    assert '<span class="tag">Drones</span>' in client.get(URL).content.decode()
    assert "Survey drone S100" in client.get(profile_url).content.decode()

    SpecificationFactory(equipment=item)  # a saved specification replaces the pages as well
    assert client.get(profile_url)[HEADER] == "miss"

    Equipment.objects.get(pk=item.pk).delete()
    assert "Survey drone S100" not in client.get(profile_url).content.decode()


def test_P19_blocking_and_unblocking_show_at_once_despite_the_cache(client):
    MembershipFactory(company_name="Open Ltd")
    blocked = MembershipFactory(company_name="Blocked Ltd", email="owner@blocked.kz")
    profile_url = reverse("directory:member", args=[blocked.profile.slug])
    assert names(client.get(URL)) == ["Blocked Ltd", "Open Ltd"]
    assert client.get(profile_url).status_code == 200

    block_email(email="owner@blocked.kz")
    assert names(client.get(URL)) == ["Open Ltd"]
    assert client.get(profile_url).status_code == 404

    # A bulk update, which sends no post_save: privacy announces it with its block_lifted signal.
    unblock_email(email="owner@blocked.kz")
    assert names(client.get(URL)) == ["Blocked Ltd", "Open Ltd"]


def test_P07_withdrawn_publication_unlists_at_once_despite_the_cache(client):
    MembershipFactory(company_name="Leaving Ltd", email="owner@leaving.kz")
    assert names(client.get(URL)) == ["Leaving Ltd"]
    # What the owning app's withdrawal handler does: a bulk update, which sends no signal ...
    MemberProfile.objects.filter(membership__email="owner@leaving.kz").update(is_published=False)
    assert names(client.get(URL)) == ["Leaving Ltd"]  # (still the cached page here)
    # ... and the directory's own handler replaces the cached pages.
    withdraw_consent(email="owner@leaving.kz", purpose=ConsentPurpose.DIRECTORY_PUBLICATION)
    assert names(client.get(URL)) == []


def test_languages_and_query_strings_never_share_a_page(client):
    MembershipFactory(company_name="Dala Cloud", region="KZ-71")
    MembershipFactory(company_name="Altyn Systems", region="KZ-75")
    english = client.get(URL)
    russian = client.get("/ru/members/")
    assert russian[HEADER] == "miss"
    assert 'lang="ru"' in russian.content.decode() and 'lang="en"' in english.content.decode()
    assert names(client.get(URL, {"region": "KZ-71"})) == ["Dala Cloud"]
    assert names(client.get(URL, {"region": "KZ-75"})) == ["Altyn Systems"]
    assert names(client.get(URL, {"q": "altyn"})) == ["Altyn Systems"]


def test_unknown_parameters_and_values_are_answered_but_not_cached(client):
    MembershipFactory(company_name="Dala Cloud", region="KZ-71")
    for query in (
        {"referrer": "newsletter"},  # a parameter the page does not read
        {"region": "KZ-99"},  # a region that does not exist
        {"page": "0"},
        {"page": "101"},  # past the pages ever shown: the last page, not a page of its own
        {"page": "two"},
        {"sort": "price"},
    ):
        for _visit in range(2):
            response = client.get(URL, query)
            assert names(response) == ["Dala Cloud"], query
            assert HEADER not in response, query
    client.get(f"{URL}?region=KZ-71&region=KZ-75")  # twice the same parameter
    assert HEADER not in client.get(f"{URL}?region=KZ-71&region=KZ-75")


def test_form_submissions_with_empty_fields_are_shared_pages(client):
    MembershipFactory(company_name="Dala Cloud", region="KZ-71")
    query = {"q": "", "region": "KZ-71", "category": "", "sort": "name", "page": "1"}
    assert client.get(URL, query)[HEADER] == "miss"
    assert client.get(URL, query)[HEADER] == "hit"


def test_tracking_tags_are_served_the_cached_page_without_them(client):
    """A link shared with ?utm_source=… or fbclid=… gets the page cached for the plain URL (one entry for every
    newsletter and post), and the page's own links do not carry the tags on."""
    MembershipFactory(company_name="Dala Cloud")
    plain = client.get(URL)
    assert plain[HEADER] == "miss"
    for tags in (
        {"utm_source": "newsletter", "utm_medium": "email"},
        {"fbclid": "IwAR0x1"},
        {"gclid": "Cj0K"},
    ):
        tagged = client.get(URL, tags)
        assert tagged[HEADER] == "hit", tags
        assert tagged.content == plain.content
    fresh = client.get("/ru/members/", {"utm_campaign": "december", "region": "KZ-71"})
    html = fresh.content.decode()
    assert fresh[HEADER] == "miss"
    assert "utm_campaign" not in html
    assert 'href="/kk/members/?region=KZ-71"' in html
    assert client.get("/ru/members/", {"region": "KZ-71"})[HEADER] == "hit"


def test_each_cookie_choice_gets_its_own_page(client, functional_cookie_group):
    MembershipFactory(company_name="Dala Cloud")
    undecided = client.get(URL)
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)
    accepted = client.get(URL)
    assert accepted[HEADER] == "miss"  # not the page rendered for a visitor who had not chosen
    client.cookies["cookie_consent"] = "functional=-1"
    assert client.get(URL)[HEADER] == "miss"
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)
    assert client.get(URL)[HEADER] == "hit"
    assert undecided[HEADER] == "miss"


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_signed_in_staff_and_pending_messages_bypass_the_cache(client, cookie):
    MembershipFactory(company_name="Dala Cloud")
    client.get(URL)
    client.cookies[cookie] = "something"
    response = client.get(URL)
    assert HEADER not in response
    assert names(response) == ["Dala Cloud"]


def _view_that(action):
    @cache_for_visitors()
    def view(request):
        response = HttpResponse("page")
        action(request, response)
        return response

    return view


@pytest.mark.parametrize(
    "action",
    [
        lambda request, response: get_token(request),  # the page carries this visitor's CSRF token
        lambda request, response: response.set_cookie("dkz_compare", "1"),
        lambda request, response: request.session.__setitem__("seen", True),
        lambda request, response: setattr(response, "status_code", 404),
    ],
    ids=["csrf-token", "sets-a-cookie", "writes-the-session", "not-200"],
)
def test_personal_or_failed_responses_are_never_stored(action):
    from django.contrib.sessions.backends.db import SessionStore

    view = _view_that(action)
    for _attempt in range(2):
        request = RequestFactory().get("/en/members/")
        request.session = SessionStore()
        response = view(request)
        assert HEADER not in response


# --- pages with "Add to compare" forms: cached with a placeholder where each visitor's CSRF token goes ---------

CATALOGUE = "/en/equipment/"


def csrf_value(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_catalogue_is_cached_and_every_visitor_gets_a_working_token_of_their_own():
    from django.test import Client

    item = EquipmentFactory(name="Edge server E1")
    first_visitor = Client(enforce_csrf_checks=True)
    second_visitor = Client(enforce_csrf_checks=True)
    first = first_visitor.get(CATALOGUE)
    second = second_visitor.get(CATALOGUE)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    for visitor, page in ((first_visitor, first), (second_visitor, second)):
        assert "csrf-placeholder" not in page.content.decode()
        assert "csrftoken" in page.cookies  # the cookie an uncached render sets
        response = visitor.post(
            "/en/equipment/compare/add/", {"item": item.pk, "csrfmiddlewaretoken": csrf_value(page)}
        )
        assert response.status_code == 302  # accepted: not the 403 of a foreign or missing token
    # A token from one visitor's page is no good to another visitor (no token shared through the cache).
    first_visitor.cookies["csrftoken"] = "x" * 32
    refused = first_visitor.post(
        "/en/equipment/compare/add/", {"item": item.pk, "csrfmiddlewaretoken": csrf_value(second)}
    )
    assert refused.status_code == 403


def test_pages_showing_a_cart_are_the_visitors_own_and_never_stored(
    client, functional_cookie_group
):
    in_cart, other = EquipmentFactory(name="Alpha router"), EquipmentFactory(name="Beta switch")
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)
    empty_cart = client.get(CATALOGUE)
    assert empty_cart[HEADER] == "miss"
    assert "In the comparison" not in empty_cart.content.decode()

    client.post("/en/equipment/compare/add/", {"item": in_cart.pk})
    del client.cookies["sessionid"]  # the "added" message was shown; an anonymous visitor again
    for url in (CATALOGUE, reverse("directory:equipment_detail", args=[other.pk])):
        for _visit in range(2):
            with_item = client.get(url)
            assert (
                HEADER not in with_item
            )  # not the page of the empty cart, and not kept for anyone
    html = client.get(CATALOGUE).content.decode()
    assert html.count("disabled>In the comparison") == 1
    assert f'name="item" value="{other.pk}"' in html


def test_P02_cached_compare_page_still_removes_a_cart_kept_without_consent(
    client, functional_cookie_group
):
    item = EquipmentFactory()
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)
    client.post("/en/equipment/compare/add/", {"item": item.pk})
    del client.cookies["sessionid"]
    del client.cookies["cookie_consent"]  # the choice cookie expired, or the visitor cleared it
    compare_url = reverse("directory:compare")
    for expected in ("miss", "hit"):
        client.cookies["dkz_compare"] = client.cookies["dkz_compare"].value or "stale"
        response = client.get(compare_url)
        assert response.cookies["dkz_compare"]["max-age"] == 0, expected


def test_equipment_detail_and_shared_comparison_are_cached_and_replaced_on_change(client):
    item = EquipmentFactory(name="Lidar L2")
    with_specs(item, memory="128")
    detail_url = reverse("directory:equipment_detail", args=[item.pk])
    shared_url = f"{reverse('directory:compare')}?items={item.pk}"
    for url in (detail_url, shared_url):
        assert client.get(url)[HEADER] == "miss"
        assert client.get(url)[HEADER] == "hit"
    with_specs(item, power="1200")
    for url in (detail_url, shared_url):
        assert "1200\u00a0W" in client.get(url).content.decode()


def test_renewal_reminder_stamp_leaves_the_cached_pages_alone_other_saves_do_not(client):
    import datetime

    member = MembershipFactory(company_name="Dala Cloud")
    client.get(URL)
    member.renewal_reminder_sent_on = datetime.date.today()
    member.save(update_fields=["renewal_reminder_sent_on", "updated_at"])
    assert client.get(URL)[HEADER] == "hit"
    member.company_name = "Dala Hosting"
    member.save(update_fields=["company_name", "updated_at"])
    assert names(client.get(URL)) == ["Dala Hosting"]


def test_P27_a_newly_announced_policy_change_shows_on_cached_pages_at_once(client):
    """The site-wide banner of a material change is on every page from its publication (14 days' notice)."""
    import datetime

    from django.utils import timezone

    from tests.privacy.factories import PolicyVersionFactory

    MembershipFactory(company_name="Dala Cloud")
    catalogue = client.get(CATALOGUE).content.decode()
    assert (
        "policy-banner" not in client.get(URL).content.decode() and "policy-banner" not in catalogue
    )
    today = timezone.localdate()
    PolicyVersionFactory(
        label="next",
        published_on=today,
        effective_on=today + datetime.timedelta(days=14),
        is_material=True,
        summary_kk="Өзгеріс.",
        summary_ru="Изменение.",
        summary_en="A change.",
    )
    assert "policy-banner" in client.get(URL).content.decode()
    assert "policy-banner" in client.get(CATALOGUE).content.decode()


def test_home_page_is_cached_per_language_and_cookie_choice(client, functional_cookie_group):
    first = client.get("/en/")
    assert first[HEADER] == "miss" and client.get("/en/")[HEADER] == "hit"
    assert client.get("/kk/")[HEADER] == "miss"
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)
    chosen = client.get("/en/")
    assert chosen[HEADER] == "miss"
    assert (
        "cookie-banner" in first.content.decode() and "cookie-banner" not in chosen.content.decode()
    )


def test_visitors_who_gave_the_same_answers_share_a_page(client, functional_cookie_group):
    """The key holds what the page shows (accepted, declined, not yet chosen), not when the choice was made."""
    MembershipFactory(company_name="Dala Cloud")
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)
    assert client.get(URL)[HEADER] == "miss"
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)  # a later acceptance
    assert client.get(URL)[HEADER] == "hit"
