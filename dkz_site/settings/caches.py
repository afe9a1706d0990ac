"""The CACHES setting for a cache URL: Redis through django-redis, made to degrade instead of failing.

`default` is the shared cache. For `redis://` and `rediss://` it is django-redis with errors turned into misses,
short socket timeouts and every connection through the circuit breaker in `dkz_site/cache.py`.
`rate_limits` is what django-ratelimit counts in: the shared cache, or the database while the cache is away.
`fragments` keeps parts of every page that depend only on the language and the view (the header's menu, the
footer), rendered once per worker process and kept in its memory (`{% cache ... using="fragments" %}` in
templates/base.html).
"""

REDIS_BACKENDS = ("django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache")


def site_caches(default: dict, *, socket_timeout: float) -> dict:
    """`default` as django-environ parses CACHE_URL (it names django-redis for redis:// once that is installed)."""
    if default["BACKEND"] in REDIS_BACKENDS:
        default = {
            **default,
            "BACKEND": "django_redis.cache.RedisCache",
            "OPTIONS": {
                **default.get("OPTIONS", {}),
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": socket_timeout,
                "SOCKET_TIMEOUT": socket_timeout,
                "CONNECTION_POOL_CLASS": "dkz_site.cache.GuardedConnectionPool",
            },
        }
    return {
        "default": default,
        "rate_limits": {"BACKEND": "dkz_site.cache.RateLimitCounters", "LOCATION": "default"},
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dkz-fragments",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }
