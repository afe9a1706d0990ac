"""The directory in a real browser: search, filter, compare two items, share the comparison."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.regions import Region
from directory.models import Category
from tests.accreditation.factories import MembershipFactory
from tests.directory.factories import EquipmentFactory, with_specs

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory_data():
    for n in range(24):
        MembershipFactory(company_name=f"Filler Company {n:02d}", region=Region.AKTOBE)
    zhuldyz = MembershipFactory(
        company_name="Жұлдыз Желілері",
        region=Region.PAVLODAR,
        description_kk="Телекоммуникациялық интегратор.",
        description_en="Telecommunications integrator.",
        website="https://zhuldyz.example.kz/",
    )
    MembershipFactory(company_name="Жұлдыз Басқа", region=Region.ASTANA)
    first = with_specs(
        EquipmentFactory(member=zhuldyz, name="Core switch C48", category=Category.NETWORK),
        Ports="48",
        **{"Port speed": "10 Gbit/s", "Power supply": "800 W"},
    )
    second = with_specs(
        EquipmentFactory(member=zhuldyz, name="Access switch A24", category=Category.NETWORK),
        Ports="24",
        **{"Port speed": "10 Gbit/s", "PoE budget": "370 W"},
    )
    return {"member": zhuldyz, "items": [first, second]}


def accept_functional_cookies(context, site_url):
    """As the cookie banner would: the group exists and the consent cookie names its version."""
    from cookie_consent.models import Cookie, CookieGroup

    group, _ = CookieGroup.objects.get_or_create(
        varname="functional", defaults={"name": "Functional"}
    )
    for name in ("django_language", "dkz_compare"):
        Cookie.objects.get_or_create(cookiegroup=group, name=name, domain="")
    version = timezone.now().isoformat()
    context.add_cookies(
        [{"name": "cookie_consent", "value": f"functional={version}", "url": site_url}]
    )


def test_search_filter_compare_and_share(
    page, browser, site_url, directory_data, assert_accessible, foreign_requests
):
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto(f"{site_url}/en/members/")
    expect(page.get_by_role("heading", name="26 members found")).to_be_visible()
    expect(page.get_by_role("navigation", name="Pages")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("searchbox", name="Search").fill("ЖҰЛДЫЗ")
    page.get_by_role("button", name="Show members").click()
    expect(page.get_by_role("heading", name="2 members found")).to_be_visible()

    page.get_by_label("Region").select_option(label="Pavlodar Region")
    page.get_by_role("button", name="Show members").click()
    expect(page).to_have_url(re.compile(r"region=KZ-55"))
    expect(page.get_by_role("heading", name="1 member found")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("ЖҰЛДЫЗ")

    page.get_by_role("link", name="Жұлдыз Желілері").click()
    expect(page.get_by_role("heading", level=1, name="Жұлдыз Желілері")).to_be_visible()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_accessible(page)

    accept_functional_cookies(page.context, site_url)
    page.goto(f"{site_url}/en/equipment/?category=network")
    assert_accessible(page)
    for item in directory_data["items"]:
        page.get_by_role("button", name=re.compile(rf"^Add to compare\W+{item.name}$")).click()
        expect(page.get_by_role("status")).to_contain_text(f"“{item.name}” added")
    expect(page.get_by_role("link", name="Compare 2 items")).to_be_visible()

    page.get_by_role("link", name="Compare 2 items").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_count(3)
    # Ports differ; the port speed is the same; power and PoE budget are given by one item only.
    expect(table.locator("tr.diff")).to_have_count(1)
    expect(table.get_by_role("row", name=re.compile("^Ports"))).to_have_class("diff")
    expect(table.get_by_role("row", name=re.compile("^Port speed"))).not_to_have_class("diff")
    assert_accessible(page)

    share_url = page.get_by_label("Link to this comparison").input_value()
    first, second = directory_data["items"]
    assert share_url == f"{site_url}/en/equipment/compare/?items={first.pk},{second.pk}"

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(share_url)
        expect(other.get_by_role("table").get_by_role("columnheader")).to_have_count(3)
        expect(other.get_by_role("link", name="Core switch C48", exact=True)).to_be_visible()
        assert fresh.cookies() == []
    finally:
        fresh.close()

    assert csp_errors == []
    assert foreign_requests == []


def test_without_cookies_two_items_are_compared_through_the_address(
    page, site_url, directory_data, assert_accessible
):
    first, second = directory_data["items"]
    page.goto(f"{site_url}/en/equipment/")
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(rf"^Add to compare\W+{first.name}$")).click()
    # Back on the catalogue at the item's place, the selection in the address.
    expect(page).to_have_url(re.compile(rf"/en/equipment/\?items={first.pk}#item-{first.pk}$"))
    expect(
        page.get_by_role("button", name=re.compile(rf"^In the comparison\W+{first.name}$"))
    ).to_be_disabled()
    page.get_by_role("button", name=re.compile(rf"^Add to compare\W+{second.name}$")).click()
    expect(page).to_have_url(re.compile(rf"\?items={first.pk},{second.pk}#item-{second.pk}$"))

    page.get_by_role("link", name="Compare 2 items").click()
    expect(page.get_by_role("table").get_by_role("columnheader")).to_have_count(3)
    expect(page.get_by_role("link", name="accept functional cookies")).to_have_attribute(
        "href", "/en/cookies/"
    )
    assert not [c for c in page.context.cookies() if c["name"] == "dkz_compare"]
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(rf"^Remove\W+{first.name}$")).click()
    expect(page).to_have_url(re.compile(rf"/en/equipment/compare/\?items={second.pk}$"))
    expect(page.get_by_role("table").get_by_role("columnheader")).to_have_count(2)

    page.get_by_role("link", name=second.name, exact=True).click()
    expect(page.get_by_role("heading", name="Specifications")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{site_url}/kk/members/?q=zzzz")
    expect(page.get_by_role("heading", name="0 мүше табылды")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_comparison_at_phone_width_keeps_its_labels_in_view(
    page, site_url, directory_data, assert_accessible, language
):
    first, second = directory_data["items"]
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site_url}/{language}/equipment/compare/?items={first.pk},{second.pk}")
    assert_accessible(page)
    scroller = page.locator(".compare-scroll")
    label = page.locator("tbody th.compare-label").first
    before = label.bounding_box()["x"]
    scroller.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    assert (
        scroller.evaluate("element => element.scrollLeft") > 0
    )  # the table is wider than the phone
    assert abs(label.bounding_box()["x"] - before) < 1  # the label column stays
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto(f"{site_url}/{language}/equipment/?items={first.pk}")
    assert_accessible(page)
