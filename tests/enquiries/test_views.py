import re
import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from enquiries import links
from enquiries.models import Enquiry, EnquiryMessage
from outbox.models import Email
from privacy.models import ConsentPurpose, ConsentRecord
from privacy.services import block_email, withdraw_consent
from tests.queue import sent_mail

from .factories import EnquiryFactory

pytestmark = pytest.mark.django_db

CONTACT = "/en/contact/"


def answer_link_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+/answer/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Бізге жазыңыз"), ("ru", "Напишите нам"), ("en", "Contact us")],
)
def test_contact_page_in_each_language(client, language, heading):
    response = client.get(f"/{language}/contact/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f"<h1>{heading}</h1>" in content
    for name in ("name", "email", "company", "message", "consent", "website"):
        assert f'name="{name}"' in content
    assert f'href="/{language}/privacy/"' in content  # the consent wording links the policy
    assert 'class="honeypot"' in content


def test_contact_page_is_reversible_and_linked_from_nav_and_footer(client):
    with translation.override("en"):
        assert reverse("enquiries:contact") == CONTACT
    content = client.get("/en/").content.decode()
    nav = content.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    footer = content.split('<footer class="site-footer"', 1)[1].split("</footer>", 1)[0]
    assert 'href="/en/contact/"' in nav
    assert 'href="/en/contact/"' in footer


def test_contact_page_gives_the_office_phone_and_hours(client):
    from association.models import Office

    Office.objects.create(phone="+7 7172 72 40 15", hours_ru="Пн–пт, 9:00–18:00")
    page = client.get("/ru/contact/").content.decode()
    assert 'href="tel:+77172724015" class="nowrap">+7 7172 72 40 15</a>' in page
    assert 'Пн–пт, <span class="nowrap">9:00–18:00</span>' in page  # a phone keeps the hours whole
    assert (
        '<dd lang="ru">Пн–пт' in client.get("/kk/contact/").content.decode()
    )  # in Russian only: marked


def test_contact_page_is_in_the_sitemap(client):
    body = client.get("/sitemap.xml").content.decode()
    for code in ("kk", "ru", "en"):
        assert f"http://testserver/{code}/contact/" in body


def test_sending_the_form_stores_the_enquiry_and_redirects_to_thanks(client, contact_data):
    response = client.post(
        CONTACT,
        contact_data,
        HTTP_USER_AGENT="Mozilla/5.0 (test browser)",
        HTTP_REFERER="http://testserver/en/",
        REMOTE_ADDR="198.51.100.4",
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/contact/thanks/"
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email, enquiry.company) == (
        "Aigerim Nurlanovna",
        "aigerim@example.kz",
        "Qazaq Soft LLP",
    )
    assert enquiry.language == "en"
    first = enquiry.messages.get()
    assert (first.client_ip, first.user_agent, first.referrer) == (
        "198.51.100.4",
        "Mozilla/5.0 (test browser)",
        "http://testserver/en/",
    )
    assert len(sent_mail()) == 2
    thanks = client.get(response["Location"])
    assert "Thank you for your message" in thanks.content.decode()


def test_p06_the_consent_recorded_is_the_sentence_the_visitor_saw(client, contact_data):
    """P06: the stored wording is exactly the consent sentence on the Russian page, link text included."""
    page = client.get("/ru/contact/").content.decode()
    client.post("/ru/contact/", contact_data)
    consent = ConsentRecord.objects.get()
    shown = re.sub(
        r"<[^>]+>", "", re.search(r'<label for="id_consent">(.*?)</label>', page, re.S)[1]
    )
    assert consent.wording == shown.strip()
    assert consent.language == "ru"
    assert consent.purpose == ConsentPurpose.ENQUIRY_PROCESSING


def test_p04_extra_fields_are_not_stored(client, contact_data):
    """P04: only name, email, company and message are kept, whatever else a request carries."""
    client.post(CONTACT, {**contact_data, "phone": "+7 701 000 00 00", "address": "Astana"})
    enquiry = Enquiry.objects.get()
    stored = " ".join(str(value) for value in Enquiry.objects.values().get().values())
    assert (
        "+7 701 000 00 00" not in stored and "Astana" not in stored
    )  # not "701": a timestamp may hold it
    assert enquiry.message == contact_data["message"]


BAD_INPUT = [
    ("name", "", "Please tell us your name."),
    ("name", "   ", "Please tell us your name."),
    ("name", "x" * 201, "Please shorten this to 200 characters (it has 201)."),
    ("email", "", "Please enter your email address so that we can answer."),
    ("email", "not-an-address", "Please enter a valid email address, e.g. name@example.kz."),
    ("company", "c" * 201, "Please shorten this to 200 characters (it has 201)."),
    ("message", "", "Please write your message."),
    ("message", "m" * 5001, "Please shorten this to 5000 characters (it has 5001)."),
    ("message", "bad\x00byte", "This text contains a character that cannot be stored"),
    ("consent", "", "We can answer only with your consent: please tick the box."),
]


@pytest.mark.parametrize(("field", "value", "error"), BAD_INPUT)
def test_each_bad_input_gets_a_clear_error_and_keeps_what_was_typed(
    client, contact_data, field, value, error
):
    data = {**contact_data, field: value}
    if field == "consent":
        data.pop("consent")
    response = client.post(CONTACT, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content
    assert f'id="id_{field}_error"' in content
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', content)
    assert 'aria-invalid="true"' in content
    for kept in ("name", "company", "message"):
        if kept != field:
            assert contact_data[kept] in content  # what the visitor typed is still there
    assert Enquiry.objects.count() == 0
    assert ConsentRecord.objects.count() == 0
    assert sent_mail() == []


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("kk", "Атыңызды жазыңыз."),
        ("ru", "Укажите, пожалуйста, ваше имя."),
    ],
)
def test_errors_are_translated(client, contact_data, language, error):
    response = client.post(f"/{language}/contact/", {**contact_data, "name": ""})
    assert error in response.content.decode()


