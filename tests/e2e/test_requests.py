"""An access request in the browser: the form, the emailed link, the confirmation, the downloaded archive."""

import json
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.privacy.factories import ConsentRecordFactory
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "aigerim@example.kz"


def emailed_link(site_url):
    """The confirmation or download link of the last email, pointed at the live server."""
    body = sent_mail()[-1].body
    url = re.findall(r"https?://\S+/privacy/requests/\S+/", body)[-1]
    return site_url + urlsplit(url).path


def test_p17_access_request_from_the_form_to_the_downloaded_archive(
    page, site_url, assert_accessible, foreign_requests, tmp_path, settings
):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    ConsentRecordFactory(email=SUBJECT, wording="I agree that my enquiry is processed.")
    ConsentRecordFactory(email="someone.else@example.kz", wording="Another person's consent")

    page.goto(f"{site_url}/en/privacy/requests/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data: make a request")
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#id_email_errors")).to_be_visible()  # errors tied to the field
    assert_accessible(page)

    page.get_by_label("Your email address").fill(SUBJECT)
    page.get_by_label("Confirmation and a copy of my data").check()
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    page.goto(emailed_link(site_url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your request")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request confirmed")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    archive_path = tmp_path / "copy.zip"
    download_info.value.save_as(archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        package = json.loads(archive.read("my-data.json"))
        html = archive.read("my-data.html").decode()
    assert package["subject_email"] == SUBJECT
    assert "I agree that my enquiry is processed." in json.dumps(package)
    assert "Another person" not in json.dumps(package) and "Another person" not in html
    assert (
        "Ministry of Artificial Intelligence and Digital Development of the Republic of Kazakhstan"
        in " ".join(html.split())
    )

    assert emailed_link(site_url).startswith(f"{site_url}/en/privacy/requests/copy/")
    assert foreign_requests == []


def test_a_used_link_shows_a_clear_page(page, site_url, assert_accessible):
    page.goto(f"{site_url}/kk/privacy/requests/new/")
    assert_accessible(page)
    page.locator("#id_email").fill(SUBJECT)
    page.locator("input[value=deletion]").check()
    page.locator("button[type=submit]").last.click()
    link = emailed_link(site_url)
    page.goto(link)
    page.locator("main button[type=submit]").click()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Бұл сілтеме жұмыс істемейді")
    assert_accessible(page)
