"""The emails about a data-subject request get it as `subject_request` (`request` is the HTTP request everywhere
else): every value a template reads from it reaches the email in Kazakh, Russian and English. A template still
reading another name would render those values empty, silently, and fail here."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation

from privacy.mail import render_email
from privacy.models import DataSubjectRequest

pytestmark = pytest.mark.django_db

EMAILS = Path(settings.BASE_DIR) / "templates" / "privacy" / "email"
TEMPLATES = sorted(
    path.name.removesuffix("_subject.txt") for path in EMAILS.glob("*request*_subject.txt")
)
READ = re.compile(r"(?<![\w.])(\w+)\.(\w+)")


# What the senders (privacy.subject_requests.services) pass beside the request, and how each shows.
EXTRA = {
    "hours": 48,
    "link": "https://example.kz/kk/privacy/requests/confirm-link/",
    "note": "The address was corrected.",
    "reason": "The request is manifestly unfounded.",
    "purposes": ["Newsletter about the association"],
    "admin_url": "https://example.kz/admin/privacy/datasubjectrequest/1/change/",
}
SHOWN = {name: str(value) for name, value in EXTRA.items() if name not in ("hours", "purposes")}
SHOWN["purposes"] = EXTRA["purposes"][0]
SHOWN["hours"] = "48"


def _source(template: str) -> str:
    return (EMAILS / f"{template}.txt").read_text() + (
        EMAILS / f"{template}_subject.txt"
    ).read_text()


def _subject_request(channel: str) -> DataSubjectRequest:
    return DataSubjectRequest.objects.create(
        email="subject@example.kz",
        request_type="access",
        language="kk",
        state="in_progress",
        channel=channel,
        received_on=datetime.date(2026, 11, 30),
        verified_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 12, 0)),
        due_on=datetime.date(2026, 12, 24),
    )


def _expected(subject_request: DataSubjectRequest, attribute: str) -> str | None:
    value = getattr(subject_request, attribute)
    if attribute.startswith("get_"):
        return str(value())
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if attribute == "channel":
        return None  # read by a condition only
    return str(value)


def test_the_emails_are_found():
    assert "request_received" in TEMPLATES and "staff_request_verified" in TEMPLATES
    assert len(TEMPLATES) >= 10


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_email_reads_the_request_under_the_http_request_s_name(template):
    read = {name for name, _ in READ.findall(_source(template))}
    assert "request" not in read
    assert "subject_request" in read


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("channel", ["site", "email"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_value_read_from_the_request_reaches_the_email(template, language, channel):
    subject_request = _subject_request(channel)
    subject, body = render_email(
        f"privacy/email/{template}", {"subject_request": subject_request, **EXTRA}, language
    )
    text = subject + "\n" + body
    assert subject_request.reference in subject
    source = _source(template)
    for name, shown in SHOWN.items():
        if re.search(rf"(\{{\{{ *|=| in ){name}\b", source):  # read as a variable
            assert shown in text, (name, text)
    # Whatever name a template reads the request by, its values must reach the email.
    attributes = {
        attr for name, attr in READ.findall(source) if name in ("subject_request", "request")
    }
    with translation.override(language):
        for attribute in sorted(attributes):
            expected = _expected(subject_request, attribute)
            if expected is not None:
                assert expected in text, (attribute, expected, text)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_received_email_tells_a_site_request_from_a_registered_one(language):
    on_site = render_email(
        "privacy/email/request_received", {"subject_request": _subject_request("site")}, language
    )
    by_email = render_email(
        "privacy/email/request_received", {"subject_request": _subject_request("email")}, language
    )
    first_line = [body.strip().splitlines()[0] for _, body in (on_site, by_email)]
    assert first_line[0] != first_line[1].replace("DSR-00002", "DSR-00001")
