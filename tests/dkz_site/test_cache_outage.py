"""The site without its shared cache: a real Redis of the test's own, stopped, frozen (SIGSTOP) and filled.

Whatever Redis does, public pages answer 200, forms are stored, the admin works, rate limits and the login lockout
still hold, and /healthz says the cache is degraded. After the first failure the site stops asking Redis for a
while (the circuit breaker): later requests never touch the network.
"""

import environ
import pytest
from axes.models import AccessAttempt
from django.core.cache import cache, caches
from redis.connection import Connection

from dkz_site import cache as site_cache
from dkz_site.models import RateLimitCount
from dkz_site.settings.caches import site_caches
from enquiries.models import Enquiry
from tests.accounts.helpers import sign_in_with_password
from tests.accreditation.factories import MembershipFactory
from tests.directory.factories import EquipmentFactory
from tests.services import private_redis

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/en/",
    "/kk/members/",
    "/ru/members/?q=cloud",
    "/en/equipment/",
    "/en/equipment/compare/?items=1,2",
    "/en/contact/",
    "/en/accreditation/apply/",
    "/en/privacy/",
    "/en/privacy/requests/new/",
    "/en/cookies/",
    "/robots.txt",
    "/sitemap.xml",
    "/admin/login/",
]


@pytest.fixture
def redis_server(settings):
    """The shared cache is a private Redis; a fresh breaker that waits long enough for the test to see it open."""
    with private_redis() as server:
        settings.CACHES = site_caches(
            environ.Env.cache_url_config(server.url),
            socket_timeout=settings.CACHE_SOCKET_TIMEOUT,
        )
        settings.CACHE_RETRY_AFTER_SECONDS = 60
        site_cache._breaker = None
        yield server
        site_cache._breaker = None
    site_cache._breaker = None


@pytest.fixture
def directory():
    member = MembershipFactory()
    EquipmentFactory.create_batch(2, member=member)
    return member


@pytest.fixture
def network_calls(monkeypatch):
    """Counts every socket connect and reply read a Redis connection attempts."""
    calls = []
    connect, read_response = Connection.connect, Connection.read_response

    def counting_connect(self):
        calls.append("connect")
        return connect(self)

    def counting_read(self, *args, **kwargs):
        calls.append("read")
        return read_response(self, *args, **kwargs)

    monkeypatch.setattr(Connection, "connect", counting_connect)
    monkeypatch.setattr(Connection, "read_response", counting_read)
    return calls


def contact(client, number, **extra):
    return client.post(
        "/en/contact/",
        {
            "name": "Aigerim Nurlanovna",
            "email": f"visitor{number}@example.kz",
            "message": f"Question number {number} about membership.",
            "consent": "on",
            "website": "",
        },
        **extra,
    )


