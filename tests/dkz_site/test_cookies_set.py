"""P02/P03: the site sets no cookie the policy does not list — on any public page, after any public POST.

The policy lists the necessary cookies (session, CSRF, cookie consent) and the functional ones (language,
compare cart). A flash message must not add a `messages` cookie, nor anything else.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from accreditation import services as accreditation_services
from accreditation.links import application_url
from accreditation.models import Application
from accreditation.regions import Region
from association import links as registration_links
from association.models import Registration
from enquiries.models import Enquiry
from enquiries.services import reply_to_enquiry
from privacy.cookies import LISTED_COOKIES
from privacy.models import PolicyVersion
from tests.accreditation.factories import MembershipFactory, distinct_bin
from tests.association.factories import DocumentFactory, EventFactory, NewsPostFactory
from tests.directory.factories import EquipmentFactory
from tests.queue import sent_mail


class CookieWatchingClient(Client):
    """A test client that remembers the name of every cookie any response set."""

    def __init__(self, **kwargs):
        super().__init__(HTTP_ORIGIN="http://testserver", **kwargs)
        self.names_set = set()

    def request(self, **request):
        response = super().request(**request)
        self.names_set |= set(response.cookies)
        return response


def emailed_path(pattern):
    return urlsplit(re.findall(pattern, sent_mail()[-1].body)[-1]).path


@pytest.fixture
def site(trained_staff):
    member = MembershipFactory(company_name="Qazaq Cloud", region=Region.ASTANA)
    items = [EquipmentFactory(member=member), EquipmentFactory(member=member)]
    NewsPostFactory(slug="news")
    document = DocumentFactory()
    event = EventFactory(slug="meeting", capacity=1)
    return {
        "member": member,
        "items": items,
        "staff": trained_staff,
        "event": event,
        "document": document,
    }


def public_pages(language, site):
    member, items = site["member"], site["items"]
    return [
        f"/{language}/",
        f"/{language}/members/",
        f"/{language}/members/?q=qazaq&region={Region.ASTANA.value}",
        f"/{language}/members/?q=zzzz",
        f"/{language}/members/{member.profile.slug}/",
        f"/{language}/equipment/",
        f"/{language}/equipment/{items[0].pk}/",
        f"/{language}/equipment/compare/",
        f"/{language}/equipment/compare/?items={items[0].pk},{items[1].pk}",
        f"/{language}/contact/",
        f"/{language}/accreditation/apply/",
        f"/{language}/privacy/",
        f"/{language}/privacy/versions/{PolicyVersion.objects.current().pk}/",
        f"/{language}/cookies/",
        f"/{language}/privacy/requests/new/",
        f"/{language}/privacy/requests/sent/",
        f"/{language}/about/",
        f"/{language}/membership/",
        f"/{language}/news/",
        f"/{language}/news/news/",
        f"/{language}/news/feed/",
        f"/{language}/events/",
        f"/{language}/events/meeting/",
        f"/{language}/events/meeting/calendar.ics",
        f"/{language}/working-groups/",
        f"/{language}/documents/{site['document'].pk}/",
        f"/{language}/members/map/",
        f"/{language}/members/feed/",
        f"/{language}/members.json",
        f"/{language}/members.csv",
        f"/{language}/no-such-page/",
        "/robots.txt",
        "/sitemap.xml",
    ]


def post_flows(client, language, site):
    """Every public POST a visitor can make, with valid and invalid data."""
    items, staff = site["items"], site["staff"]
    # Contact: errors, then sent; the staff reply's link; an answer.
    client.post(f"/{language}/contact/", {})
    client.post(
        f"/{language}/contact/",
        {
            "name": "Aigerim",
            "email": "aigerim@example.kz",
            "message": "A question.",
            "consent": "on",
        },
        follow=True,
    )
    reply_to_enquiry(
        enquiry=Enquiry.objects.get(), author=staff, body="Which?", expects_answer=True
    )
    answer = emailed_path(r"https?://\S+/contact/\d+/answer/\S+/")
    client.get(answer)
    client.post(answer, {"message": "This one."}, follow=True)
    # Accreditation: errors, then submitted; the correction link.
    client.post(f"/{language}/accreditation/apply/", {})
    bin_number = distinct_bin(8100)
    client.post(
        f"/{language}/accreditation/apply/",
        {
            "bin": bin_number,
            "company_name": "Kokshe Robotics LLP",
            "region": Region.AKMOLA.value,
            "contact_person": "Aigerim Sadykova",
            "email": "aigerim@kokshe-robotics.kz",
            "phone": "+7 701 111 22 33",
            "description": "Robots.",
            "consent_processing": "on",
        },
        follow=True,
    )
    application = Application.objects.get(bin=bin_number)
    accreditation_services.move_by_reviewer(
        state="in_review", application=application, reviewer=staff
    )
    accreditation_services.move_by_reviewer(
        state="information_requested", application=application, reviewer=staff, reason="?"
    )
    correction = urlsplit(application_url(application)).path
    client.get(correction)
    client.post(correction, {"action": "withdraw", "confirm": "on"}, follow=True)
    # Data-subject request: errors, then sent; the confirmation link.
    client.post(f"/{language}/privacy/requests/new/", {})
    client.post(
        f"/{language}/privacy/requests/new/",
        {"email": "aigerim@example.kz", "request_type": "access"},
        follow=True,
    )
    confirm = emailed_path(r"https?://\S+/privacy/requests/confirm/\S+/")
    client.get(confirm)
    client.post(confirm, follow=True)
    # The compare cart without consent, then the cookie choice both ways, then the cart with consent.
    cart = {"item": items[0].pk, "next": f"/{language}/equipment/"}
    client.post(f"/{language}/equipment/compare/add/", cart, follow=True)
    for choice in ("decline", "accept"):
        client.post(
            f"/{language}/cookies/{choice}/",
            {"next": f"/{language}/equipment/", "source": "banner"},
            follow=True,
        )
    client.post(f"/{language}/equipment/compare/add/", cart, follow=True)
    client.post(
        f"/{language}/equipment/compare/add/", cart, follow=True
    )  # already there: a message
    client.post(f"/{language}/equipment/compare/remove/", cart, follow=True)
    client.post(f"/{language}/equipment/compare/clear/", {}, follow=True)
    # Event registration: errors, then a place (or the waiting list); the attendee's link cancels it.
    event = site["event"]
    client.post(f"/{language}/events/{event.slug}/", {})
    email = f"attendee-{language}@example.kz"
    client.post(
        f"/{language}/events/{event.slug}/",
        {"name": "Aigerim", "email": email, "consent": "on"},
        follow=True,
    )
    registration = Registration.objects.get(email=email)
    link = f"/{language}/registrations/{registration_links.REGISTRATION_LINK.make(registration)}/"
    client.get(link)
    client.post(link, follow=True)
    # The member cabinet: a sign-in link asked for and used, the cabinet, signing out.
    client.post(f"/{language}/cabinet/sign-in/", {"email": site["member"].email}, follow=True)
    sign_in = emailed_path(r"https?://\S+/cabinet/sign-in/[^/\s]+/")
    client.get(sign_in)
    client.post(sign_in, follow=True)
    client.post(f"/{language}/cabinet/sign-out/", follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_P02_P03_every_cookie_set_is_one_the_policy_lists(language, site):
    client = CookieWatchingClient()
    for path in public_pages(language, site):
        client.get(path)
    post_flows(client, language, site)

    # Exactly the cookies the cookies page lists: none unlisted, and none listed that the site never sets.
    assert client.names_set == LISTED_COOKIES, client.names_set ^ LISTED_COOKIES


@pytest.mark.django_db
def test_P02_a_flash_message_lives_in_the_session_not_in_a_cookie(site):
    client = CookieWatchingClient()
    response = client.post(
        "/en/cookies/accept/", {"next": "/en/equipment/", "source": "banner"}, follow=True
    )
    assert "Functional cookies accepted" in response.content.decode()
    assert "messages" not in client.names_set
    assert "sessionid" in client.names_set


@pytest.mark.django_db
def test_P02_a_visitors_session_cookie_lives_only_until_the_confirmation_is_shown(site):
    client = CookieWatchingClient()
    client.get("/en/equipment/")
    assert "sessionid" not in client.names_set  # browsing alone never starts a session
    response = client.post("/en/cookies/decline/", {"next": "/en/equipment/", "source": "banner"})
    assert response.cookies["sessionid"].value  # carries the confirmation to the next page
    response = client.get(response["Location"])
    assert "Functional cookies declined" in response.content.decode()
    assert response.cookies["sessionid"].value == ""  # shown: deleted
    assert response.cookies["sessionid"]["max-age"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_cookies_page_lists_the_one_list(client, language):
    page = client.get(f"/{language}/cookies/").content.decode()
    for name in LISTED_COOKIES:
        assert f"<code>{name}</code>" in page
    assert page.count("<code>") == len(LISTED_COOKIES)
