"""The shared cache (Redis through django-redis), and how the site keeps serving when it is away.

django-redis turns every Redis error into a miss (`IGNORE_EXCEPTIONS`): a read finds nothing, a write is skipped,
and the page is built from the database as if nothing had been cached. Each call gives up after
`CACHE_SOCKET_TIMEOUT` (0.25 s), and redis-py does not retry. So that an outage costs at most one request that
long, every connection to Redis goes through one circuit breaker per process (pybreaker): the first failure opens
it, and for `CACHE_RETRY_AFTER_SECONDS` (5) every cache call fails at once without touching the network. Then one
call is let through; if Redis answers, the breaker closes and `cache_recovered` is sent, so that whatever may have
changed while writes were skipped (cached pages, the policy banner, cookie groups) is forgotten.

A full Redis (`maxmemory` with `noeviction`) refuses writes with an error reply: those writes are skipped, but reads
still work, so an error reply does not open the breaker.

Rate-limit counters must not vanish with the cache: `RateLimitCounters` keeps them in Redis while it answers and in
the database while it does not (see `dkz_site.models.RateLimitCount`).
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pybreaker
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.dispatch import Signal
from redis.connection import Connection, ConnectionPool, SSLConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

logger = logging.getLogger(__name__)

# Sent (in the process that saw it) when Redis answers again after the breaker had opened.
cache_recovered = Signal()


class _Announce(pybreaker.CircuitBreakerListener):
    """One log line when the cache goes away and one when it is back: never one per request."""

    def state_change(self, breaker, old, new):
        if new.name == pybreaker.STATE_OPEN and old.name == pybreaker.STATE_CLOSED:
            logger.warning(
                "cache unreachable: serving without it, next try in %s s", breaker.reset_timeout
            )
        elif new.name == pybreaker.STATE_CLOSED and old is not None and old.name != new.name:
            logger.warning("cache reachable again")
            breaker.recovered = (
                True  # announced once the call that closed it has returned (_guarded)
            )


class CircuitBreaker(pybreaker.CircuitBreaker):
    """Opens on the first network failure (refused, reset, timed out); error replies from Redis do not count."""

    def __init__(self):
        super().__init__(
            fail_max=1,
            reset_timeout=settings.CACHE_RETRY_AFTER_SECONDS,
            exclude=[ResponseError],
            listeners=[_Announce()],
        )
        self.recovered = False

    def seconds_until_retry(self) -> float:
        """0 while closed; else how long calls keep failing at once."""
        if self.current_state != pybreaker.STATE_OPEN or self._state_storage.opened_at is None:
            return 0.0
        opened_at = self._state_storage.opened_at
        retry_at = opened_at + timedelta(seconds=self.reset_timeout)
        return max(0.0, (retry_at - pybreaker.datetime.now(opened_at.tzinfo)).total_seconds())


_breaker: CircuitBreaker | None = None


def breaker() -> CircuitBreaker:
    """This process's breaker for the shared cache (made on first use, after the settings are read)."""
    global _breaker
    if _breaker is None:
        _breaker = CircuitBreaker()
    return _breaker


def _guarded(call, *args, **kwargs):
    guard = breaker()
    try:
        result = guard.call(call, *args, **kwargs)
    except pybreaker.CircuitBreakerError as error:
        # What django-redis expects from an unreachable server: the call becomes a miss.
        raise RedisConnectionError("cache circuit open") from error
    if guard.recovered:
        guard.recovered = False
        cache_recovered.send(sender=CircuitBreaker)
    return result


class _GuardedMixin:
    def connect(self):
        return _guarded(super().connect)

    def read_response(self, *args, **kwargs):
        return _guarded(super().read_response, *args, **kwargs)


class GuardedConnection(_GuardedMixin, Connection):
    pass


class GuardedSSLConnection(_GuardedMixin, SSLConnection):
    pass


class GuardedConnectionPool(ConnectionPool):
    """django-redis's CONNECTION_POOL_CLASS: every connection goes through the breaker."""

    def __init__(self, connection_class=Connection, **kwargs):
        if issubclass(connection_class, SSLConnection):
            connection_class = GuardedSSLConnection
        elif connection_class is Connection:
            connection_class = GuardedConnection
        super().__init__(connection_class=connection_class, **kwargs)


def cache_available() -> bool:
    """False while the site does not ask the shared cache (it failed within the last few seconds); True once the
    pause is over, when the next call is the trial."""
    return breaker().seconds_until_retry() == 0


class RateLimitCounters(BaseCache):
    """django-ratelimit's counters: in the shared cache while it answers, in the database while it does not.

    django-ratelimit calls `add` (start a window's count) and `incr`; django-redis answers None to either when
    Redis failed, and then the database's count is used, so a limit holds through an outage instead of turning
    into "no limit" (or, with django-ratelimit's fail-closed default, into a 429 for everyone). A count starts
    again from zero when it moves from one store to the other.
    """

    def __init__(self, location, params):
        super().__init__(params)
        self._primary = location or "default"

    @property
    def primary(self):
        return caches[self._primary]

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.primary.add(key, value, timeout, version)
        if added is not None:
            return added
        from .models import RateLimitCount

        seconds = self.get_backend_timeout(timeout) or 0
        return RateLimitCount.objects.start(self.make_key(key, version), value, seconds)

    def incr(self, key, delta=1, version=None):
        try:
            count = self.primary.incr(key, delta, version)
        except ValueError:
            count = None  # expired in Redis between add and incr: count in the database this once
        if count is not None:
            return count
        from .models import RateLimitCount

        count = RateLimitCount.objects.increment(self.make_key(key, version), delta)
        # None: the window was started in Redis, which failed right after. Count this request as the first of
        # a window rather than refuse it; the next request starts the window in the database.
        return delta if count is None else count

    def get(self, key, default=None, version=None):
        value = self.primary.get(key, version=version)
        if value is not None:
            return value
        from .models import RateLimitCount

        found = RateLimitCount.objects.current(self.make_key(key, version))
        return default if found is None else found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.primary.set(key, value, timeout, version)

    def delete(self, key, version=None):
        return bool(self.primary.delete(key, version))

    def clear(self):
        self.primary.clear()
