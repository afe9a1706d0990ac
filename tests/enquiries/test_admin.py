from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.sites import site as admin_site
from django.utils import timezone

from dkz_site.admin_site import holds_personal_data
from enquiries import services
from enquiries.models import Enquiry
from outbox.models import Email
from privacy.services import block_email
from tests.outbox.factories import failed_email
from tests.queue import sent_mail

from .factories import EnquiryFactory, EnquiryMessageFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/enquiries/enquiry/"


@pytest.fixture(autouse=True)
def _admin_in_english(client):
    """The admin follows Accept-Language (Kazakh by default); these tests read it in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def change_url(enquiry):
    return f"/admin/enquiries/enquiry/{enquiry.pk}/change/"


def reply_url(enquiry):
    return f"/admin/enquiries/enquiry/{enquiry.pk}/reply/"


def send(data):
    """The reply box's "Send reply", pressed on the preview page."""
    return {**data, "_send": "1"}


def test_the_enquiry_admin_declares_personal_data():
    """P25 (enquiry side): the page is gated for trained staff through the personal-data declaration."""
    assert holds_personal_data(admin_site._registry[Enquiry])


def test_list_shows_unanswered_first_longest_waiting_on_top(admin_client_trained):
    now = timezone.now()
    answered = EnquiryFactory(
        name="Answered Person", status=Enquiry.Status.ANSWERED, waiting_since=None
    )
    recent = EnquiryFactory(name="Recent Person", waiting_since=now - timedelta(hours=1))
    oldest = EnquiryFactory(name="Oldest Person", waiting_since=now - timedelta(days=3))
    closed = EnquiryFactory(name="Closed Person", status=Enquiry.Status.CLOSED, waiting_since=None)
    response = admin_client_trained.get(LIST)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows[:2] == [oldest, recent]
    assert set(rows[2:]) == {answered, closed}
    content = response.content.decode()
    assert "3\xa0days" in content  # waiting time shown


