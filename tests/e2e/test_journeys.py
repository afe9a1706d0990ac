"""Journeys the other browser tests leave out: the compare cart with and without functional cookies, chosen
through the real banner (P02), and a reviewer approving several applications with the admin's bulk action.

After each visitor journey the browser's cookie jar holds only cookies the policy lists (P02, P03).
"""

import re

import pytest
from playwright.sync_api import expect

from accreditation.models import ApplicationState, Membership
from privacy.cookies import LISTED_COOKIES
from tests.accreditation.factories import ApplicationFactory, MembershipFactory
from tests.directory.factories import EquipmentFactory, with_specs
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db(transaction=True)

ALLOWED_COOKIES = LISTED_COOKIES  # the cookies page lists exactly these
PASSWORD = "a-long-staff-password-42"


@pytest.fixture
def catalogue():
    member = MembershipFactory(company_name="Жұлдыз Желілері")
    return [
        with_specs(EquipmentFactory(member=member, name="Core switch C48"), Ports="48"),
        with_specs(EquipmentFactory(member=member, name="Access switch A24"), Ports="24"),
    ]


def cookie_names(page):
    return {cookie["name"] for cookie in page.context.cookies()}


def add_button(page, label, item):
    return page.get_by_role("button", name=re.compile(rf"^{label}\W+{re.escape(item.name)}$"))


def test_P02_compare_cart_kept_after_accepting_functional_cookies_in_the_banner(
    page, site_url, catalogue, assert_accessible, foreign_requests
):
    page.goto(f"{site_url}/kk/equipment/")
    banner = page.get_by_role("region", name="Cookie туралы таңдау")
    banner.get_by_role("button", name="Функционалдық cookie файлдарын қабылдау").click()
    expect(page.get_by_role("status")).to_contain_text("Функционалдық cookie файлдары қабылданды")
    expect(page.locator(".cookie-banner")).to_have_count(0)
    assert "dkz_compare" not in cookie_names(page)

    for item in catalogue:
        add_button(page, "Салыстыруға қосу", item).click()
        expect(page.get_by_role("status")).to_contain_text(item.name)
    assert "dkz_compare" in cookie_names(page)
    assert_accessible(page)

    # The cart is in the cookie: a new page load, without any query, still shows both items.
    page.goto(f"{site_url}/kk/equipment/compare/")
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_count(3)
    for item in catalogue:
        expect(table.get_by_role("link", name=item.name)).to_be_visible()
    assert_accessible(page)

    assert cookie_names(page) <= ALLOWED_COOKIES
    assert foreign_requests == []


def test_P02_compare_without_functional_cookies_after_declining_in_the_banner(
    page, site_url, catalogue, assert_accessible, foreign_requests
):
    page.goto(f"{site_url}/ru/equipment/")
    page.get_by_role("button", name="Отклонить функциональные cookie-файлы").click()
    expect(page.get_by_role("status")).to_contain_text("Функциональные cookie-файлы отклонены")
    expect(page.locator(".cookie-banner")).to_have_count(0)

    first, second = catalogue
    add_button(page, "Добавить к сравнению", first).click()
    # No cookie: the selection is kept in the address, on the same page at the same place.
    expect(page).to_have_url(re.compile(rf"/ru/equipment/\?items={first.pk}#item-{first.pk}$"))
    assert_accessible(page)
    add_button(page, "Добавить к сравнению", second).click()
    expect(page).to_have_url(re.compile(rf"\?items={first.pk},{second.pk}#item-{second.pk}$"))
    page.locator(
        f"main a[href$='/ru/equipment/compare/?items={first.pk},{second.pk}']"
    ).first.click()
    table = page.get_by_role("table")
    for item in (first, second):  # English names on a Russian page, said so
        expect(table.get_by_role("link", name=f"{item.name} (на английском)")).to_be_visible()
    assert_accessible(page)

    names = cookie_names(page)
    assert "dkz_compare" not in names and "django_language" not in names
    assert names <= ALLOWED_COOKIES
    assert foreign_requests == []


def test_reviewer_approves_two_applications_with_the_bulk_action(
    page, site_url, trained_staff, assert_accessible
):
    waiting = [
        ApplicationFactory(company_name="Kokshe Robotics LLP", language="kk"),
        ApplicationFactory(company_name="Qazaq Cloud LLP", language="ru"),
    ]
    untouched = ApplicationFactory(company_name="Later Review LLP")

    page.goto(f"{site_url}/admin/login/")
    page.locator("#id_username").fill(trained_staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))

    page.goto(f"{site_url}/admin/accreditation/application/")
    for application in waiting:
        page.get_by_role("row", name=re.compile(application.reference)).get_by_role(
            "checkbox"
        ).check()
    page.locator("select[name=action]").select_option("approve_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("2")

    for application in waiting:
        application.refresh_from_db()
        assert application.state == ApplicationState.APPROVED
        assert application.membership in Membership.objects.active()
    untouched.refresh_from_db()
    assert untouched.state == ApplicationState.SUBMITTED
    # Each applicant told in their own language.
    subjects = {tuple(message.to): message.subject for message in sent_mail()}
    assert "аккредиттелді" in subjects[(waiting[0].email,)]
    assert "аккредитована" in subjects[(waiting[1].email,)]
