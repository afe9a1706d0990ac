"""A company applies in Russian; a trained reviewer asks a question, the company corrects the application
through the emailed link, and the reviewer approves it in the admin: the member is listed."""

import re

import pytest
from playwright.sync_api import expect

from accreditation.models import Application, ApplicationState
from directory.models import listed_memberships
from tests.accreditation.factories import distinct_bin
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-staff-password-42"


def fill_application(page, bin_number):
    page.get_by_role("textbox", name="БИН").fill(f"{bin_number[:6]} {bin_number[6:]}")
    page.get_by_role("textbox", name="Название компании").fill("ТОО «Кокше Роботикс»")
    page.get_by_role("combobox", name="Регион").select_option(label="Акмолинская область")
    page.get_by_role("textbox", name="Контактное лицо").fill("Айгерим Садыкова")
    page.get_by_role("textbox", name="Эл. почта").fill("aigerim@kokshe-robotics.kz")
    page.get_by_role("textbox", name="Телефон").fill("+7 701 111 22 33")
    page.get_by_label("Чем занимается ваша компания").fill("Роботы для элеваторов.")
    page.locator("#id_consent_processing").check()
    page.locator("#id_consent_publication").check()


def log_in(page, site_url, email):
    page.goto(f"{site_url}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_company_applies_in_russian_and_a_reviewer_approves(
    page, site_url, trained_staff, assert_accessible, foreign_requests
):
    page.goto(f"{site_url}/ru/")
    page.get_by_role("navigation", name="Основное меню").get_by_role(
        "link", name="Аккредитация"
    ).click()
    expect(page).to_have_url(re.compile(r"/ru/accreditation/apply/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Подать заявку на аккредитацию")
    assert_accessible(page)

    # A mistyped BIN: a translated error tied to the field, everything typed kept.
    bin_number = distinct_bin(4242)
    fill_application(page, bin_number[:11] + str((int(bin_number[-1]) + 1) % 10))
    page.get_by_role("button", name="Отправить заявку").click()
    bin_field = page.get_by_role("textbox", name="БИН")
    expect(bin_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_bin_error")).to_contain_text(
        "(контрольная) цифра БИН не соответствует"
    )
    expect(page.get_by_role("textbox", name="Название компании")).to_have_value(
        "ТОО «Кокше Роботикс»"
    )
    assert_accessible(page)

    bin_field.fill(bin_number)
    page.locator("#id_consent_processing").check()
    page.locator("#id_consent_publication").check()
    page.get_by_role("button", name="Отправить заявку").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо: ваша заявка получена")
    application = Application.objects.get(bin=bin_number)
    expect(page.locator(".reference")).to_have_text(application.reference)
    assert_accessible(page)
    assert application.language == "ru"
    assert sent_mail()[0].to == ["aigerim@kokshe-robotics.kz"]

    # The reviewer asks for more information from the admin.
    log_in(page, site_url, trained_staff.email)
    page.goto(f"{site_url}/admin/accreditation/application/?q={bin_number}")
    page.get_by_role("link", name=application.reference).click()
    page.get_by_role("button", name="Start review").click()
    expect(page.locator(".messagelist")).to_contain_text(application.reference)
    page.get_by_role("link", name="Request information…").click()
    page.get_by_label("Reason (sent to the applicant)").fill("Пришлите, пожалуйста, устав.")
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("Information requested")

    # The company answers through the signed link in the email, without an account.
    request = sent_mail()[-1]
    assert "Пришлите, пожалуйста, устав." in request.body
    link = re.search(r"http\S+/ru/accreditation/applications/\S+/", request.body).group(0)
    company = page.context.browser.new_page()
    company.goto(site_url + link[link.index("/ru/") :])
    expect(company.get_by_text("Пришлите, пожалуйста, устав.")).to_be_visible()
    assert_accessible(company)
    company.get_by_label("Ваш ответ на наш вопрос").fill("Устав отправлен письмом.")
    company.get_by_role("button", name="Отправить исправленную заявку").click()
    expect(company.get_by_role("status")).to_contain_text("исправленная заявка получена")
    assert_accessible(company)
    # P02: no account, no session: only the CSRF cookie the form needs.
    assert {cookie["name"] for cookie in company.context.cookies()} <= {"csrftoken"}
    company.close()

    # The reviewer approves; the member exists and is listed.
    page.reload()
    page.get_by_role("link", name="Approve…").click()
    expect(page.get_by_text(re.compile("becomes a member from"))).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    member = application.membership
    assert member.company_name == "ТОО «Кокше Роботикс»"
    assert member.region == "KZ-11"
    assert member in listed_memberships()
    assert "аккредитована" in sent_mail()[-1].subject

    # A visitor finds the new member in the public directory, in Russian.
    visitor = page.context.browser.new_page()
    visitor.goto(f"{site_url}/ru/members/?q=кокше")
    visitor.get_by_role("link", name="ТОО «Кокше Роботикс»").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("ТОО «Кокше Роботикс»")
    assert_accessible(visitor)
    visitor.close()
    assert foreign_requests == []
