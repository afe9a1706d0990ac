"""The compare cart: a signed functional cookie only with consent (P02), four items at most, shareable links."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from directory.compare import COOKIE_SALT, build_comparison, listed_items, parse_ids
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory, vocabulary, with_specs

pytestmark = pytest.mark.django_db

ADD = "/en/equipment/compare/add/"
REMOVE = "/en/equipment/compare/remove/"
CLEAR = "/en/equipment/compare/clear/"
COMPARE = "/en/equipment/compare/"


def cart_cookie(client) -> list[int]:
    """The ids in the visitor's cart cookie as the server would read them back."""
    morsel = client.cookies.get("dkz_compare")
    if morsel is None or not morsel.value:
        return []
    request = RequestFactory().get("/")
    request.COOKIES["dkz_compare"] = morsel.value
    value = request.get_signed_cookie("dkz_compare", salt=COOKIE_SALT)  # raises if tampered
    return [int(pk) for pk in value.split(".")]


def compared(response) -> list[int]:
    return [item.pk for item in response.context["comparison"].items]


def test_url_names_match_the_contract():
    assert reverse("directory:compare_add").endswith("/equipment/compare/add/")
    assert reverse("directory:compare").endswith("/equipment/compare/")


def test_P02_with_consent_items_go_into_a_signed_cookie(consenting_client):
    first, second = EquipmentFactory(), EquipmentFactory()

    response = consenting_client.post(ADD, {"item": first.pk})
    consenting_client.post(ADD, {"item": second.pk})

    assert response.status_code == 302
    morsel = response.cookies["dkz_compare"]
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    assert cart_cookie(consenting_client) == [first.pk, second.pk]
    page = consenting_client.get(COMPARE)
    assert compared(page) == [first.pk, second.pk]


def test_P02_without_consent_no_cookie_is_set_and_the_item_is_shown_by_link(client):
    item = EquipmentFactory()

    response = client.post(ADD, {"item": item.pk})

    assert response.status_code == 302
    assert response["Location"] == f"{COMPARE}?items={item.pk}"
    assert "dkz_compare" not in response.cookies
    assert compared(client.get(response["Location"])) == [item.pk]


def test_P02_declined_functional_cookies_set_no_cookie(declining_client):
    item = EquipmentFactory()

    response = declining_client.post(ADD, {"item": item.pk})

    assert "dkz_compare" not in response.cookies
    assert cart_cookie(declining_client) == []


def test_P02_cookie_kept_from_before_is_ignored_and_removed_without_consent(
    consenting_client, functional_cookie_group
):
    item = EquipmentFactory()
    consenting_client.post(ADD, {"item": item.pk})
    assert cart_cookie(consenting_client) == [item.pk]

    consenting_client.cookies["cookie_consent"] = "functional=-1"  # withdrawn on the cookies page
    response = consenting_client.get(COMPARE)

    assert compared(response) == []
    assert response.cookies["dkz_compare"].value == ""  # deleted
    assert response.cookies["dkz_compare"]["max-age"] == 0


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("kk", ("Салыстыруда", "Салыстыруды ашу")),
        ("ru", ("В сравнении", "Открыть сравнение")),
        ("en", ("In the comparison", "Open the comparison")),
    ],
)
def test_an_item_in_the_comparison_says_so_in_the_pages_language(client, language, texts):
    item = EquipmentFactory()
    html = client.get(f"/{language}/equipment/", {"items": item.pk}).content.decode()
    assert f"disabled>{texts[0]}" in html
    assert f'href="/{language}/equipment/compare/?items={item.pk}">{texts[1]}</a>' in html


def test_without_cookies_the_selection_travels_in_the_address_and_keeps_the_place(client):
    first, second, third = EquipmentFactory.create_batch(3)

    added = client.post(ADD, {"item": first.pk, "items": "", "next": "/en/equipment/?page=1"})
    assert added["Location"] == f"/en/equipment/?page=1&items={first.pk}#item-{first.pk}"
    catalogue = client.get(added["Location"]).content.decode()
    assert f'id="item-{first.pk}"' in catalogue
    assert catalogue.count("disabled>In the comparison") == 1
    assert f'name="items" value="{first.pk}"' in catalogue  # the other cards' forms carry it
    assert f'href="/en/equipment/compare/?items={first.pk}"' in catalogue

    added = client.post(
        ADD, {"item": second.pk, "items": str(first.pk), "next": f"/en/equipment/?items={first.pk}"}
    )
    assert added["Location"] == f"/en/equipment/?items={first.pk},{second.pk}#item-{second.pk}"
    client.post(ADD, {"item": third.pk, "items": f"{first.pk},{second.pk}"})

    page = client.get(COMPARE, {"items": f"{first.pk},{second.pk},{third.pk}"})
    assert compared(page) == [first.pk, second.pk, third.pk]
    html = page.content.decode()
    # Nothing to keep on the server: "Remove" is a link to the comparison without the item, no form, no cookie.
    assert 'action="/en/equipment/compare/remove/"' not in html
    assert f'href="{COMPARE}?items={first.pk},{third.pk}"' in html
    assert not page.cookies

    removed = client.post(
        REMOVE, {"item": second.pk, "items": f"{first.pk},{second.pk},{third.pk}"}
    )
    assert removed["Location"] == f"{COMPARE}?items={first.pk},{third.pk}"
    cleared = client.post(CLEAR, {"next": f"{COMPARE}?items={first.pk},{third.pk}"})
    assert cleared["Location"] == COMPARE
    assert compared(client.get(cleared["Location"])) == []
    assert "dkz_compare" not in client.cookies or not client.cookies["dkz_compare"].value


