import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from icalendar import Calendar
from PIL import Image

from association.models import Page, Registration
from privacy.models import ConsentPurpose, ConsentRecord
from tests.accreditation.factories import MembershipFactory

from .factories import (
    DocumentFactory,
    EventFactory,
    NewsPostFactory,
    PersonFactory,
    WorkingGroupFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

PAGES = ["about/", "membership/", "news/", "events/", "working-groups/"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_the_association_pages_answer_in_each_language_even_when_empty(client, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_about_shows_the_page_board_staff_documents_and_contacts(client):
    Page.objects.create(
        kind=Page.Kind.ABOUT, title_en="About us", body_en="## Mission\n\nA **fair** market.",
        title_ru="Об ассоциации", body_ru="Текст.",
    )  # fmt: skip
    PersonFactory(name_en="Yerlan Abenov", role_en="Chair of the board")
    PersonFactory(group="staff", name_en="Aigul Serikova", role_en="Executive director")
    PersonFactory(name_en="Hidden Person", is_published=False)
    DocumentFactory(title_en="Charter")
    DocumentFactory(title_en="Draft", is_published=False)
    content = client.get("/en/about/").content.decode()
    assert "<h1>About us</h1>" in content and "<strong>fair</strong>" in content
    assert "Yerlan Abenov" in content and "Aigul Serikova" in content
    assert "Hidden Person" not in content
    assert "Charter" in content and "Draft" not in content
    assert "There is no" not in content
    kazakh = client.get("/kk/about/").content.decode()
    assert (
        '<h1 lang="ru">Об ассоциации</h1>' in kazakh
    )  # no Kazakh version: the first written, marked


def test_a_document_is_served_as_a_pdf_named_after_its_title_only_while_published(client):
    document = DocumentFactory(title_en="Annual report 2025")
    response = client.get(f"/en/documents/{document.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="annual-report-2025.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    document.is_published = False
    document.save()
    assert client.get(f"/en/documents/{document.pk}/").status_code == 404


def test_a_stored_file_that_is_not_a_pdf_is_never_served(client):
    document = DocumentFactory()
    document.file.save("x.pdf", ContentFile(b"<html><script>alert(1)</script></html>"))
    assert client.get(f"/en/documents/{document.pk}/").status_code == 404


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(out, format="PNG")
    return out.getvalue()


def test_photos_are_served_from_their_content_type_and_only_of_published_people(client):
    person = PersonFactory()
    person.photo.save("p.png", ContentFile(_png()))
    response = client.get(f"/en/about/people/{person.pk}/photo/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert f'src="/en/about/people/{person.pk}/photo/"' in client.get("/en/about/").content.decode()
    person.is_published = False
    person.save()
    assert client.get(f"/en/about/people/{person.pk}/photo/").status_code == 404


def test_news_list_and_a_post_written_in_fewer_languages_say_so(client):
    NewsPostFactory(slug="everywhere", title_en="In all three")
    NewsPostFactory(
        slug="russian-only", title_kk="", body_kk="", title_en="", body_en="",
        title_ru="Только по-русски", summary_ru="Кратко.", body_ru="Текст **важный**.",
    )  # fmt: skip
    NewsPostFactory(slug="draft", title_en="Not yet", is_published=False)
    NewsPostFactory(
        slug="tomorrow",
        title_en="Tomorrow",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    listing = client.get("/en/news/").content.decode()
    assert "In all three" in listing and "Not yet" not in listing and "Tomorrow" not in listing
    assert '<h2 lang="ru"><a href="/en/news/russian-only/">Только по-русски</a></h2>' in listing
    assert "in Russian" in listing
    post = client.get("/en/news/russian-only/").content.decode()
    assert '<h1 lang="ru">Только по-русски</h1>' in post
    assert "There is no English version of this text." in post and "It is shown in Russian." in post
    assert "<strong>важный</strong>" in post
    alternates = re.findall(r'<link rel="alternate" hreflang="(\w+)"', post)
    assert alternates == ["ru"]  # only the language it is written in
    assert client.get("/en/news/draft/").status_code == 404
    assert client.get("/en/news/tomorrow/").status_code == 404


def test_home_shows_the_latest_three_news_and_the_upcoming_events(client):
    for n in range(4):
        NewsPostFactory(
            title_en=f"Story {n}", published_at=timezone.now() - datetime.timedelta(days=n)
        )
    EventFactory(title_en="Soon", starts_at=in_days(3))
    EventFactory(title_en="Over", starts_at=in_days(-3))
    EventFactory(title_en="Hidden", is_published=False)
    content = client.get("/en/").content.decode()
    assert all(f"Story {n}" in content for n in range(3)) and "Story 3" not in content
    assert "Soon" in content and "Over" not in content and "Hidden" not in content
    assert 'href="/en/working-groups/"' in content and 'href="/en/events/"' in content


def test_news_change_replaces_the_cached_home_page(client):
    assert "Fresh story" not in client.get("/en/").content.decode()
    NewsPostFactory(title_en="Fresh story")
    assert "Fresh story" in client.get("/en/").content.decode()


def test_events_page_lists_upcoming_then_past(client):
    EventFactory(title_en="Next week", starts_at=in_days(7))
    EventFactory(title_en="Last month", starts_at=in_days(-30))
    content = client.get("/en/events/").content.decode()
    assert content.index("Next week") < content.index("Past events") < content.index("Last month")


def test_event_page_shows_places_and_the_waiting_list_notice(client):
    event = EventFactory(capacity=2)
    content = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "2 of 2 free" in content and ">Register</button>" in content
    for n in range(2):
        Registration.objects.create(
            event=event, name="X", email=f"x{n}@example.kz", status="confirmed"
        )
    content = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "All places are taken" in content and "Join the waiting list" in content


def test_registering_through_the_form(client):
    event = EventFactory(capacity=1)
    data = {"name": "Aigerim", "email": "a@example.kz", "company": "", "consent": "on"}
    response = client.post(f"/ru/events/{event.slug}/", data, HTTP_USER_AGENT="Firefox")
    assert (
        response.status_code == 302
        and response["Location"] == f"/ru/events/{event.slug}/registered/"
    )
    registration = Registration.objects.get()
    assert registration.language == "ru" and registration.user_agent == "Firefox"
    consent = ConsentRecord.objects.get(purpose=ConsentPurpose.EVENT_REGISTRATION)
    assert (
        consent.language == "ru" and "политик" in consent.wording
    )  # the exact Russian sentence shown
    second = client.post(f"/ru/events/{event.slug}/", {**data, "email": "b@example.kz"})
    assert second["Location"] == f"/ru/events/{event.slug}/waiting-list/"
    assert client.get(second["Location"]).status_code == 200


def test_the_form_without_consent_registers_nobody_and_keeps_what_was_typed(client):
    event = EventFactory()
    response = client.post(
        f"/en/events/{event.slug}/", {"name": "Aigerim", "email": "a@example.kz"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "only with your consent" in content and 'value="a@example.kz"' in content
    assert not Registration.objects.exists()


def test_the_honeypot_registers_nobody(client):
    event = EventFactory()
    data = {"name": "Bot", "email": "b@example.kz", "consent": "on", "website": "http://spam"}
    assert client.post(f"/en/events/{event.slug}/", data).status_code == 302
    assert not Registration.objects.exists()


def test_a_past_event_takes_no_registration(client):
    event = EventFactory(starts_at=in_days(-2))
    content = client.get(f"/en/events/{event.slug}/").content.decode()
    assert (
        "This event has taken place." in content
        and "<form" not in content.split('id="registration-heading"')[1]
    )
    data = {"name": "Late", "email": "late@example.kz", "consent": "on"}
    assert (
        "This event has taken place."
        in client.post(f"/en/events/{event.slug}/", data).content.decode()
    )
    assert not Registration.objects.exists()


def test_ics_download_is_a_valid_calendar_in_utc(client):
    event = EventFactory(title_en="Board meeting", online_url="https://events.example.kz/board")
    response = client.get(f"/en/events/{event.slug}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Board meeting"
    assert entry.decoded("DTSTART") == event.starts_at
    assert entry.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert entry.decoded("DTEND") == event.ends_at
    assert str(entry["LOCATION"]) == "Astana, Kunaev str. 12/1"
    assert "https://events.example.kz/board" in str(entry["DESCRIPTION"])
    assert str(entry["UID"]).startswith(f"event-{event.pk}@")
    assert (
        client.get(f"/ru/events/{event.slug}/calendar.ics").content.decode().count("BEGIN:VEVENT")
        == 1
    )


def test_working_group_names_only_listed_members_and_counts_the_others(client):
    group = WorkingGroupFactory(name_en="Cybersecurity")
    listed = MembershipFactory(company_name="Qazaq Cloud")
    unlisted = MembershipFactory(company_name="Secret LLP", is_published=False)
    group.members.set([listed, unlisted])
    DocumentFactory(section="working_group", working_group=group, title_en="Position paper")
    content = client.get(f"/en/working-groups/{group.slug}/").content.decode()
    assert f'href="/en/members/{listed.profile.slug}/"' in content
    assert "Secret LLP" not in content and "And 1 member company that is not listed" in content
    assert "Position paper" in content
    group.is_active = False
    group.save()
    assert client.get(f"/en/working-groups/{group.slug}/").status_code == 404


def test_sitemap_lists_the_pages_and_each_post_in_its_languages(client):
    NewsPostFactory(slug="russian-only", title_kk="", body_kk="", title_en="", body_en="")
    EventFactory(slug="meeting")
    body = client.get("/sitemap.xml").content.decode()
    for code in ("kk", "ru", "en"):
        for path in PAGES + ["members/map/", "events/meeting/"]:
            assert f"http://testserver/{code}/{path}" in body
    assert "http://testserver/ru/news/russian-only/" in body
    assert "http://testserver/en/news/russian-only/" not in body
    assert 'hreflang="en" href="http://testserver/en/about/"' in body


def test_p19_a_blocked_address_is_answered_like_any_other_and_nothing_is_kept(client):
    from privacy.services import block_email

    event = EventFactory()
    block_email(email="blocked@example.kz")
    data = {"name": "Someone", "email": "blocked@example.kz", "consent": "on"}
    response = client.post(f"/en/events/{event.slug}/", data)
    assert (
        response.status_code == 302
        and response["Location"] == f"/en/events/{event.slug}/registered/"
    )
    assert not Registration.objects.exists() and not ConsentRecord.objects.exists()
