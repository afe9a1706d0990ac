"""Django's Redis cache backend, keeping one redis client per connection pool.

Django builds a new `redis.Redis` for every cache call, and redis-py 8 fills about 170 response callbacks in each
constructor: on these machines that cost more than the round trip to Redis itself, on every rate-limit check,
cookie-group lookup and cached page. The client is thread-safe and takes a pooled connection per command.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