def test_without_consent_the_comparison_says_where_the_selection_is_kept(client):
    item = EquipmentFactory()
    html = client.get(COMPARE, {"items": item.pk}).content.decode()
    assert 'id="compare-consent"' in html and 'href="/en/cookies/"' in html


def test_with_consent_the_cookie_follows_the_selection(consenting_client):
    first, second = EquipmentFactory.create_batch(2)
    consenting_client.post(ADD, {"item": first.pk, "items": ""})
    consenting_client.post(ADD, {"item": second.pk, "items": str(first.pk)})
    assert cart_cookie(consenting_client) == [first.pk, second.pk]
    page = consenting_client.get(COMPARE)  # no ?items=: the cookie remembers
    assert compared(page) == [first.pk, second.pk]
    html = page.content.decode()
    assert 'id="compare-consent"' not in html
    assert html.count('action="/en/equipment/compare/remove/"') == 2
    assert f'name="items" value="{first.pk},{second.pk}"' in html


def test_fifth_item_is_refused_with_a_clear_message(consenting_client):
    items = EquipmentFactory.create_batch(5)
    for item in items[:4]:
        consenting_client.post(ADD, {"item": item.pk})
    assert cart_cookie(consenting_client) == [item.pk for item in items[:4]]

    response = consenting_client.post(ADD, {"item": items[4].pk}, follow=True)

    assert cart_cookie(consenting_client) == [item.pk for item in items[:4]]
    assert "You can compare up to 4 items at a time." in response.content.decode()


def test_item_unlisted_since_it_was_added_frees_its_place(consenting_client):
    items = EquipmentFactory.create_batch(5)
    for item in items[:4]:
        consenting_client.post(ADD, {"item": item.pk})
    items[0].member.profile.is_published = False
    items[0].member.profile.save()

    consenting_client.post(ADD, {"item": items[4].pk})

    assert cart_cookie(consenting_client) == [item.pk for item in items[1:]]


def test_adding_twice_keeps_one(consenting_client):
    item = EquipmentFactory()
    consenting_client.post(ADD, {"item": item.pk})
    response = consenting_client.post(ADD, {"item": item.pk}, follow=True)
    assert cart_cookie(consenting_client) == [item.pk]
    assert "is already in the comparison" in response.content.decode()


@pytest.mark.parametrize("value", ["", "abc", "-3", "999999", "1;DROP", "٣"])
def test_adding_an_unknown_or_malformed_item_changes_nothing(consenting_client, value):
    kept = EquipmentFactory()
    consenting_client.post(ADD, {"item": kept.pk})

    response = consenting_client.post(ADD, {"item": value})

    assert response.status_code == 302
    assert cart_cookie(consenting_client) == [kept.pk]


def test_adding_an_unlisted_item_is_refused(consenting_client):
    hidden = EquipmentFactory(member=MembershipFactory(is_published=False))
    consenting_client.post(ADD, {"item": hidden.pk})
    assert cart_cookie(consenting_client) == []


def test_add_returns_to_the_page_it_came_from_but_never_offsite(consenting_client):
    item = EquipmentFactory()
    back = consenting_client.post(ADD, {"item": item.pk, "next": "/en/equipment/?page=2"})
    offsite = consenting_client.post(ADD, {"item": item.pk, "next": "https://evil.example/"})
    assert back["Location"] == f"/en/equipment/?page=2&items={item.pk}#item-{item.pk}"
    assert offsite["Location"] == f"{COMPARE}?items={item.pk}"


def test_compare_urls_accept_only_post_for_changes(consenting_client):
    assert consenting_client.get(ADD).status_code == 405
    assert consenting_client.get(CLEAR).status_code == 405


