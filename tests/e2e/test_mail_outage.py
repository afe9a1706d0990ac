"""A data-subject request made in the browser while the mail server is down completes once it is back."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from outbox.models import Email
from privacy.models import DataSubjectRequest, RequestState
from tests.outbox.smtp import DOWN, UP
from tests.queue import run_queued_tasks, run_retries_now

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "aigerim@example.kz"


def test_p15_a_request_made_while_mail_is_down_completes_once_it_is_back(
    page, site_url, smtp_server, assert_accessible
):
    smtp_server.set_mode(DOWN)
    page.goto(f"{site_url}/en/privacy/requests/new/")
    page.get_by_label("Your email address").fill(SUBJECT)
    page.get_by_label("Deletion of my data").check()
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)
    request = DataSubjectRequest.objects.get()  # stored, whatever the mail server does

    run_queued_tasks()  # the worker tries: nobody answers
    assert Email.objects.regarding(request).get().status == Email.Status.RETRYING

    smtp_server.set_mode(UP)  # the server is back; the retry goes out once
    run_retries_now()
    (confirmation,) = smtp_server.to(SUBJECT)
    body = confirmation.get_payload(decode=True).decode()
    link = urlsplit(re.findall(r"https?://\S+/privacy/requests/confirm/\S+/", body)[0]).path

    page.goto(site_url + link)
    page.get_by_role("button", name="Confirm the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request confirmed")
    assert_accessible(page)
    request.refresh_from_db()
    assert request.state == RequestState.OPEN and request.due_on is not None
    run_queued_tasks()
    assert len(smtp_server.to(SUBJECT)) == 2  # the confirmation, then "we received your request"
    assert set(smtp_server.by_message_id().values()) == {1}
