"""The shared cache backend: django-redis with short timeouts, errors as misses, one client kept per process."""

import environ
import pytest
from django.core.cache import caches

from dkz_site.cache import GuardedConnection
from dkz_site.settings.caches import site_caches
from tests.services import private_redis


@pytest.fixture
def shared_cache(settings):
    with private_redis() as server:
        settings.CACHES = site_caches(
            environ.Env.cache_url_config(server.url),
            socket_timeout=0.25,
        )
        yield caches["default"]


def test_a_redis_url_becomes_django_redis_that_ignores_errors():
    config = site_caches(
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://r:6379/1"},
        socket_timeout=0.25,
    )
    default = config["default"]
    assert default["BACKEND"] == "django_redis.cache.RedisCache"
    assert default["LOCATION"] == "redis://r:6379/1"
    assert default["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert (
        default["OPTIONS"]["SOCKET_TIMEOUT"] == default["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] == 0.25
    )
    assert config["rate_limits"]["BACKEND"] == "dkz_site.cache.RateLimitCounters"


def test_a_local_cache_stays_as_it_is():
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "x"}
    assert site_caches(local, socket_timeout=0.25)["default"] == local


def test_calls_share_one_client_and_go_through_the_breaker(shared_cache):
    shared_cache.set("answer", {"value": 42}, 30)
    assert shared_cache.get("answer") == {"value": 42}
    client = shared_cache.client.get_client(write=True)
    assert client is shared_cache.client.get_client(write=True)
    pool = client.connection_pool
    assert pool.connection_class is GuardedConnection
    assert pool.connection_kwargs["socket_timeout"] == 0.25
    assert pool.connection_kwargs["socket_connect_timeout"] == 0.25
    shared_cache.delete("answer")
    assert shared_cache.get("answer") is None
