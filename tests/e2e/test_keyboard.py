"""Keyboard only: the skip link, a visible focus, the contact form and the compare cart without a mouse.

Every step moves with Tab (never a click or a `focus()` call) until the element wanted has the focus, then
types or presses Enter/Space, as someone who cannot use a mouse would.
"""

import re

import pytest
from playwright.sync_api import expect

from enquiries.models import Enquiry
from tests.accreditation.factories import MembershipFactory
from tests.directory.factories import EquipmentFactory, with_specs

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 80


def tab_to(page, locator):
    """Press Tab until `locator` has the focus; fail if it is never reached."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def outline_of_focused(page):
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {style: s.outlineStyle, width: s.outlineWidth}; }"
    )


def test_skip_link_moves_to_the_content_and_focus_is_visible(page, site_url):
    page.goto(f"{site_url}/en/contact/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert outline_of_focused(page)["style"] != "none"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next Tab goes into the content, past the header's navigation.
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
    )
    assert focused_in_main

    # Links, fields and buttons all show where the focus is.
    for target in [
        page.get_by_role("navigation", name="Main").get_by_role("link").first,
        page.get_by_label("Your name"),
        page.get_by_role("button", name="Send message"),
    ]:
        tab_to(page, target)
        outline = outline_of_focused(page)
        assert outline["style"] != "none" and outline["width"] != "0px", (target, outline)


def test_contact_form_is_sent_with_the_keyboard_only(page, site_url):
    page.goto(f"{site_url}/kk/contact/")
    tab_to(page, page.get_by_label("Атыңыз"))
    page.keyboard.type("Айгерім")
    tab_to(page, page.locator("#id_email"))
    page.keyboard.type("aigerim@example.kz")
    tab_to(page, page.get_by_label("Хабарыңыз"))
    page.keyboard.type("Мүшелік туралы сұрақ бар.")
    # Sending without consent: the error is announced and the focus can reach the box.
    tab_to(page, page.get_by_role("button", name="Хабарды жіберу"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    assert Enquiry.objects.count() == 0

    tab_to(page, page.locator("#id_consent"))
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Хабарды жіберу"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/kk/contact/thanks/$"))
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email, enquiry.language) == (
        "Айгерім",
        "aigerim@example.kz",
        "kk",
    )


def test_compare_cart_is_usable_with_the_keyboard_only(page, site_url):
    member = MembershipFactory(company_name="Qazaq Cloud")
    items = [
        with_specs(EquipmentFactory(member=member, name="Core switch C48"), Ports="48"),
        with_specs(EquipmentFactory(member=member, name="Access switch A24"), Ports="24"),
    ]
    page.goto(f"{site_url}/en/equipment/")
    tab_to(page, page.get_by_role("button", name="Accept functional cookies"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Functional cookies accepted")

    for item in items:
        tab_to(
            page, page.get_by_role("button", name=re.compile(rf"^Add to compare\W+{item.name}$"))
        )
        page.keyboard.press("Space")
        expect(page.get_by_role("status")).to_contain_text(f"“{item.name}” added")

    tab_to(page, page.get_by_role("link", name="Compare 2 items"))
    page.keyboard.press("Enter")
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_count(3)

    # Take one out again with the keyboard.
    remove = page.locator("main form[action$='/compare/remove/'] button").first
    tab_to(page, remove)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Removed from the comparison")
    expect(page.get_by_role("table").get_by_role("columnheader")).to_have_count(2)
