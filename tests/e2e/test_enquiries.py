"""A visitor writes in Kazakh, a trained staff member replies in the admin, the visitor answers by the link."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from enquiries.models import Enquiry
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db(transaction=True)


def log_in_as_trained_staff(page, site_url):
    """Staff authentication is its own feature (and test); here the session comes from Django directly."""
    staff = get_user_model().objects.create_superuser(
        email="saule@digitalkazakhstan.org",
        password="a-long-staff-password-42",
        full_name="Saule Bekova",
        pd_training_completed_on=datetime.date.today(),
    )
    client = Client()
    client.force_login(staff)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
            }
        ]
    )
    return staff


def test_contact_form_errors_are_shown_accessibly_in_kazakh(page, site_url, assert_accessible):
    page.goto(f"{site_url}/kk/contact/")
    page.get_by_label("Атыңыз").fill("Айгерім")
    page.get_by_role("button", name="Хабарды жіберу").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Хабарыңызды жазыңыз.")).to_be_visible()
    expect(page.get_by_label("Атыңыз")).to_have_value("Айгерім")
    expect(page.get_by_label("Хабарыңыз")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert Enquiry.objects.count() == 0


def test_visitor_writes_staff_reply_visitor_answers_by_the_link(
    page, site_url, assert_accessible, foreign_requests
):
    # The visitor writes in Kazakh.
    page.goto(f"{site_url}/kk/")
    page.get_by_role("navigation", name="Негізгі мәзір").get_by_role(
        "link", name="Байланыс"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Бізге жазыңыз")
    assert_accessible(page)
    page.get_by_label("Атыңыз").fill("Айгерім Сәрсенова")
    page.get_by_label("Электрондық пошта мекенжайы", exact=True).fill("aigerim@example.kz")
    page.get_by_label("Компания (міндетті емес)").fill("Qazaq Cloud")
    page.get_by_label("Хабарыңыз").fill("Сәлеметсіз бе! Қауымдастыққа қалай кіруге болады?")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Хабарды жіберу").click()
    expect(page).to_have_url(re.compile(r"/kk/contact/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Хабарыңызға рақмет")
    assert_accessible(page)

    enquiry = Enquiry.objects.get()
    assert enquiry.language == "kk"
    acknowledgement = next(m for m in sent_mail() if m.to == ["aigerim@example.kz"])
    assert "өтінішіңізді алдық" in acknowledgement.subject
    sent_mail().clear()

    # A trained staff member replies from the enquiry's admin page.
    log_in_as_trained_staff(page, site_url)
    page.goto(f"{site_url}/admin/enquiries/enquiry/")
    page.get_by_role("link", name=enquiry.reference).click()
    expect(page.get_by_text("Қауымдастыққа қалай кіруге болады?")).to_be_visible()
    page.locator("textarea[name=reply]").fill(
        "Сәлеметсіз бе! Өтінімді сайттағы аккредиттеу формасы арқылы беріңіз."
    )
    page.locator("input[name=expects_answer]").check()
    page.locator("input[name=_preview]").click()  # the email as the visitor will read it
    expect(page.locator("pre.email-body")).to_contain_text("аккредиттеу формасы арқылы беріңіз")
    assert sent_mail() == []
    assert_accessible(page)
    page.locator("input[name=_send]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.AWAITING_VISITOR

    (reply,) = sent_mail()
    assert reply.to == ["aigerim@example.kz"]
    path = re.search(r"https?://[^/\s]+(/kk/contact/\d+/answer/\S+/)", reply.body)[1]
    sent_mail().clear()

    # The visitor answers through the link in the email, without an account.
    page.context.clear_cookies()
    page.goto(f"{site_url}{path}")
    expect(
        page.get_by_text("Өтінімді сайттағы аккредиттеу формасы арқылы беріңіз.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("textbox", name="Хабарыңыз").fill("Рақмет! Бүгін жіберемін.")
    page.get_by_role("button", name="Жауапты жіберу").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Жауабыңыз жіберілді")
    assert_accessible(page)

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW
    assert list(enquiry.messages.values_list("direction", flat=True)) == ["in", "out", "in"]
    (notice,) = sent_mail()
    assert notice.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert foreign_requests == []


def test_an_expired_or_tampered_link_page_is_accessible(page, site_url, assert_accessible):
    enquiry = Enquiry.objects.create(
        name="Dana", email="dana@example.kz", message="Question", language="kk"
    )
    page.goto(f"{site_url}/kk/contact/{enquiry.pk}/answer/not-a-real-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Бұл сілтеме жұмыс істемейді")
    assert_accessible(page)
