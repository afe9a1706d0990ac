"""The attendee's signed link: it shows and cancels their own registration, and refuses everything else."""

import datetime
import hashlib

import pytest
from django.core import signing
from django.utils import timezone

from association import links, services
from association.models import Registration
from association.privacy_registration import EventRegistrationData

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def register(event, email):
    return services.register_for_event(
        event=event, name="Dana", email=email, company="", language="ru", consent_wording="I agree."
    ).registration


def link(registration, language="ru"):
    return f"/{language}/registrations/{links.REGISTRATION_LINK.make(registration)}/"


def test_the_link_shows_the_registration_and_cancels_it_with_a_post(client):
    event = EventFactory(capacity=1)
    holder = register(event, "dana@example.kz")
    waiting = register(event, "next@example.kz")
    page = client.get(link(holder))
    assert page.status_code == 200 and "Dana" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")  # never kept by a cache
    holder.refresh_from_db()
    assert holder.status == Registration.Status.CONFIRMED  # a GET changes nothing
    response = client.post(link(holder))
    assert (
        response.status_code == 302
        and response["Location"] == f"/ru/events/{event.slug}/cancelled/"
    )
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Registration.Status.CANCELLED and holder.cancelled_by == "attendee"
    assert waiting.status == Registration.Status.CONFIRMED
    assert client.get(response["Location"]).status_code == 200


def test_an_already_cancelled_registration_says_so_and_a_second_post_changes_nothing(client):
    registration = register(EventFactory(), "dana@example.kz")
    client.post(link(registration))
    registration.refresh_from_db()
    cancelled_at = registration.cancelled_at
    page = client.post(link(registration))
    assert (
        page.status_code == 200
        and "was cancelled" in client.get(link(registration, "en")).content.decode()
    )
    registration.refresh_from_db()
    assert registration.cancelled_at == cancelled_at


def test_a_tampered_token_is_refused(client):
    registration = register(EventFactory(), "dana@example.kz")
    token = links.REGISTRATION_LINK.make(registration)
    response = client.post(f"/en/registrations/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_token_for_another_registration_number_is_refused(client):
    mine = register(EventFactory(), "dana@example.kz")
    other = register(EventFactory(), "other@example.kz")
    forged = signing.dumps(
        {"r": other.pk, "a": links.REGISTRATION_LINK.make(mine).split(":")[0]}, salt="wrong"
    )
    assert client.post(f"/en/registrations/{forged}/").status_code == 400
    payload = signing.loads(links.REGISTRATION_LINK.make(mine), salt=links.SALT)
    swapped = signing.dumps({**payload, "r": other.pk}, salt=links.SALT)
    assert client.post(f"/en/registrations/{swapped}/").status_code == 400
    other.refresh_from_db()
    assert other.status == Registration.Status.CONFIRMED


def test_the_link_dies_with_an_erasure(client):
    registration = register(EventFactory(), "dana@example.kz")
    url = link(registration)
    EventRegistrationData().erase("dana@example.kz")
    assert client.get(url).status_code == 400


def test_the_link_cancels_nothing_once_the_event_has_started(client):
    event = EventFactory()
    registration = register(event, "dana@example.kz")
    event.starts_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    response = client.post(link(registration, "en"))
    assert response.status_code == 410
    assert "already started" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_robots_keep_signed_links_out_of_search_engines(client):
    assert "Disallow: /*/registrations/" in client.get("/robots.txt").content.decode()


def test_links_sent_before_the_keyed_digest_still_work(client):
    """Registration emails already sent carry an unkeyed digest of the address: they still open the page."""
    registration = register(EventFactory(), "dana@example.kz")
    legacy = hashlib.sha256(f"{links.SALT}:dana@example.kz".encode()).hexdigest()[:16]
    old = signing.dumps({"r": registration.pk, "a": legacy}, salt=links.SALT)
    assert client.get(f"/en/registrations/{old}/").status_code == 200
    assert signing.loads(links.REGISTRATION_LINK.make(registration), salt=links.SALT).keys() == {
        "r",
        "k",
    }
