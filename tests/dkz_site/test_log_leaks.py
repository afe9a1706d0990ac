"""No log line carries a token of an emailed link or an email address (P06: personal data only where needed).

The site runs under gunicorn exactly as deployed (production settings, gunicorn.conf.py, access log on). The test
drives every flow that emails a link — contact form and staff reply with its answer link, accreditation application
with the applicant's page, a data-subject access request with its confirmation and copy links, a staff member's
enrolment link — opens each link, a tampered and a foreign variant of each (so Django logs its 400/404 warnings
with the path), follows a page with the link as Referer, and then reads everything the server wrote.
"""

from __future__ import annotations

import email
import html
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from dkz_site.logging import EMAIL, RedactPersonalData, redact
from tests.accreditation.factories import valid_bin
from tests.services import site_server

ROOT = Path(__file__).resolve().parents[2]
VISITOR = "aigerim.nurlanovna@example.kz"
APPLICANT = "applicant.office@qazaqsoft.kz"
SUBJECT = "subject.person@example.kz"
STAFF = "staff.member@digitalkazakhstan.org"
STAFF_PASSWORD = "a-long-staff-password-42"


class Browser:
    """Just enough of a browser: cookies (whatever their Secure flag: the test talks plain HTTP to gunicorn),
    the CSRF token of the last form, redirects not followed."""

    def __init__(self, site):
        self.site = site
        self.cookies: dict[str, str] = {}
        self.last_page = ""

    def request(self, method: str, path: str, data: dict | None = None, **headers):
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=30)
        headers = {"Host": "127.0.0.1", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", errors="replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie, _, _ = value.partition(";")
                    key, _, val = cookie.partition("=")
                    self.cookies[key.strip()] = val.strip().strip('"')
            self.last_page = content
            return response.status, response.getheader("Location", ""), content
        finally:
            connection.close()

    def get(self, path, **headers):
        return self.request("GET", path, **headers)

    def post(self, path, data, **headers):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.last_page)
        if token:
            data = {"csrfmiddlewaretoken": token.group(1), **data}
        return self.request("POST", path, data, **headers)


def manage(environment: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


WORKER_OUTPUT: list[str] = []


def deliver_queued_mail(environment: dict) -> None:
    """A task-queue worker sends what the site queued; its output is part of what the site logs."""
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "run_worker",
            "--batch",
            "--no-startup-delay",
            "--no-schedule",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    WORKER_OUTPUT.append(result.stdout + result.stderr)


def links_in_mail(folder: Path, to: str, environment: dict) -> list[str]:
    """Every link to the site in the messages sent to `to` so far, paths only."""
    deliver_queued_mail(environment)
    found = []
    for path in sorted(folder.glob("*.log")):
        for raw in path.read_bytes().split(b"-" * 79):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.strip())
            if to not in message.get("To", ""):
                continue
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    text = part.get_payload(decode=True).decode()
                    found += [urlsplit(url) for url in re.findall(r"https?://\S+", text)]
    return [url.path + (f"?{url.query}" if url.query else "") for url in found]


def tampered(path: str) -> str:
    """The same link with the last character of its signature changed."""
    head, _, tail = path.rstrip("/").rpartition("/")
    return f"{head}/{tail[:-1]}{'A' if tail[-1] != 'A' else 'B'}/"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deployed")
    mail = folder / "mail"
    mail.mkdir()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dkz_site.settings.production",
        "SECRET_KEY": "log-leak-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CACHE_URL": "locmemcache://log-leaks",
        "EMAIL_URL": f"filemail:///{mail}",
        "PRIVATE_FILES_ROOT": str(folder / "private"),
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "ADMIN_2FA_REQUIRED": "true",
        "LOG_LEVEL": "DEBUG",
        "DJANGO_SUPERUSER_EMAIL": STAFF,
        "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD,
    }
    manage(environment, "migrate", "--noinput", "-v0")
    manage(environment, "collectstatic", "--noinput", "-v0")
    manage(environment, "createsuperuser", "--noinput")
    manage(environment, "record_pd_training", STAFF)
    server_environment = {k: v for k, v in environment.items() if os.environ.get(k) != v}
    with site_server(**server_environment) as site:
        yield site, environment, mail


