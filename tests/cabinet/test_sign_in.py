"""Sign-in by emailed link: the same answer for every address, single use, 15 minutes, bound to the address
and the membership's state, rate-limited per address and per client IP; a session of its own."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cabinet.models import CabinetSession, Representative, SignInLink, SignInRequest
from outbox.models import Email
from privacy.services import block_email
from tests.accreditation.factories import MembershipFactory
from tests.queue import run_queued_tasks, sent_mail

from .helpers import ask_for_link, last_link, links_in, sign_in

pytestmark = pytest.mark.django_db


def test_the_pages_exist_in_every_language(client):
    for language in ("kk", "ru", "en"):
        response = client.get(f"/{language}/cabinet/sign-in/")
        assert response.status_code == 200
        assert b'name="email"' in response.content
        assert b"<script" not in response.content.split(b"<main")[1].split(b"</main>")[0]


def test_no_enumeration_the_answer_is_the_same_for_known_and_unknown_addresses(client):
    MembershipFactory(email="contact@example.kz")
    known = ask_for_link(client, "contact@example.kz")
    unknown = ask_for_link(client, "nobody@example.kz")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/cabinet/sign-in/sent/"
    assert [m.to for m in sent_mail()] == [["contact@example.kz"]]
    assert not SignInLink.objects.filter(email="nobody@example.kz").exists()


def _shape(sql: str) -> str:
    """A statement without its values: what the database was asked to do, not with which address."""
    return re.sub(r"\d+", "?", re.sub(r"'(?:[^']|'')*'", "?", sql))  # savepoint names too


def _request_work(client, email, address):
    tasks_before = set(DBTaskResult.objects.values_list("id", flat=True))
    with CaptureQueriesContext(connection) as queries:
        response = ask_for_link(client, email, REMOTE_ADDR=address)
    enqueued = DBTaskResult.objects.exclude(id__in=tasks_before)
    return response, [_shape(q["sql"]) for q in queries], [t.task_path for t in enqueued]


def test_a_known_and_an_unknown_address_cost_the_request_the_same_work(client):
    """No enumeration by timing: the request only validates, counts, stores the request and enqueues one
    task, the same statements for either address; the queue looks the address up and sends the link."""
    MembershipFactory(email="contact@example.kz")
    known, known_sql, known_tasks = _request_work(client, "contact@example.kz", "10.9.0.1")
    unknown, unknown_sql, unknown_tasks = _request_work(client, "nobody@example.kz", "10.9.0.2")
    assert known.status_code == unknown.status_code == 302
    assert known_sql == unknown_sql
    assert any('INSERT INTO "cabinet_signinrequest"' in sql for sql in known_sql)
    assert not any("membership" in sql for sql in known_sql)  # no lookup in the request
    assert known_tasks == unknown_tasks == ["cabinet.tasks.answer_sign_in"]
    assert not SignInLink.objects.exists() and not Email.objects.exists()  # nothing sent yet
    assert [m.to for m in sent_mail()] == [["contact@example.kz"]]  # the queue sends the link
    assert SignInLink.objects.get().client_ip == "10.9.0.1"
    assert not SignInRequest.objects.exists()  # both requests answered and gone
    assert client.post(last_link("contact@example.kz")).status_code == 302


def test_a_blocked_address_gets_the_same_answer_and_nothing(client):
    MembershipFactory(email="blocked@example.kz")
    block_email(email="blocked@example.kz")
    response = ask_for_link(client, "blocked@example.kz")
    assert response["Location"] == "/en/cabinet/sign-in/sent/"
    assert sent_mail() == [] and not SignInLink.objects.exists()


def test_the_link_signs_in_once_and_sets_only_the_cabinet_cookie(client):
    member = MembershipFactory(email="contact@example.kz", company_name="Altyn Soft")
    ask_for_link(client, "Contact@Example.kz")
    url = last_link("contact@example.kz")
    page = client.get(url)  # a mail scanner opening the link uses nothing up
    assert page.status_code == 200 and b"Altyn Soft" in page.content
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/en/cabinet/"
    cookie = response.cookies[settings.CABINET_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # no Django (staff) session
    cabinet = client.get("/en/cabinet/")
    assert cabinet.status_code == 200 and b"Altyn Soft" in cabinet.content
    assert "no-store" in cabinet["Cache-Control"]
    session = CabinetSession.objects.get()
    assert session.membership == member and session.email == "contact@example.kz"
    assert session.client_ip == "127.0.0.1"
    reused = client.post(url)
    assert reused.status_code == 410 and b"already been used" in reused.content


def test_an_expired_link_is_refused(client, settings):
    MembershipFactory(email="contact@example.kz")
    ask_for_link(client, "contact@example.kz")
    url = last_link("contact@example.kz")
    SignInLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(url)
    assert response.status_code == 410 and b"expired" in response.content
    assert not CabinetSession.objects.exists()


def test_a_link_older_than_its_signature_allows_is_refused(client, settings):
    MembershipFactory(email="contact@example.kz")
    ask_for_link(client, "contact@example.kz")
    url = last_link("contact@example.kz")
    settings.CABINET_LINK_MINUTES = 0
    assert client.post(url).status_code == 410


def test_a_tampered_or_foreign_link_is_refused(client):
    MembershipFactory(email="a@example.kz")
    MembershipFactory(email="b@example.kz")
    ask_for_link(client, "a@example.kz")
    ask_for_link(client, "b@example.kz")
    url_a = last_link("a@example.kz")
    assert client.post(url_a[:-5] + "xxxx/").status_code == 400
    assert client.post("/en/cabinet/sign-in/not-a-token/").status_code == 400
    # A's signed id with B's secret: the pieces of two links never make one.
    from django.core import signing

    from cabinet.links import SALT as LINK_SALT

    token_a = signing.loads(url_a.split("/")[-2], salt=LINK_SALT)
    token_b = signing.loads(last_link("b@example.kz").split("/")[-2], salt=LINK_SALT)
    forged = signing.dumps({"l": token_a["l"], "s": token_b["s"]}, salt=LINK_SALT)
    assert client.post(f"/en/cabinet/sign-in/{forged}/").status_code == 400
    assert not CabinetSession.objects.exists()


def test_a_link_stops_working_when_the_membership_changes(client):
    member = MembershipFactory(email="contact@example.kz")
    ask_for_link(client, "contact@example.kz")
    url = last_link("contact@example.kz")
    member.email = "new-contact@example.kz"  # staff hand the membership to another contact
    member.save()
    assert client.post(url).status_code == 400


def test_a_link_stops_working_when_the_membership_ends_early(client):
    member = MembershipFactory(email="contact@example.kz")
    ask_for_link(client, "contact@example.kz")
    url = last_link("contact@example.kz")
    member.ended_on = timezone.localdate()
    member.save()
    assert client.post(url).status_code == 400


def test_a_colleague_added_by_a_representative_signs_in(client):
    member = MembershipFactory(email="contact@example.kz", company_name="Altyn Soft")
    Representative.objects.create(membership=member, name="Dana", email="dana@example.kz")
    page = sign_in(client, "dana@example.kz")
    assert b"Altyn Soft" in page.content


def test_one_address_representing_two_companies_gets_a_link_for_each(client):
    first = MembershipFactory(email="group@example.kz", company_name="First")
    second = MembershipFactory(company_name="Second")
    Representative.objects.create(membership=second, name="Group", email="group@example.kz")
    ask_for_link(client, "group@example.kz")
    [message] = sent_mail()
    urls = links_in(message)
    assert len(urls) == 2
    client.post(urls[1])
    assert CabinetSession.objects.get().membership in (first, second)


def test_rate_limited_per_address_whatever_the_ip(client):
    MembershipFactory(email="contact@example.kz")
    for n in range(5):
        response = ask_for_link(client, "contact@example.kz", REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 302
    response = ask_for_link(client, "contact@example.kz", REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_rate_limited_per_ip_whatever_the_address(client):
    for n in range(10):
        assert ask_for_link(client, f"someone{n}@example.kz").status_code == 302
    assert ask_for_link(client, "another@example.kz").status_code == 429


def test_the_rate_limit_is_the_same_for_unknown_addresses(client):
    """No enumeration through the limits either: an unknown address is counted like a known one."""
    for _ in range(5):
        ask_for_link(client, "nobody@example.kz", REMOTE_ADDR="10.1.1.1")
    assert ask_for_link(client, "nobody@example.kz", REMOTE_ADDR="10.1.1.2").status_code == 429


def test_the_outbox_limits_links_to_one_address_per_day(client):
    MembershipFactory(email="contact@example.kz")
    for n in range(4):
        ask_for_link(client, "contact@example.kz", REMOTE_ADDR=f"10.0.1.{n}")
    run_queued_tasks()
    assert Email.objects.filter(status=Email.Status.LIMITED).count() == 1


def test_without_a_session_the_cabinet_sends_to_sign_in(client):
    response = client.get("/en/cabinet/")
    assert response.status_code == 302 and response["Location"] == "/en/cabinet/sign-in/"


def test_a_forged_or_stale_cookie_opens_nothing(client):
    MembershipFactory(email="contact@example.kz")
    client.cookies[settings.CABINET_COOKIE_NAME] = "forged"
    assert client.get("/en/cabinet/").status_code == 302
    sign_in(client, "contact@example.kz")
    CabinetSession.objects.update(expires_at=timezone.now())
    assert client.get("/en/cabinet/").status_code == 302


def test_a_cabinet_session_never_opens_the_admin(client):
    MembershipFactory(email="contact@example.kz")
    sign_in(client, "contact@example.kz")
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_staff_session_never_opens_a_cabinet(admin_client_trained):
    assert admin_client_trained.get("/en/cabinet/").status_code == 302


def test_sign_out_ends_this_session_only(client):
    from django.test import Client

    MembershipFactory(email="contact@example.kz")
    other_device = Client()
    sign_in(client, "contact@example.kz")
    sign_in(other_device, "contact@example.kz")
    client.post("/en/cabinet/sign-out/")
    assert client.get("/en/cabinet/").status_code == 302
    assert other_device.get("/en/cabinet/").status_code == 200


def test_sign_out_everywhere_ends_every_session_and_unused_link(client):
    from django.test import Client

    MembershipFactory(email="contact@example.kz")
    other_device = Client()
    sign_in(client, "contact@example.kz")
    sign_in(other_device, "contact@example.kz")
    ask_for_link(Client(), "contact@example.kz")
    pending = last_link("contact@example.kz")
    client.post("/en/cabinet/sign-out/everywhere/")
    assert other_device.get("/en/cabinet/").status_code == 302
    assert client.get("/en/cabinet/").status_code == 302
    assert Client().post(pending).status_code == 410
    assert not CabinetSession.objects.exists()


def test_a_blocked_address_loses_its_session(client):
    MembershipFactory(email="contact@example.kz")
    sign_in(client, "contact@example.kz")
    block_email(email="contact@example.kz")
    assert client.get("/en/cabinet/").status_code == 302
