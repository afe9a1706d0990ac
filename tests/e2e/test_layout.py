"""Phone-first layout in three languages: at 320 px no page scrolls sideways (WCAG 1.4.10) and the menu sits
behind a button that works without JavaScript; at 1366 px the menu is one line. The section a page belongs to is
marked in the menu, scrolling tables are reachable by keyboard, touch targets are at least 44 px, and every page
has 0 axe violations at both widths."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.regions import Region
from privacy.models import PolicyVersion
from tests.accreditation.factories import MembershipFactory
from tests.association.factories import EventFactory, NewsPostFactory
from tests.directory.factories import EquipmentFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 320, 1366
MENU = {"kk": "Мәзір", "ru": "Меню", "en": "Menu"}
MEMBERS = {"kk": "Мүшелер", "ru": "Члены ассоциации", "en": "Members"}


@pytest.fixture
def layout_site():
    member = MembershipFactory(
        company_name="Алатау Телекоммуникациялық Желілері",
        region=Region.ASTANA,
        website="https://alatau-telecommunication-networks.example.kz/very/long/path/",
        public_email="procurement.department@alatau-telecommunication-networks.example.kz",
        address="Астана, Мәңгілік Ел даңғылы, 55/20, Экспо бизнес-орталығы, С4.6 блогы, 1201-кеңсе",
        oked_sections="JMT",  # T has the classifier's longest name
        description_kk="Телекоммуникациялық интегратор.",
        description_ru="Телекоммуникационный интегратор.",
        description_en="Telecommunications integrator.",
    )
    items = [EquipmentFactory(member=member), EquipmentFactory(member=member)]
    NewsPostFactory(slug="layout-news")
    EventFactory(slug="layout-event")
    current = PolicyVersion.objects.current()
    published = timezone.localdate() - datetime.timedelta(days=1)
    PolicyVersion.objects.create(  # an announced change: the one-line notice shows on every page
        label="announced",
        published_on=published,
        effective_on=published + datetime.timedelta(days=20),
        is_material=True,
        summary_en="Summary.",
        summary_ru="Кратко.",
        summary_kk="Қысқаша.",
        body_en=current.body_en,
        body_ru=current.body_ru,
        body_kk=current.body_kk,
    )
    return {"member": member, "items": items}


def pages(site):
    member, items = site["member"], site["items"]
    return [
        "/",
        "/members/",
        f"/members/{member.profile.slug}/",
        "/equipment/",
        f"/equipment/{items[0].pk}/",
        f"/equipment/compare/?items={items[0].pk},{items[1].pk}",
        "/contact/",
        "/accreditation/apply/",
        "/privacy/",
        "/cookies/",
        "/about/",
        "/membership/",
        "/news/",
        "/events/layout-event/",
        "/no-such-page/",
    ]


def sideways(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def small_targets(page) -> list[str]:
    """Visible links and buttons of the header, banners, menus and forms smaller than 44 px high."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              '.site-header a, .site-header summary, .banner a, .cookie-banner a, .cookie-banner button, main button,'
              + ' main summary, .pagination a, .footer-links a, .ways-out a, main input[type=checkbox]')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el, (el.type === 'checkbox' ? el.closest('label') || el : el).getBoundingClientRect()])
            .filter(([el, r]) => r.height > 0 && r.height < 43.5)
            .map(([el, r]) => el.outerHTML.slice(0, 80) + ' ' + Math.round(r.height))"""
    )


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_fits_a_phone_and_a_desktop(
    language, browser, site_url, layout_site, assert_accessible
):
    failures = {}
    for width in (PHONE, DESKTOP):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for path in pages(layout_site):
            page.goto(f"{site_url}/{language}{path}")
            name = f"{width}px {path}"
            if sideways(page) > 0:
                failures[name] = f"scrolls sideways by {sideways(page)} px"
            if small := small_targets(page):
                failures[name + " targets"] = small
            if width == DESKTOP:
                tops = page.eval_on_selector_all(
                    ".site-nav li", "items => new Set(items.map(li => li.offsetTop)).size"
                )
                if tops != 1:
                    failures[name + " menu"] = f"the menu wraps onto {tops} lines"
            try:
                assert_accessible(page)
            except AssertionError as error:
                failures[name + " axe"] = str(error)[:2000]
        context.close()
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


def split_across_lines(page, selector: str, pattern: str) -> list[str]:
    """The matches of `pattern` (a JavaScript regular expression) in the text of `selector` that a line splits."""
    return page.evaluate(
        """([selector, pattern]) => {
            const split = [];
            for (const element of document.querySelectorAll(selector)) {
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const found of node.data.matchAll(new RegExp(pattern, 'g'))) {
                        const range = document.createRange();
                        range.setStart(node, found.index);
                        range.setEnd(node, found.index + found[0].length);
                        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                        if (lines.size > 1) split.push(found[0]);
                    }
                }
            }
            return split;
        }""",
        [selector, pattern],
    )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_on_a_phone_titles_keep_their_words_and_the_address_the_associations_name(
    language, browser, site_url, layout_site
):
    """At 375 px: "Политика конфиденциальности" is not cut inside its long word, and the address in the footer
    and on the contact page does not split «Digital Kazakhstan» or a number from its suffix or range."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    for path in ("/privacy/", "/contact/", "/no-such-page/"):
        page.goto(f"{site_url}/{language}{path}")
        assert split_across_lines(page, "main h1", r"\S+") == [], path
        assert split_across_lines(page, "address, .facts dd", "Digital.Kazakhstan") == [], path
        assert split_across_lines(page, ".nowrap", ".+") == [], path
    context.close()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_phone_menu_opens_without_javascript_and_marks_the_section(
    language, browser, site_url, layout_site, assert_accessible
):
    context = browser.new_context(
        viewport={"width": PHONE, "height": 700}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{site_url}/{language}/members/{layout_site['member'].profile.slug}/")
    members = page.get_by_role("link", name=MEMBERS[language], exact=True)
    expect(members).to_have_count(0)  # behind the button
    page.get_by_text(MENU[language], exact=True).click()
    expect(members).to_be_visible()
    expect(members).to_have_attribute("aria-current", "true")  # a profile belongs to Members
    context.close()


def test_the_section_is_marked_on_desktop(page, site_url, layout_site):
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    page.goto(f"{site_url}/en/members/")
    expect(page.get_by_role("link", name="Members", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    for path in (f"/members/{layout_site['member'].profile.slug}/", "/members/map/"):
        page.goto(f"{site_url}/en{path}")
        expect(page.get_by_role("link", name="Members", exact=True)).to_have_attribute(
            "aria-current", "true"
        )
    page.goto(f"{site_url}/en/equipment/{layout_site['items'][0].pk}/")
    expect(page.get_by_role("link", name="Equipment", exact=True)).to_have_attribute(
        "aria-current", "true"
    )


def test_a_scrolling_table_is_reached_with_the_keyboard(page, site_url, layout_site):
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(f"{site_url}/en/cookies/")
    region = page.get_by_role("region", name="Cookies: Necessary")
    for _ in range(40):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the table's scrolling region never took the focus")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    before = region.evaluate("el => el.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Chromium animates a keyboard scroll, so the offset grows over a few frames.
    page.wait_for_function(
        "([el, before]) => el.scrollLeft > before",
        arg=[region.element_handle(), before],
        timeout=5000,
    )


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_404_page_links_the_same_address_in_the_other_languages(
    language, page, site_url, layout_site
):
    page.goto(f"{site_url}/{language}/members/no-such-member/")
    for code in ("kk", "ru", "en"):
        link = page.locator(f".language-switcher a[hreflang={code}]")
        expect(link).to_have_attribute("href", f"/{code}/members/no-such-member/")
