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


FOCUS_RING = """() => {
    const element = document.activeElement, style = getComputedStyle(element);
    let around = element.parentElement, background = "rgb(255, 255, 255)";
    for (; around; around = around.parentElement) {
        const colour = getComputedStyle(around).backgroundColor;
        if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
    }
    return {style: style.outlineStyle, width: style.outlineWidth, colour: style.outlineColor, background};
}"""


def outline_of_focused(page):
    """The focus ring of the focused element and the background it is drawn on (it sits outside the box)."""
    return page.evaluate(FOCUS_RING)


def contrast(first, second):
    """WCAG contrast ratio of two CSS `rgb(...)` colours."""

    def luminance(colour):
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


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

    # Links, fields and buttons all show where the focus is, 3:1 against what is around them (WCAG 1.4.11).
    page.goto(f"{site_url}/en/contact/")
    for target in [
        page.get_by_role("navigation", name="Main").get_by_role("link").first,
        page.get_by_role("navigation", name="Language").get_by_role("link", name="English"),
        page.get_by_label("Your name"),
        page.locator("#id_consent"),
        page.get_by_role("button", name="Send message"),
        page.get_by_role("navigation", name="Footer").get_by_role("link").first,
    ]:
        tab_to(page, target)
        ring = outline_of_focused(page)
        assert ring["style"] != "none" and ring["width"] != "0px", (target, ring)
        assert contrast(ring["colour"], ring["background"]) >= 3, (target, ring)


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
