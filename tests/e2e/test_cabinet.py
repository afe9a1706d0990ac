"""The member cabinet in a real browser, in Kazakh and Russian: signing in by the emailed link without
JavaScript, the cabinet at desktop and phone width with axe 0 violations on every page, a colleague added,
renewal from the cabinet, an invoice and the certificate opened, the certificate verified and then no longer
verifying once the membership ends."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.models import Application, Membership
from cabinet.models import VerificationCode
from tests.accreditation.factories import InvoiceFactory, MembershipFactory
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
TEXTS = {
    "kk": {
        "send": "Маған кіру сілтемесін жіберу",
        "sent": "Поштаңызды тексеріңіз",
        "sign_in": "Кіру",
        "add": "Әріптесті қосу",
        "renew": "Мүшелікті ұзарту",
        "verified": "мүшесі",
        "ended": "аяқталды",
        "pictures": ["Жарияланған", "Модерацияны күтуде"],
    },
    "ru": {
        "send": "Прислать мне ссылку для входа",
        "sent": "Проверьте почту",
        "sign_in": "Войти",
        "add": "Добавить коллегу",
        "renew": "Продлить членство",
        "verified": "является членом",
        "ended": "прекращено",
        "pictures": ["Опубликовано", "Ожидает модерации"],
    },
}


@pytest.fixture
def member():
    today = timezone.localdate()
    member = MembershipFactory(
        email="contact@example.kz",
        company_name="Жұлдыз Желілері",
        description_kk="Телекоммуникациялық интегратор.",
        description_ru="Телекоммуникационный интегратор.",
        starts_on=today - datetime.timedelta(days=340),
        ends_on=today + datetime.timedelta(days=20),
    )
    InvoiceFactory(membership=member, amount_kzt=Decimal("184600.00"))
    return member


def emailed_link(site_url) -> str:
    url = re.findall(r"https?://\S+/cabinet/sign-in/[^/\s]+/", sent_mail()[-1].body)[-1]
    return site_url + urlsplit(url).path


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_representative_signs_in_renews_and_the_certificate_verifies_until_the_end(
    browser, site_url, member, language, assert_accessible
):
    text = TEXTS[language]
    # Without JavaScript: the sign-in is plain forms and links.
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{site_url}/{language}/cabinet/sign-in/")
    assert_accessible_without_js(page, assert_accessible, browser, site_url)
    page.locator("input[name=email]").fill("contact@example.kz")
    page.get_by_role("button", name=text["send"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["sent"])
    page.goto(emailed_link(site_url))
    expect(page.get_by_role("main")).to_contain_text("Жұлдыз Желілері")
    page.get_by_role("button", name=text["sign_in"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{language}/cabinet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Жұлдыз Желілері")
    invoice = member.invoices.get()
    expect(page.get_by_role("row", name=re.compile(invoice.number))).to_be_visible()

    # Add a colleague, then renew in one step.
    page.locator("#id_name").fill("Дана Серікқызы")
    page.locator("#id_email").fill("dana@example.kz")
    page.get_by_role("button", name=text["add"]).click()
    expect(page.locator("#representatives")).to_contain_text("Дана Серікқызы")
    page.locator("#id_renewal-consent_processing").check()
    page.get_by_role("button", name=text["renew"]).click()
    expect(page.locator("#renewal [role=status]")).to_be_visible()
    assert Application.objects.get().bin == member.bin

    # The cabinet's cookies are the cabinet session and the CSRF token, nothing else.
    names = {cookie["name"] for cookie in context.cookies()}
    assert names <= {"dkz_cabinet", "csrftoken"} and "dkz_cabinet" in names
    state = context.storage_state()
    context.close()

    # The same session with JavaScript, at desktop and phone width: axe on the cabinet.
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(storage_state=state, viewport=viewport)
        page = context.new_page()
        page.goto(f"{site_url}/{language}/cabinet/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Жұлдыз Желілері")
        assert_accessible(page)
        context.close()

    context = browser.new_context(storage_state=state, viewport=PHONE)
    page = context.new_page()
    response = page.request.get(f"{site_url}/{language}/cabinet/invoices/{invoice.number}/kk.pdf")
    assert response.ok and response.body().startswith(b"%PDF-")
    response = page.request.get(f"{site_url}/{language}/cabinet/certificate/{language}.pdf")
    assert response.ok and response.body().startswith(b"%PDF-")

    code = VerificationCode.objects.get(membership=member).code
    page.goto(f"{site_url}/{language}/members/verify/{code}/")
    expect(page.get_by_role("status")).to_contain_text(text["verified"])
    assert_accessible(page)

    Membership.objects.filter(pk=member.pk).update(ended_on=timezone.localdate())
    page.goto(f"{site_url}/{language}/members/verify/{code}/")
    expect(page.get_by_role("status")).to_contain_text(text["ended"])
    assert_accessible(page)
    context.close()


def assert_accessible_without_js(page, assert_accessible, browser, site_url):
    """axe needs JavaScript: the same address checked in a page that has it."""
    checker = browser.new_page(viewport=PHONE)
    checker.goto(page.url)
    assert_accessible(checker)
    checker.close()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_sign_in_pages_and_a_broken_link_have_no_violations(
    page, site_url, language, assert_accessible
):
    page.goto(f"{site_url}/{language}/cabinet/sign-in/")
    page.get_by_role("button", name=TEXTS[language]["send"]).click()  # empty: the error
    assert_accessible(page)
    page.locator("input[name=email]").fill("nobody@example.kz")
    page.get_by_role("button", name=TEXTS[language]["send"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS[language]["sent"])
    assert_accessible(page)
    page.goto(f"{site_url}/{language}/cabinet/sign-in/broken-link/")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_profile_edit_with_a_logo_is_published_once_staff_approve_it(
    browser, site_url, member, language, trained_staff, assert_accessible, tmp_path
):
    from io import BytesIO

    from PIL import Image

    logo = tmp_path / "logo.png"
    buffer = BytesIO()
    Image.new("RGB", (120, 60), (20, 90, 160)).save(buffer, format="PNG")
    logo.write_bytes(buffer.getvalue())

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{site_url}/{language}/cabinet/sign-in/")
    page.locator("input[name=email]").fill("contact@example.kz")
    page.get_by_role("button", name=TEXTS[language]["send"]).click()
    page.goto(emailed_link(site_url))
    page.get_by_role("button", name=TEXTS[language]["sign_in"], exact=True).click()
    page.locator(f"#id_profile-description_{language}").fill("Жаңа сипаттама / новое описание")
    page.locator("#id_profile-website").fill("https://zhuldyz.example.kz")
    page.locator("#id_profile-logo").set_input_files(str(logo))
    page.locator("form[action$='/cabinet/profile/'] button[type=submit]").click()
    expect(page.locator("#profile .notice")).to_be_visible()
    assert_accessible(page)
    profile_url = f"{site_url}/{language}/members/{member.profile.slug}/"
    visitor = browser.new_page()
    visitor.goto(profile_url)
    expect(visitor.get_by_role("main")).not_to_contain_text("Жаңа сипаттама")

    staff = browser.new_page()
    staff.goto(f"{site_url}/admin/login/")
    staff.locator("#id_username").fill(trained_staff.email)
    staff.locator("#id_password").fill("a-long-staff-password-42")
    staff.locator("input[type=submit]").click()
    staff.goto(f"{site_url}/admin/cabinet/profilechange/")
    staff.get_by_role("link", name=re.compile("Жұлдыз Желілері")).first.click()
    expect(staff.get_by_role("main")).to_contain_text("https://zhuldyz.example.kz")
    staff.locator("input[name=_approve]").click()

    visitor.goto(profile_url)
    expect(visitor.get_by_role("main")).to_contain_text("Жаңа сипаттама")
    expect(visitor.locator("img.member-logo")).to_be_visible()
    assert_accessible(visitor)
    context.close()


def signed_in_context(browser, site_url, language, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{site_url}/{language}/cabinet/sign-in/")
    page.locator("input[name=email]").fill("contact@example.kz")
    page.get_by_role("button", name=TEXTS[language]["send"]).click()
    page.goto(emailed_link(site_url))
    page.get_by_role("button", name=TEXTS[language]["sign_in"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{language}/cabinet/$"))
    return context, page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_an_item_added_with_a_picture_is_in_the_catalogue_once_staff_approve_it(
    browser, site_url, member, language, trained_staff, assert_accessible, tmp_path
):
    from io import BytesIO

    from PIL import Image

    from directory.models import Equipment
    from tests.directory.factories import vocabulary

    vocabulary()
    picture = tmp_path / "server.png"
    buffer = BytesIO()
    Image.new("RGB", (160, 90), (40, 40, 40)).save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())
    name = {"kk": "Шеткі есептеу сервері", "ru": "Пограничный сервер"}[language]

    context, page = signed_in_context(browser, site_url, language)
    assert_accessible(page)  # the cabinet with its equipment section
    page.locator("a[href$='/cabinet/equipment/new/servers/']").click()
    page.locator(
        "main form.application-form button[type=submit]"
    ).click()  # no name: the errors, what was typed kept
    expect(page.locator(".form-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator(f"#id_item-name_{language}").fill(name)
    page.locator("#id_item-model").fill("ES-2")
    page.locator("#id_item-spec_memory").fill("128")
    page.locator("#id_item-spec_form-factor").select_option("rack-1u")
    page.locator("#id_item-picture").set_input_files(str(picture))
    assert_accessible(page)
    page.locator("main form.application-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/cabinet/#equipment$"))
    expect(page.locator("#equipment")).to_contain_text(name)
    assert_accessible(page)
    catalogue = f"{site_url}/{language}/equipment/"
    visitor = browser.new_page()
    visitor.goto(catalogue)
    expect(visitor.get_by_role("main")).not_to_contain_text(name)

    staff = browser.new_page()
    staff.goto(f"{site_url}/admin/login/")
    staff.locator("#id_username").fill(trained_staff.email)
    staff.locator("#id_password").fill("a-long-staff-password-42")
    staff.locator("input[type=submit]").click()
    staff.goto(f"{site_url}/admin/cabinet/profilechange/")
    staff.get_by_role("link", name=re.compile("Жұлдыз Желілері")).first.click()
    expect(staff.get_by_role("main")).to_contain_text(name)
    expect(staff.locator("img[src$='/picture/']")).to_be_visible()
    staff.locator("input[name=_approve]").click()

    visitor.goto(catalogue)
    expect(visitor.get_by_role("main")).to_contain_text(name)
    item = Equipment.objects.get(member=member)
    visitor.goto(f"{site_url}/{language}/equipment/{item.pk}/")
    expect(visitor.get_by_role("main")).to_contain_text("128")
    expect(visitor.locator(f"img[src$='/equipment/{item.pk}/image/']")).to_be_visible()
    context.close()

    # The change form of the published item, at phone width.
    context, page = signed_in_context(browser, site_url, language, viewport=PHONE)
    page.locator(f"a[href$='/cabinet/equipment/{item.pk}/']").click()
    expect(page.locator(f"#id_item-name_{language}")).to_have_value(name)
    current_picture = page.locator(f"img[src$='/cabinet/equipment/{item.pk}/picture/']")
    expect(current_picture).to_be_visible()  # served to the company's representative
    assert_accessible(page)  # with the category's note and the other categories
    # Another category: the new item's form, filled in from this one.
    page.locator(f"a[href$='/cabinet/equipment/new/network/?replaces={item.pk}']").click()
    expect(page.locator(f"#id_item-name_{language}")).to_have_value(name)
    expect(current_picture).to_be_visible()
    assert_accessible(page)
    # A new picture sent for moderation: the change form shows it beside the published one, each labelled.
    page.goto(f"{site_url}/{language}/cabinet/equipment/{item.pk}/")
    page.locator("#id_item-picture").set_input_files(str(picture))
    page.locator("main form.application-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/cabinet/#equipment$"))
    page.locator(f"a[href$='/cabinet/equipment/{item.pk}/']").click()
    pair = page.locator(".picture-pair")
    expect(pair.locator("figcaption")).to_have_text(TEXTS[language]["pictures"])
    for image in pair.locator("img").all():
        expect(image).to_be_visible()
        page.wait_for_function(  # served, not broken (once the browser has loaded it)
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=5000
        )
    assert_accessible(page)
    page.goto(f"{site_url}/{language}/cabinet/")
    assert_accessible(page)
    context.close()