def test_honeypot_answers_like_success_and_stores_nothing(client, contact_data):
    response = client.post(CONTACT, {**contact_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == "/en/contact/thanks/"
    assert Enquiry.objects.count() == 0
    assert ConsentRecord.objects.count() == 0
    assert sent_mail() == []


def test_sending_the_same_message_twice_makes_one_enquiry(client, contact_data):
    first = client.post(CONTACT, contact_data)
    second = client.post(CONTACT, contact_data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/en/contact/thanks/"
    assert Enquiry.objects.count() == 1
    assert len(sent_mail()) == 2


def test_p01_rate_limit_per_ip_answers_429(client, contact_data, settings):
    """P01: the client IP serves abuse protection: beyond the limit, 429 and nothing stored."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "contact": "2/h"}
    for n in range(2):
        response = client.post(
            CONTACT, {**contact_data, "message": f"Question {n}"}, REMOTE_ADDR="198.51.100.7"
        )
        assert response.status_code == 302
    blocked = client.post(
        CONTACT, {**contact_data, "message": "Question 3"}, REMOTE_ADDR="198.51.100.7"
    )
    assert blocked.status_code == 429
    assert "Not sent yet" in blocked.content.decode()
    assert "Question 3" in blocked.content.decode()  # the form again, as typed
    assert Enquiry.objects.count() == 2
    other_ip = client.post(
        CONTACT, {**contact_data, "message": "Question 4"}, REMOTE_ADDR="198.51.100.8"
    )
    assert other_ip.status_code == 302
    assert client.get(CONTACT, REMOTE_ADDR="198.51.100.7").status_code == 200  # reading is free


def test_a_failing_mail_server_does_not_cost_the_submission(client, contact_data, mail_server_down):
    response = client.post(CONTACT, contact_data)
    assert response.status_code == 302
    assert response["Location"] == "/en/contact/thanks/"
    enquiry = Enquiry.objects.get()
    assert sent_mail() == []
    assert Email.objects.regarding(enquiry).filter(status=Email.Status.RETRYING).count() == 2


# The reply loop -----------------------------------------------------------------------------------


def test_reply_loop_end_to_end_through_the_mail(client, admin_client_trained, contact_data):
    """Visitor writes in Russian, staff reply in the admin, the visitor answers through the emailed link."""
    from django.test import Client

    visitor = Client()
    visitor.post("/ru/contact/", contact_data)
    enquiry = Enquiry.objects.get()
    acknowledgement, notice = sent_mail()
    assert acknowledgement.to == ["aigerim@example.kz"]
    admin_path = re.search(r"https?://[^/\s]+(/admin/\S+)", notice.body)[1]
    sent_mail().clear()

    page = admin_client_trained.get(admin_path)
    assert contact_data["message"] in page.content.decode()
    reply = {"reply": "Добрый день! Пришлите, пожалуйста, ваш БИН.", "expects_answer": "on"}
    reply_path = admin_path.replace("/change/", "/reply/")
    preview = admin_client_trained.post(reply_path, reply)  # "Preview the reply email"
    assert "Пришлите, пожалуйста, ваш БИН." in preview.content.decode()
    response = admin_client_trained.post(reply_path, {**reply, "_send": "1"})  # "Send reply"
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.AWAITING_VISITOR

    (reply,) = sent_mail()
    assert reply.to == ["aigerim@example.kz"]
    assert "Добрый день! Пришлите, пожалуйста, ваш БИН." in reply.body
    link = answer_link_from(reply)
    assert link.startswith(f"/ru/contact/{enquiry.pk}/answer/")
    sent_mail().clear()

    answer_page = visitor.get(link)
    assert answer_page.status_code == 200
    assert "Пришлите, пожалуйста, ваш БИН" in answer_page.content.decode()
    # The link's token must not travel on in Referer headers (only the origin does).
    assert '<meta name="referrer" content="strict-origin">' in answer_page.content.decode()
    sent = visitor.post(link, {"message": "Наш БИН 150540000019."})
    assert sent.status_code == 302
    assert sent["Location"] == "/ru/contact/answer/sent/"
    assert visitor.get(sent["Location"]).status_code == 200

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW
    directions = list(enquiry.messages.values_list("direction", flat=True))
    assert directions == ["in", "out", "in"]
    (staff_notice,) = sent_mail()
    assert staff_notice.to == ["info@digitalkazakhstan.org"]
    assert admin_path in staff_notice.body


def test_answer_with_a_bad_input_keeps_the_text(client):
    enquiry = EnquiryFactory()
    link = f"/en/contact/{enquiry.pk}/answer/{links.ENQUIRY_LINK.make(enquiry)}/"
    response = client.post(link, {"message": "x" * 5001})
    assert response.status_code == 200
    assert "Please shorten this to 5000 characters" in response.content.decode()
    assert enquiry.messages.count() == 1
    empty = client.post(link, {"message": "  "})
    assert "Please write your answer." in empty.content.decode()


def make_token_days_ago(enquiry, days, monkeypatch):
    """A link as it was emailed `days` ago (the signature carries its own timestamp)."""
    signed_at = int(time.time()) - days * 86400
    with monkeypatch.context() as patch:
        patch.setattr(
            signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(signed_at)
        )
        return links.ENQUIRY_LINK.make(enquiry)


def test_a_link_works_until_it_expires(client, settings, monkeypatch):
    settings.REPLY_LINK_MAX_AGE_DAYS = 30
    enquiry = EnquiryFactory()
    recent = make_token_days_ago(enquiry, 29, monkeypatch)
    assert client.get(f"/en/contact/{enquiry.pk}/answer/{recent}/").status_code == 200


def test_an_expired_link_gets_a_clear_page_and_stores_nothing(client, settings, monkeypatch):
    settings.REPLY_LINK_MAX_AGE_DAYS = 30
    enquiry = EnquiryFactory()
    old = make_token_days_ago(enquiry, 31, monkeypatch)
    link = f"/en/contact/{enquiry.pk}/answer/{old}/"
    response = client.get(link)
    assert response.status_code == 410
    content = response.content.decode()
    assert "This link has expired" in content
    assert 'href="/en/contact/"' in content
    assert enquiry.message not in content
    assert client.post(link, {"message": "Late answer"}).status_code == 410
    assert enquiry.messages.count() == 1


def test_a_tampered_link_gets_a_clear_page_and_stores_nothing(client):
    enquiry = EnquiryFactory()
    token = links.ENQUIRY_LINK.make(enquiry)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    link = f"/en/contact/{enquiry.pk}/answer/{tampered}/"
    response = client.get(link)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    post = client.post(link, {"message": "Sneaky"})
    assert post.status_code == 400
    assert enquiry.messages.count() == 1


def test_a_link_cannot_be_used_for_another_thread(client):
    mine, theirs = EnquiryFactory(), EnquiryFactory()
    token = links.ENQUIRY_LINK.make(mine)
    link = f"/en/contact/{theirs.pk}/answer/{token}/"
    response = client.get(link)
    assert response.status_code == 400
    assert "belongs to a different conversation" in response.content.decode()
    assert mine.message not in response.content.decode()
    client.post(link, {"message": "Into the wrong thread"})
    assert theirs.messages.count() == 1 and mine.messages.count() == 1


def test_a_link_to_an_enquiry_that_does_not_exist(client):
    enquiry = EnquiryFactory()
    token = links.ENQUIRY_LINK.make(enquiry)
    response = client.get(f"/en/contact/{enquiry.pk + 100}/answer/{token}/")
    assert response.status_code == 400


def test_p21_after_withdrawal_the_link_shows_the_conversation_is_closed(client):
    """P21: after withdrawal the emailed link no longer adds to the thread."""
    enquiry = EnquiryFactory(email="withdrawn@example.kz")
    link = f"/en/contact/{enquiry.pk}/answer/{links.ENQUIRY_LINK.make(enquiry)}/"
    withdraw_consent(email="withdrawn@example.kz", purpose=ConsentPurpose.ENQUIRY_PROCESSING)
    response = client.get(link)
    assert response.status_code == 410
    assert "This conversation is closed" in response.content.decode()
    assert client.post(link, {"message": "Still there?"}).status_code == 410
    assert not EnquiryMessage.objects.filter(body="Still there?").exists()


def test_answers_through_links_are_rate_limited_per_ip(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "enquiry_answer": "2/h"}
    enquiry = EnquiryFactory()
    link = f"/en/contact/{enquiry.pk}/answer/{links.ENQUIRY_LINK.make(enquiry)}/"
    for n in range(2):
        assert client.post(link, {"message": f"Answer {n}"}).status_code == 302
    assert client.post(link, {"message": "Answer 3"}).status_code == 429
    assert enquiry.messages.count() == 3


def test_p19_a_blocked_address_gets_the_answer_any_address_gets_and_nothing_is_kept(client):
    """No oracle on who had their data blocked: the same redirect and thank-you page; staff see it on the block."""
    from privacy.models import BlockedEmail

    block = block_email(email="blocked@example.kz")

    def send(email):
        return client.post(
            CONTACT,
            {
                "name": "Aigerim",
                "email": email,
                "company": "",
                "message": f"Hello there from {email}",
                "consent": "on",
                "website": "",
            },
        )

    blocked, other = send("blocked@example.kz"), send("someone@example.kz")

    assert blocked.status_code == other.status_code == 302
    assert blocked["Location"] == other["Location"]
    assert client.get(blocked["Location"]).content == client.get(other["Location"]).content
    assert list(Enquiry.objects.values_list("email", flat=True)) == ["someone@example.kz"]
    block = BlockedEmail.objects.get(pk=block.pk)
    assert block.refused_submissions == 1 and block.last_refused_at is not None
