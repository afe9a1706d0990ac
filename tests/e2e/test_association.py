"""The association's own pages in a real browser, in Kazakh, Russian and English: axe-core finds 0 violations on
every one (About, Membership and fees, news, events with their registration, the attendee's link, working groups,
the members map), and a visitor registers, joins a waiting list and cancels with the keyboard and the mouse."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from association import links
from association.models import Office, Page, Registration
from privacy.cookies import LISTED_COOKIES
from tests.accreditation.factories import MembershipFactory
from tests.association.factories import (
    DocumentFactory,
    EventFactory,
    NewsPostFactory,
    PersonFactory,
    WorkingGroupFactory,
    in_days,
    tariff,
)
from tests.association.test_views import _png

pytestmark = pytest.mark.django_db(transaction=True)

ALLOWED_COOKIES = LISTED_COOKIES  # the cookies page lists exactly these


@pytest.fixture
def association_data():
    Page.objects.create(
        kind=Page.Kind.ABOUT,
        title_kk="Қауымдастық туралы",
        body_kk="## Мақсатымыз\n\nӘділ нарық.",
        title_ru="Об ассоциации",
        body_ru="## Наша цель\n\nЧестный рынок.\n\n| Год | Участники |\n|---|---|\n| 2025 | 60 |",
        title_en="About the association",
        body_en="## Our purpose\n\nA **fair** market.",
    )
    Page.objects.create(
        kind=Page.Kind.MEMBERSHIP,
        title_ru="Членство и взносы",
        body_ru="1. Подайте заявку.\n2. Оплатите.",
    )
    Office.objects.create(phone="+7 7172 72 40 15", hours_ru="Пн–пт, 9:00–18:00")
    with_photo = PersonFactory()
    with_photo.photo.save("p.png", ContentFile(_png()))
    PersonFactory(group="staff")
    DocumentFactory()
    DocumentFactory(section="membership")
    tariff()
    group = WorkingGroupFactory()
    group.members.set(
        [MembershipFactory(company_name="Qazaq Cloud"), MembershipFactory(is_published=False)]
    )
    DocumentFactory(section="working_group", working_group=group)
    for n in range(3):
        NewsPostFactory(slug=f"story-{n}")
    partial = NewsPostFactory(slug="only-russian", title_kk="", body_kk="", title_en="", body_en="")
    open_event = EventFactory(slug="open", capacity=5, working_group=group)
    full = EventFactory(slug="full", capacity=1, online_url="https://events.example.kz/full")
    Registration.objects.create(
        event=full, name="Holder", email="holder@example.kz", status="confirmed"
    )
    EventFactory(slug="past", starts_at=in_days(-20))
    return {"group": group, "partial": partial, "open": open_event, "full": full}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_association_page_has_no_violations(
    language, page, site_url, association_data, assert_accessible, foreign_requests
):
    failures = {}
    base = f"{site_url}/{language}"

    def check(name, expected_status=200, response=None):
        if response is not None:
            assert response.status == expected_status, (name, response.status)
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures[name] = str(error)

    def visit(name, path, status=200):
        check(name, status, page.goto(base + path))

    group = association_data["group"]
    visit("home", "/")
    visit("about", "/about/")
    visit("membership", "/membership/")
    expect(page.locator("table").first).to_be_visible()
    visit("news", "/news/")
    visit("news post", "/news/story-0/")
    visit("news post in fewer languages", "/news/only-russian/")
    visit("events", "/events/")
    visit("event open", "/events/open/")
    visit("event past", "/events/past/")
    visit("working groups", "/working-groups/")
    visit("working group", f"/working-groups/{group.slug}/")
    visit("members map", "/members/map/")

    # Registration: errors, a place, the waiting list; the attendee's link; cancelled; a broken link.
    visit("event full", "/events/full/")
    page.goto(base + "/events/open/")
    page.locator("form.registration-form button[type=submit]").click()
    expect(page.locator("[role=alert]")).to_be_visible()
    check("registration with errors")
    page.locator("#id_name").fill("Айгерім Сәрсенова")
    page.locator("#id_email").fill(f"aigerim-{language}@example.kz")
    page.locator("#id_consent").check()
    page.locator("form.registration-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/open/registered/$"))
    check("registered")
    page.goto(base + "/events/full/")
    page.locator("#id_name").fill("Dana")
    page.locator("#id_email").fill(f"dana-{language}@example.kz")
    page.locator("#id_consent").check()
    page.locator("form.registration-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/full/waiting-list/$"))
    check("waiting list")
    waiting = Registration.objects.get(email=f"dana-{language}@example.kz")
    assert waiting.status == Registration.Status.WAITING
    visit("attendee's link", f"/registrations/{links.REGISTRATION_LINK.make(waiting)}/")
    page.get_by_role("button").filter(has_text=re.compile(".")).last.click()
    expect(page).to_have_url(re.compile(r"/events/full/cancelled/$"))
    check("cancelled")
    visit(
        "attendee's link after cancelling",
        f"/registrations/{links.REGISTRATION_LINK.make(waiting)}/",
    )
    visit("broken link", "/registrations/not-a-token/", status=400)

    assert failures == {}, "\n\n".join(f"== {name}\n{report}" for name, report in failures.items())
    assert {cookie["name"] for cookie in page.context.cookies()} <= ALLOWED_COOKIES
    assert foreign_requests == []


def test_a_visitor_finds_an_event_from_the_home_page_and_registers_with_the_keyboard(
    page, site_url, association_data
):
    page.goto(f"{site_url}/ru/")
    page.get_by_role("navigation", name="Основное меню").get_by_role(
        "link", name="Мероприятия"
    ).click()
    expect(page).to_have_url(re.compile(r"/ru/events/$"))
    page.get_by_role("link", name=association_data["open"].title_ru).click()
    page.get_by_label("Ваше имя").fill("Сергей Иванов")
    page.get_by_label("Адрес электронной почты", exact=True).fill("s.ivanov@example.kz")
    page.locator("#id_consent").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Вы зарегистрированы")
    registration = Registration.objects.get(email="s.ivanov@example.kz")
    assert registration.language == "ru" and registration.consent.purpose == "event_registration"
    with page.expect_download() as download:
        page.get_by_role("link", name="Добавить в календарь (.ics)").click()
    assert download.value.suggested_filename == "open.ics"
