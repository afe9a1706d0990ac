"""The page cache cannot grow without bound: a burst of distinct queries stores at most its budget of pages, in a
real Redis run with the configuration the project ships (deploy/redis.conf: maxmemory and an eviction policy)."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from dkz_site.page_cache import HEADER
from tests.accreditation.factories import MembershipFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]

REDIS_CONF = Path(__file__).resolve().parents[2] / "deploy" / "redis.conf"


@pytest.fixture
def shipped_redis(tmp_path):
    """A Redis of the test's own on a free port, started with deploy/redis.conf, stopped (by pid) after."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", str(REDIS_CONF), "--port", str(port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield client
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def one_period(monkeypatch):
    """The budgets count per period of PAGE_CACHE_SECONDS on the wall clock; a burst that crossed a period's end
    (a slow machine) would rightly store each budget twice. The burst stays inside one period here."""
    import time
    from types import SimpleNamespace

    from dkz_site import page_cache

    frozen = time.time()
    monkeypatch.setattr(
        page_cache, "time", SimpleNamespace(time=lambda: frozen, monotonic=time.monotonic)
    )


@pytest.fixture
def page_cache_in(shipped_redis, one_period):
    port = shipped_redis.connection_pool.connection_kwargs["port"]
    location = f"redis://127.0.0.1:{port}/0"
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    with override_settings(CACHES={**settings.CACHES, "default": backend}):
        caches["default"].clear()
        yield shipped_redis


def stored_pages(client) -> int:
    return sum(1 for _key in client.scan_iter(match="*pages:page:*"))


def test_shipped_redis_configuration_caps_memory_and_evicts():
    settings = dict(
        line.split(None, 1)
        for line in REDIS_CONF.read_text().splitlines()
        if line and line[0] != "#"
    )
    assert settings["maxmemory"] == "256mb"
    assert settings["maxmemory-policy"] == "allkeys-lru"


@override_settings(PAGE_CACHE_MAX_PAGES=15, PAGE_CACHE_MAX_SEARCHES=5)
def test_a_burst_of_distinct_queries_stores_no_more_than_the_budget(client, page_cache_in):
    MembershipFactory(company_name="Dala Cloud", region="KZ-71")
    assert page_cache_in.config_get("maxmemory")["maxmemory"] == str(256 * 2**20)
    assert page_cache_in.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"
    assert client.get("/en/members/")[HEADER] == "miss"  # the shared page, before the burst

    for n in range(120):
        client.get("/en/members/", {"q": f"word{n}"})  # free text
        client.get("/en/members/", {"utm_source": f"mail-{n}"})  # tracking: the plain page
        client.get("/en/members/", {"region": f"KZ-{n}"})  # nonsense values: never stored
        client.get("/en/equipment/compare/", {"items": f"{n},{n + 1}"})  # free text
    for region in ("KZ-71", "KZ-75", "KZ-11", "KZ-15"):
        for page in range(1, 11):  # shared pages, more than their budget
            client.get("/en/members/", {"region": region, "page": page})

    assert stored_pages(page_cache_in) <= 15 + 5 + 1
    assert page_cache_in.info("memory")["used_memory"] < 16 * 2**20
    # The shared page stored before the burst is still served from the cache.
    assert client.get("/en/members/")[HEADER] == "hit"
    assert client.get("/en/members/", {"fbclid": "IwAR1"})[HEADER] == "hit"


@override_settings(PAGE_CACHE_MAX_PAGES=3, PAGE_CACHE_MAX_SEARCHES=2)
def test_pages_beyond_the_budget_are_answered_all_the_same(client, page_cache_in):
    MembershipFactory(company_name="Dala Cloud", region="KZ-71")
    answers = [client.get("/en/members/", {"q": f"dala {n}"}) for n in range(5)]
    assert [response.get(HEADER) for response in answers] == ["miss", "miss", None, None, None]
    assert all(response.status_code == 200 for response in answers)
    assert stored_pages(page_cache_in) == 2