def drive_every_link_flow(site, environment, mail) -> list[str]:
    """Returns every token path it opened."""
    opened = []
    visitor = Browser(site)

    # Contact form, then a staff reply with the answer link.
    assert visitor.get("/en/contact/")[0] == 200
    status, _, _ = visitor.post(
        "/en/contact/",
        {
            "name": "Aigerim",
            "email": VISITOR,
            "message": "How does a company join?",
            "consent": "on",
            "website": "",
        },
    )
    assert status == 302, site.log()[-1500:]
    manage(
        environment,
        "shell",
        "-c",
        "from enquiries.models import Enquiry; from enquiries.services import reply_to_enquiry;"
        "from accounts.models import User;"
        "reply_to_enquiry(enquiry=Enquiry.objects.get(), author=User.objects.get(), body='Welcome',"
        " expects_answer=True)",
    )
    (answer,) = [link for link in links_in_mail(mail, VISITOR, environment) if "/answer/" in link]
    opened.append(answer)
    assert visitor.get(answer)[0] == 200
    assert visitor.post(answer, {"message": "Thank you, one more question."})[0] == 302
    visitor.get("/en/", Referer=f"{site.url}{answer}")

    # Accreditation: the reference page after submitting, and the applicant's own page.
    applicant = Browser(site)
    applicant.get("/en/accreditation/apply/")
    status, submitted, _ = applicant.post(
        "/en/accreditation/apply/",
        {
            "bin": valid_bin(7),
            "company_name": "Qazaq Soft LLP",
            "region": "KZ-71",
            "contact_person": "Aigerim Nurlanovna",
            "email": APPLICANT,
            "phone": "+7 701 000 00 00",
            "description": "Software development.",
            "consent_processing": "on",
        },
    )
    assert status == 302, applicant.last_page
    submitted = urlsplit(submitted).path
    opened.append(submitted)
    assert applicant.get(submitted)[0] == 200
    (page,) = [
        link for link in links_in_mail(mail, APPLICANT, environment) if "/applications/" in link
    ]
    opened.append(page)
    assert applicant.get(page)[0] == 200
    assert applicant.post(page, {"action": "withdraw", "confirm": "on"})[0] == 302

    # A data-subject access request: confirmation link, then the copy's link.
    subject = Browser(site)
    subject.get("/en/privacy/requests/new/")
    status, _, _ = subject.post(
        "/en/privacy/requests/new/", {"email": SUBJECT, "request_type": "access", "details": ""}
    )
    assert status == 302, site.log()[-1500:]
    (confirm,) = [link for link in links_in_mail(mail, SUBJECT, environment) if "/confirm/" in link]
    opened.append(confirm)
    assert subject.get(confirm)[0] == 200
    status, _, verified = subject.post(confirm, {})
    assert status == 200
    copy = html.unescape(re.search(r'href="([^"]*/requests/copy/[^"]+)"', verified).group(1))
    opened.append(copy)
    assert subject.get(copy, Referer=f"{site.url}{confirm}")[0] == 200

    # A staff member's first sign-in: the enrolment link emailed to the account.
    staff = Browser(site)
    staff.get("/admin/login/")
    status, location, _ = staff.post(
        "/admin/login/?next=/admin/", {"username": STAFF, "password": STAFF_PASSWORD}
    )
    assert status == 302, site.log()[-1500:]
    assert staff.get(urlsplit(location).path + "?" + urlsplit(location).query)[0] == 200
    (enrol,) = [link for link in links_in_mail(mail, STAFF, environment) if "/enrol/" in link]
    opened.append(enrol.partition("?")[0])
    assert staff.get(enrol)[0] == 302

    # Broken variants: Django logs the path of a 400/404/410 answer.
    for path in opened:
        Browser(site).get(tampered(path))
        Browser(site).get(path.replace("/en/", "/kk/", 1) + "?email=" + VISITOR)
    return opened


def token_of(path: str) -> str:
    return path.rstrip("/").rpartition("/")[2]


def test_no_token_and_no_email_address_in_any_log_line(deployed):
    site, environment, mail = deployed
    opened = drive_every_link_flow(site, environment, mail)
    log = site.log() + "\n".join(WORKER_OUTPUT)

    assert log.count('"GET /') > 20, log  # the access log is on and was read
    assert "[token]" in log
    for path in opened:
        token = token_of(path)
        assert token not in log, (path, [line for line in log.splitlines() if token in line])
        assert tampered(path).rstrip("/").rpartition("/")[2] not in log
    leaked = [line for line in log.splitlines() if EMAIL.search(line)]
    assert leaked == []
    for address in (VISITOR, APPLICANT, SUBJECT, STAFF):
        assert address not in log


def test_tracebacks_are_redacted_too(capsys):
    """An exception whose message and frames hold an address and a token: the formatted traceback does not."""
    logger = logging.getLogger("dkz_site.test_log_leaks")
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RedactPersonalData())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    token = "eyJyIjoxLCJuIjoiYWJjIn0:1vQx2a:Zt4l3s0mJ1yq8pXcF2Q9bN6wK0dE5rT7uV3hG8iA1sY"
    try:
        try:
            raise ValueError(f"cannot mail {VISITOR} the link /en/privacy/requests/copy/{token}/")
        except ValueError:
            logger.exception("sending failed for %s", VISITOR)
    finally:
        logger.removeHandler(handler)
    output = capsys.readouterr().out
    assert "Traceback" in output and "ValueError" in output
    assert VISITOR not in output
    assert token not in output
    assert "a***@example.kz" in output


@pytest.mark.django_db
def test_a_url_part_named_token_is_masked_whatever_it_looks_like():
    assert redact("GET /en/contact/12/answer/plain-secret/ 200") == (
        "GET /en/contact/12/answer/[token]/ 200"
    )
    assert redact("GET /en/members/tulpar-data/ 200") == "GET /en/members/tulpar-data/ 200"
    encoded = redact("next=%2Fadmin%2Fx%3Fe%3Daigerim%40example.kz")
    assert "aigerim" not in encoded and encoded.endswith("***%40example.kz")