def test_list_query_count_is_pinned(admin_client_trained, django_assert_max_num_queries):
    for n in range(30):
        enquiry = EnquiryFactory()
        EnquiryMessageFactory(enquiry=enquiry)
        if n % 5 == 0:
            failed_email(enquiry)
    # 7 today (session, user, count, page with annotations, filters); slack for the training gate, not per row.
    with django_assert_max_num_queries(9):
        response = admin_client_trained.get(LIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 30


@pytest.mark.parametrize(
    ("query", "expected"),
    [("dana@", "Dana"), ("Ermek", "Ermek"), ("Steppe", "Ermek")],
)
def test_search_by_email_name_and_company(admin_client_trained, query, expected):
    EnquiryFactory(name="Dana", email="dana@example.kz", company="Qazaq Soft")
    EnquiryFactory(name="Ermek", email="ermek@example.kz", company="Steppe Networks")
    response = admin_client_trained.get(LIST, {"q": query})
    assert [e.name for e in response.context["cl"].result_list] == [expected]


def test_filters_by_status_language_and_mail_problem(admin_client_trained):
    kk = EnquiryFactory(language="kk")
    ru = EnquiryFactory(language="ru", status=Enquiry.Status.CLOSED, waiting_since=None)
    failed_email(ru)

    def listed(params):
        return list(admin_client_trained.get(LIST, params).context["cl"].result_list)

    assert listed({"language__exact": "kk"}) == [kk]
    assert listed({"status__exact": "closed"}) == [ru]
    assert listed({"mail": "failed"}) == [ru]


def test_change_page_shows_the_whole_thread_and_the_reply_box(admin_client_trained, trained_staff):
    enquiry = EnquiryFactory(message="Opening question about BIN checks")
    trained_staff.full_name = "Saule Staff"
    trained_staff.save()
    EnquiryMessageFactory(enquiry=enquiry, author=trained_staff, body="Our first answer")
    EnquiryMessageFactory(
        enquiry=enquiry, direction="in", body="The visitor's follow-up", author=None
    )
    response = admin_client_trained.get(change_url(enquiry))
    assert response.status_code == 200
    content = response.content.decode()
    opening = content.index("Opening question about BIN checks")
    answer = content.index("Our first answer")
    follow_up = content.index("The visitor&#x27;s follow-up")
    assert opening < answer < follow_up
    assert "Saule Staff" in content
    assert "203.0.113.7" in content  # technical data of the submission, for abuse handling
    assert 'name="reply"' in content and 'name="expects_answer"' in content
    assert content.index("Our first answer") < content.index('name="reply"')


def test_change_page_shows_the_consent_given(admin_client_trained, client, contact_data):
    client.post("/en/contact/", contact_data)
    enquiry = Enquiry.objects.get()
    content = admin_client_trained.get(change_url(enquiry)).content.decode()
    assert "I agree that Digital Kazakhstan processes my name" in content
    assert str(enquiry.consent.policy_version) in content


def test_reply_from_the_admin_goes_through_the_service(admin_client_trained, trained_staff):
    enquiry = EnquiryFactory(language="en")
    response = admin_client_trained.post(reply_url(enquiry), send({"reply": "Here is our answer."}))
    assert response.status_code == 302
    assert response["Location"] == change_url(enquiry)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
    reply = enquiry.messages.last()
    assert (reply.direction, reply.author, reply.body) == (
        "out",
        trained_staff,
        "Here is our answer.",
    )
    assert [m.to for m in sent_mail()] == [[enquiry.email]]
    page = admin_client_trained.get(response["Location"]).content.decode()
    assert "queued to be emailed to the visitor" in page


def test_saving_the_page_sends_nothing_and_an_empty_reply_is_refused(admin_client_trained):
    enquiry = EnquiryFactory()
    admin_client_trained.post(change_url(enquiry), {"reply": "Saved, not sent"})
    response = admin_client_trained.post(reply_url(enquiry), send({"reply": "  "}))
    assert response.status_code == 200
    assert "Write the reply first." in response.content.decode()
    assert enquiry.messages.count() == 1
    assert sent_mail() == []


def test_the_reply_is_previewed_as_the_visitor_will_read_it_before_it_is_sent(
    admin_client_trained,
):
    enquiry = EnquiryFactory(language="ru")
    enquiry.messages.update(body="Сколько стоит <b>членство</b>?")
    page = admin_client_trained.get(change_url(enquiry)).content.decode()
    assert f'formaction="{reply_url(enquiry)}"' in page and 'name="_save"' not in page
    response = admin_client_trained.post(reply_url(enquiry), {"reply": "Взнос указан на сайте."})
    content = response.content.decode()
    assert response.status_code == 200
    assert f"Наш ответ на ваше обращение {enquiry.reference}" in content  # subject, in Russian
    assert "Взнос указан на сайте." in content
    assert (
        "&gt; Сколько стоит &lt;b&gt;членство&lt;/b&gt;?" in content
    )  # quoted, and escaped on the page
    assert f"info+enquiry-{enquiry.pk}@digitalkazakhstan.org" in content
    assert 'name="_send"' in content
    assert enquiry.messages.count() == 1 and sent_mail() == []  # nothing sent by the preview


def test_a_too_long_reply_is_refused_and_kept(admin_client_trained):
    enquiry = EnquiryFactory()
    response = admin_client_trained.post(reply_url(enquiry), send({"reply": "r" * 5001}))
    assert response.status_code == 200
    assert "r" * 5001 in response.content.decode()
    assert enquiry.messages.count() == 1


def test_p19_the_admin_offers_no_reply_box_for_a_blocked_address(admin_client_trained):
    """P19: staff see why they cannot write, and a forged reply is refused."""
    enquiry = EnquiryFactory(email="blocked@example.kz")
    block_email(email="blocked@example.kz")
    content = admin_client_trained.get(change_url(enquiry)).content.decode()
    assert 'name="reply"' not in content
    assert "The visitor&#x27;s address is blocked" in content
    admin_client_trained.post(reply_url(enquiry), send({"reply": "Sneaking a reply in"}))
    assert enquiry.messages.count() == 1
    assert sent_mail() == []


def test_a_failed_reply_email_is_visible_on_the_enquiry(admin_client_trained, mail_server_down):
    enquiry = EnquiryFactory()
    response = admin_client_trained.post(reply_url(enquiry), send({"reply": "Answer"}), follow=True)
    assert "queued to be emailed to the visitor" in response.content.decode()
    assert sent_mail() == []  # the worker tried, and the server refused
    content = admin_client_trained.get(change_url(enquiry)).content.decode()
    assert "The visitor has not been emailed yet" in content
    assert "not sent yet: will be retried" in content
    assert "connection lost" in content
    listing = admin_client_trained.get(LIST)
    assert listing.context["cl"].result_list[0].has_mail_problem


def test_a_reply_whose_mail_was_blocked_is_not_promised_a_retry(admin_client_trained):
    """The address is blocked between the reply box's check and the sending: the mail is never retried."""
    from django.db.models.signals import post_save

    from enquiries.models import EnquiryMessage

    enquiry = EnquiryFactory(email="late-block@example.kz")

    def block_meanwhile(sender, instance, created, **kwargs):
        if created and instance.direction == EnquiryMessage.Direction.OUTBOUND:
            block_email(email="late-block@example.kz")

    post_save.connect(block_meanwhile, sender=EnquiryMessage, dispatch_uid="test-block-meanwhile")
    try:
        response = admin_client_trained.post(
            reply_url(enquiry), send({"reply": "Answer"}), follow=True
        )
    finally:
        post_save.disconnect(sender=EnquiryMessage, dispatch_uid="test-block-meanwhile")
    assert not Email.objects.regarding(enquiry).exists()
    content = response.content.decode()
    assert "no email may be sent to the visitor: their address is blocked" in content
    assert "will be retried" not in content
    assert sent_mail() == []


def test_close_action(admin_client_trained):
    first, second = EnquiryFactory(), EnquiryFactory()
    response = admin_client_trained.post(
        LIST,
        {"action": "close_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 enquiries closed." in response.content.decode()
    assert set(Enquiry.objects.values_list("status", flat=True)) == {Enquiry.Status.CLOSED}


def test_retry_action_sends_failed_mail(admin_client_trained):
    enquiry = EnquiryFactory()
    failed = failed_email(enquiry)
    admin_client_trained.post(
        LIST, {"action": "retry_unsent_mail", "_selected_action": [enquiry.pk]}
    )
    assert [m.to for m in sent_mail()] == [[enquiry.email]]
    failed.refresh_from_db()
    assert failed.status == Email.Status.SENT


def test_enquiries_cannot_be_added_in_the_admin(admin_client_trained):
    assert admin_client_trained.get("/admin/enquiries/enquiry/add/").status_code == 403


def test_staff_without_permission_cannot_open_the_list(client, staff_user):
    client.force_login(staff_user)
    assert client.get(LIST).status_code == 403


def test_the_admin_speaks_kazakh_by_default(admin_client_trained):
    enquiry = EnquiryFactory()
    admin_client_trained.defaults.pop("HTTP_ACCEPT_LANGUAGE")
    response = admin_client_trained.post(reply_url(enquiry), send({"reply": "Жауап"}), follow=True)
    content = response.content.decode()
    assert "келушіге хатпен жіберуге кезекке қойылды" in content
    assert "Келушіге жауап" in content  # the reply box's label


def test_an_erased_enquiry_still_opens_and_offers_no_reply(admin_client_trained):
    enquiry = EnquiryFactory(email="gone@example.kz", name="Gone Person")
    services.anonymise_enquiries(email="gone@example.kz")
    response = admin_client_trained.get(change_url(enquiry))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Gone Person" not in content and "gone@example.kz" not in content
    assert "(erased)" in content
    assert 'name="reply"' not in content
    assert "The visitor&#x27;s data was erased" in content


def test_the_thread_escapes_what_visitors_wrote_and_keeps_their_lines(admin_client_trained):
    enquiry = EnquiryFactory(message="First line\nSecond <script>alert(1)</script> line")
    content = admin_client_trained.get(change_url(enquiry)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "First line<br>Second &lt;script&gt;alert(1)&lt;/script&gt; line" in content


def test_the_thread_shows_times_in_astana(admin_client_trained, settings):
    settings.TIME_ZONE = "Asia/Almaty"
    moment = datetime(2026, 11, 20, 4, 30, tzinfo=UTC)
    enquiry = EnquiryFactory(created_at=moment)
    content = admin_client_trained.get(change_url(enquiry)).content.decode()
    assert "20 November 2026, 9:30" in content  # UTC+5, in the one format of the admin's dates
    assert "2026-11-20 09:30" not in content