def test_remove_and_clear(consenting_client):
    first, second, third = EquipmentFactory.create_batch(3)
    for item in (first, second, third):
        consenting_client.post(ADD, {"item": item.pk})

    consenting_client.post(REMOVE, {"item": second.pk})
    assert cart_cookie(consenting_client) == [first.pk, third.pk]

    response = consenting_client.post(CLEAR)
    assert response.cookies["dkz_compare"]["max-age"] == 0
    assert cart_cookie(consenting_client) == []
    assert compared(consenting_client.get(COMPARE)) == []


def test_tampered_cookie_is_ignored(consenting_client):
    first, second = EquipmentFactory.create_batch(2)
    consenting_client.post(ADD, {"item": first.pk})
    signed = consenting_client.cookies["dkz_compare"].value
    consenting_client.cookies["dkz_compare"] = signed.replace(str(first.pk), str(second.pk), 1)

    assert compared(consenting_client.get(COMPARE)) == []
    consenting_client.cookies["dkz_compare"] = f"{first.pk}.{second.pk}"  # unsigned
    assert compared(consenting_client.get(COMPARE)) == []
    consenting_client.cookies["dkz_compare"] = "\x00garbage:::"
    assert consenting_client.get(COMPARE).status_code == 200

    consenting_client.post(ADD, {"item": second.pk})  # a broken cart starts afresh
    assert cart_cookie(consenting_client) == [second.pk]


def test_items_parameter_works_without_any_cookie_and_drops_bad_ids(client):
    first, second, third = EquipmentFactory.create_batch(3)
    hidden = EquipmentFactory(member=MembershipFactory(is_published=False))

    response = client.get(
        COMPARE, {"items": f"{third.pk},x,{hidden.pk},999999,{first.pk},{first.pk},-2,{second.pk}"}
    )

    assert response.status_code == 200
    assert compared(response) == [third.pk, first.pk, second.pk]
    assert response.context["share_url"] == (
        f"http://testserver{COMPARE}?items={third.pk},{first.pk},{second.pk}"
    )
    assert (
        "dkz_compare" not in response.cookies
    )  # (the CSRF cookie of its remove buttons is needed)


def test_items_parameter_shows_at_most_four(client):
    items = EquipmentFactory.create_batch(6)
    response = client.get(COMPARE, {"items": ",".join(str(item.pk) for item in items)})
    assert compared(response) == [item.pk for item in items[:4]]


@pytest.mark.parametrize("value", ["", ",,,", "a,b", "1" * 40, ",".join(["7"] * 500)])
def test_items_parameter_nonsense_gives_an_empty_comparison(client, value):
    response = client.get(COMPARE, {"items": value})
    assert response.status_code == 200
    assert compared(response) == []


def test_table_has_a_column_per_item_rows_per_field_and_marks_real_differences(client):
    first = with_specs(
        EquipmentFactory(name="Switch A", category="network"),
        ports="24",
        port_speed="1",
        poe_budget="370 W",
    )
    second = with_specs(
        EquipmentFactory(name="Switch B", category="network"), ports="24", port_speed="10"
    )

    response = client.get(COMPARE, {"items": f"{first.pk},{second.pk}"})

    rows = {row.name: (row.values, row.differs) for row in response.context["comparison"].rows}
    assert rows == {
        "Ports": (["24", "24"], False),
        "Port speed": (["1\u00a0Gbit/s", "10\u00a0Gbit/s"], True),
        "PoE budget": (["370\u00a0W", ""], False),  # one value only: nothing to differ from
    }
    html = response.content.decode()
    assert html.count('<th scope="col"') == 3  # the label column and one per item
    assert html.count('<tr class="diff">') == 1
    assert '<td class="num">10\u00a0Gbit/s</td>' in html
    assert '<td class="missing num">' in html  # lined up with the row's numbers
    assert "style=" not in html
    assert 'id="compare-mixed"' not in html


def test_differences_and_missing_values_are_said_to_screen_readers(client):
    first = with_specs(EquipmentFactory(category="network"), ports="24", poe_budget="370 W")
    second = with_specs(EquipmentFactory(category="network"), ports="48")
    html = client.get(COMPARE, {"items": f"{first.pk},{second.pk}"}).content.decode()
    assert '<span class="visually-hidden"> (values differ)</span></th>' in html
    assert '<span aria-hidden="true">—</span><span class="visually-hidden">not given</span>' in html


def test_items_without_specifications_say_so_across_the_table(client):
    items = [EquipmentFactory(), EquipmentFactory()]
    html = client.get(COMPARE, {"items": ",".join(str(item.pk) for item in items)}).content.decode()
    assert (
        '<tbody><tr><td colspan="3">These items have no specifications yet.</td></tr></tbody>'
        in html
    )


