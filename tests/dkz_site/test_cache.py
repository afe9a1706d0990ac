"""The shared cache backend: Django's Redis cache, reusing one client per connection pool."""

import os

import pytest

from dkz_site.cache import RedisCache

REDIS_URL = os.environ.get("TEST_CACHE_URL", "")


@pytest.mark.skipif(not REDIS_URL.startswith("redis://"), reason="needs TEST_CACHE_URL=redis://...")
def test_calls_share_one_client_and_still_store_and_read():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "dkz-cache-test"})
    cache.set("answer", {"value": 42}, 30)
    assert cache.get("answer") == {"value": 42}
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
    cache.delete("answer")
    assert cache.get("answer") is None