def assert_site_serves(client, member):
    for url in [*PUBLIC_PAGES, f"/en/members/{member.profile.slug}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    # With the consent cookie the cookie groups are read (the package caches them in the shared cache).
    client.cookies["cookie_consent"] = "functional=-1"
    assert client.get("/en/").status_code == 200
    assert client.get("/en/cookies/").status_code == 200
    del client.cookies["cookie_consent"]


def assert_health_degraded(client, detail):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cache"]["status"] == "degraded"
    assert body["checks"]["cache"]["detail"] == detail


def test_with_redis_up_everything_goes_through_it(client, redis_server, directory):
    assert client.get("/en/members/").status_code == 200
    assert client.get("/en/members/")["X-Page-Cache"] == "hit"
    assert contact(client, 1).status_code == 302
    assert client.get("/healthz").json()["checks"]["cache"] == {"status": "ok"}
    assert not RateLimitCount.objects.exists()  # the limit counted in Redis
    assert int(redis_server.cli("dbsize")) > 0


def test_redis_stopped_pages_forms_and_admin_keep_working(
    client, redis_server, directory, trained_staff, caplog
):
    assert client.get("/en/members/").status_code == 200  # cached while Redis runs
    redis_server.stop()

    assert_site_serves(client, directory)
    assert contact(client, 1).status_code == 302
    assert Enquiry.objects.filter(email="visitor1@example.kz").exists()
    assert sign_in_with_password(client, trained_staff).status_code == 302
    assert client.get("/admin/enquiries/enquiry/").status_code == 200
    client.logout()
    assert_health_degraded(client, "unreachable")
    assert "cache unreachable" in caplog.text
    assert "health: cache degraded (unreachable)" in caplog.text


def test_redis_frozen_the_breaker_stops_asking_after_the_first_failure(
    client, redis_server, directory, network_calls
):
    assert client.get("/en/").status_code == 200
    redis_server.freeze()

    assert (
        client.get("/en/members/").status_code == 200
    )  # this one waits for the socket timeout, once
    assert site_cache.breaker().current_state == "open"
    network_calls.clear()

    assert_site_serves(client, directory)
    assert contact(client, 2).status_code == 302
    assert_health_degraded(client, "unreachable")
    assert network_calls == []  # nothing asked the frozen server again


def test_after_the_pause_the_cache_is_tried_again_and_stale_pages_are_forgotten(
    client, redis_server, directory, settings
):
    assert client.get("/en/members/").status_code == 200
    stored_version = cache.get("pages:version")
    redis_server.freeze()
    assert client.get("/en/members/").status_code == 200
    assert site_cache.breaker().current_state == "open"

    redis_server.thaw()
    site_cache.breaker().reset_timeout = 0  # the pause is over
    response = client.get("/en/members/")

    assert response.status_code == 200
    assert site_cache.breaker().current_state == "closed"
    assert client.get("/healthz").json()["checks"]["cache"] == {"status": "ok"}
    # Changes made while Redis was frozen could not replace the pages' version: it is replaced on recovery.
    assert cache.get("pages:version") not in (None, stored_version)


def test_redis_full_reads_still_served_writes_skipped(client, redis_server, directory):
    assert client.get("/en/members/").status_code == 200
    redis_server.fill()

    assert client.get("/en/members/")["X-Page-Cache"] == "hit"  # reads still work
    assert_site_serves(client, directory)
    assert contact(client, 3).status_code == 302
    assert site_cache.breaker().current_state == "closed"  # a full Redis is not an unreachable one
    assert_health_degraded(client, "not storing (full?)")


@pytest.mark.parametrize("fault", ["stop", "freeze"])
def test_rate_limits_hold_without_redis_counted_in_the_database(
    client, redis_server, settings, fault
):
    """The contact form sends email: without Redis its limit is counted in the database, never dropped."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "contact": "3/10m"}
    getattr(redis_server, fault)()

    answers = [contact(client, number).status_code for number in range(5)]

    assert answers == [302, 302, 302, 429, 429]
    assert Enquiry.objects.count() == 3
    # The enquiries sent (3; the refused ones are not counted) and every attempt (5, the flood ceiling).
    assert sorted(RateLimitCount.objects.values_list("count", flat=True)) == [3, 5]
    # Another client IP has its own count.
    assert contact(client, 9, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_full_redis_still_limits(client, redis_server, settings):
    """A full Redis refuses to count (SET and INCR are refused without memory): the database counts instead."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "contact": "2/10m"}
    redis_server.fill()

    answers = [contact(client, number).status_code for number in range(4)]

    assert answers == [302, 302, 429, 429]
    assert sorted(RateLimitCount.objects.values_list("count", flat=True)) == [2, 4]


def test_login_lockout_holds_without_redis(client, redis_server, staff_user):
    """django-axes counts in the database: the lockout neither lapses nor locks everyone out."""
    redis_server.stop()
    for _ in range(5):
        client.post("/admin/login/", {"username": staff_user.email, "password": "wrong-password-0"})
    assert AccessAttempt.objects.get().failures_since_start == 5
    assert sign_in_with_password(client, staff_user).status_code == 429


def test_cache_errors_never_reach_a_caller(redis_server):
    redis_server.stop()
    shared = caches["default"]
    assert shared.get("anything") is None
    assert shared.get_many(["a", "b"]) == {}
    assert not shared.set("anything", 1)
    assert not shared.add("anything", 1)
    assert shared.incr("anything") is None


def test_healthz_alone_tries_the_cache_again_after_the_pause(client, redis_server):
    """A load balancer's probe is enough to notice that Redis is back (no page needs to be asked first)."""
    redis_server.freeze()
    assert client.get("/healthz").json()["checks"]["cache"]["status"] == "degraded"
    redis_server.thaw()
    site_cache.breaker().reset_timeout = 0  # the pause is over
    assert client.get("/healthz").json()["checks"]["cache"] == {"status": "ok"}
