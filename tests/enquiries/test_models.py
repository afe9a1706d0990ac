import hashlib
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone, translation

from dkz_site.signed_links import LinkExpired, LinkInvalid
from enquiries import links
from enquiries.models import Enquiry, IllegalTransition

from .factories import EnquiryFactory

pytestmark = pytest.mark.django_db


def test_email_is_stored_normalised():
    assert EnquiryFactory(email="  Someone@Example.KZ ").email == "someone@example.kz"


def test_closing_and_reopening_stamp_their_dates():
    enquiry = EnquiryFactory()
    enquiry.move_to(Enquiry.Status.CLOSED)
    assert enquiry.closed_at is not None and enquiry.waiting_since is None
    enquiry.move_to(Enquiry.Status.NEW)
    assert enquiry.closed_at is None and enquiry.waiting_since is not None


def test_a_closed_enquiry_cannot_be_closed_again():
    enquiry = EnquiryFactory(status=Enquiry.Status.CLOSED)
    with pytest.raises(IllegalTransition):
        enquiry.move_to(Enquiry.Status.CLOSED)


def test_waiting_time_only_while_we_owe_an_answer():
    now = timezone.now()
    waiting = EnquiryFactory(waiting_since=now - timedelta(hours=5))
    assert waiting.waiting_time(now) == timedelta(hours=5)
    answered = EnquiryFactory(status=Enquiry.Status.ANSWERED, waiting_since=None)
    assert answered.waiting_time(now) is None


def test_reference_and_str():
    enquiry = EnquiryFactory()
    assert enquiry.reference == f"#{enquiry.pk}"
    with translation.override("en"):
        assert str(enquiry) == f"Enquiry #{enquiry.pk}"
    with translation.override("ru"):
        assert str(enquiry) == f"Обращение #{enquiry.pk}"


def test_token_is_bound_to_the_enquiry_and_its_address():
    enquiry, other = EnquiryFactory(), EnquiryFactory()
    token = links.ENQUIRY_LINK.make(enquiry)
    links.check_token(token, enquiry)
    with pytest.raises(LinkInvalid) as wrong_thread:
        links.check_token(token, other)
    assert wrong_thread.value.other_object
    enquiry.email = "changed@example.kz"
    with pytest.raises(LinkInvalid) as changed:
        links.check_token(token, enquiry)
    assert not changed.value.other_object


def test_the_address_in_a_token_is_keyed_so_a_guess_cannot_be_checked_offline(settings):
    """The token's payload is readable: it holds an HMAC of the address under the site's key, not a plain hash."""
    enquiry = EnquiryFactory(email="aigerim@example.kz")
    payload = signing.loads(links.ENQUIRY_LINK.make(enquiry), salt=links.SALT)
    assert set(payload) == {"e", "k"}
    unkeyed = hashlib.sha256(f"{links.SALT}:aigerim@example.kz".encode()).hexdigest()
    assert not unkeyed.startswith(payload["k"]) and payload["k"] not in unkeyed
    settings.SECRET_KEY = "another-site-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert signing.loads(links.ENQUIRY_LINK.make(enquiry), salt=links.SALT)["k"] != payload["k"]


def test_links_made_before_the_keyed_digest_work_until_they_expire(monkeypatch):
    enquiry = EnquiryFactory(email="aigerim@example.kz")
    legacy = hashlib.sha256(f"{links.SALT}:aigerim@example.kz".encode()).hexdigest()[:16]
    old_link = signing.dumps({"e": enquiry.pk, "a": legacy}, salt=links.SALT)
    links.check_token(old_link, enquiry)
    forged = signing.dumps({"e": enquiry.pk, "a": "0" * 16}, salt=links.SALT)
    with pytest.raises(LinkInvalid):
        links.check_token(forged, enquiry)
    in_31_days = time.time() + 31 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: in_31_days)
    with pytest.raises(LinkExpired):
        links.check_token(old_link, enquiry)


def test_answer_url_is_absolute_and_in_the_visitors_language(settings):
    settings.SITE_URL = "https://digitalkazakhstan.org"
    enquiry = EnquiryFactory(language="ru")
    assert links.answer_url(enquiry).startswith(
        f"https://digitalkazakhstan.org/ru/contact/{enquiry.pk}/answer/"
    )