def test_negative_numbers_take_the_minus_sign(client):
    vocabulary()
    item = EquipmentFactory(category="drones")
    item.specify("min-temperature", "-20")
    response = client.get(COMPARE, {"items": str(item.pk)})
    assert "\u221220\u00a0°C" in response.content.decode()


def test_a_value_given_the_same_by_two_and_missing_from_a_third_is_not_a_difference():
    items = [
        with_specs(EquipmentFactory(), memory="64"),
        with_specs(EquipmentFactory(), memory="64 GB"),
        with_specs(EquipmentFactory(), processor="AMD EPYC 9124"),
    ]
    comparison = build_comparison(listed_items([item.pk for item in items]))
    memory = next(row for row in comparison.rows if row.field.key == "memory")
    assert memory.values == ["64\u00a0GB", "64\u00a0GB", ""] and not memory.differs


def test_rows_are_grouped_under_the_vocabularys_headings(client):
    item = with_specs(EquipmentFactory(), power="800", memory="64", network_ports="2")

    html = client.get(f"/ru/equipment/compare/?items={item.pk}").content.decode()

    headings = ["Производительность", "Связь и подключение", "Питание"]
    positions = [html.index(f'colspan="2">{heading}</th>') for heading in headings]
    assert positions == sorted(positions)
    assert html.index("Оперативная память") < positions[1] < html.index("Сетевые порты")


def test_values_line_up_whatever_language_the_page_is_in(client):
    first = with_specs(EquipmentFactory(), memory="64")
    second = with_specs(EquipmentFactory(), memory="128")

    html = client.get(f"/kk/equipment/compare/?items={first.pk},{second.pk}").content.decode()

    assert "Жедел жады" in html
    assert '<td class="num">64\u00a0ГБ</td><td class="num">128\u00a0ГБ</td>' in html


def test_items_of_several_categories_are_named_and_can_be_compared_apart(client):
    servers = EquipmentFactory.create_batch(2, category="servers")
    drone = EquipmentFactory(category="drones")
    ids = [servers[0].pk, drone.pk, servers[1].pk]

    response = client.get(COMPARE, {"items": ",".join(map(str, ids))})

    html = response.content.decode()
    assert 'id="compare-mixed"' in html
    assert f'href="{COMPARE}?items={servers[0].pk},{servers[1].pk}">Servers: 2 items</a>' in html
    assert f'href="{COMPARE}?items={drone.pk}">Drones: 1 item</a>' in html


def test_add_another_item_opens_the_catalogue_of_the_same_category_with_the_selection(client):
    first, second = EquipmentFactory.create_batch(2, category="drones")
    html = client.get(COMPARE, {"items": f"{first.pk},{second.pk}"}).content.decode()
    assert f'href="/en/equipment/?category=drones&amp;items={first.pk},{second.pk}"' in html


def test_rows_follow_the_vocabularys_order_whatever_order_items_give():
    first = with_specs(EquipmentFactory(), power="800", memory="64")
    second = with_specs(EquipmentFactory(), processor="AMD EPYC 9124", memory="32")
    comparison = build_comparison(listed_items([second.pk, first.pk]))
    assert [row.name for row in comparison.rows] == ["Processor", "Memory", "Power supply"]


def test_parse_ids():
    assert parse_ids("3, 1,3,x,0,-1,٣, 2") == [3, 1, 2]
    assert parse_ids(None) == []


def test_compare_page_queries_do_not_grow_with_items_or_specs(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = [with_specs(EquipmentFactory(), A="1")]
    large = [with_specs(EquipmentFactory(), A="1", B="2", C="3", D="4") for _ in range(4)]

    def queries(items):
        with CaptureQueriesContext(connection) as captured:
            client.get(COMPARE, {"items": ",".join(str(item.pk) for item in items)})
        return len(captured)

    warm = EquipmentFactory()
    for _warm_up in range(
        2
    ):  # the site-wide caches (change banner, cookie groups), not pinned here
        client.get(COMPARE, {"items": warm.pk})
    assert queries(small) == queries(large)
    with django_assert_max_num_queries(4):  # items, their specifications (+ cookie groups, cached)
        client.get(COMPARE, {"items": ",".join(str(item.pk) for item in large)})


def test_item_in_the_cart_keeps_its_form_marked_as_added(consenting_client):
    added, other = EquipmentFactory.create_batch(2)
    consenting_client.post(ADD, {"item": added.pk})

    html = consenting_client.get("/en/equipment/").content.decode()

    assert html.count('action="/en/equipment/compare/add/"') == 2
    assert f'name="item" value="{added.pk}"' in html and f'name="item" value="{other.pk}"' in html
    assert html.count("disabled>In the comparison") == 1
