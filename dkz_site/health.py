"""What `/healthz` reports: one named check per dependency, each "ok", "degraded" or "down".

The answer is 503 only when a check that visitors cannot be served without (`critical`: the database) is down;
anything else that is not ok (the cache away, a slow queue) leaves it 200 with the overall status "degraded", so a
load balancer keeps sending traffic to an instance that still serves, while monitoring reads the body. Each change
of a check's state is logged once per process (warning when it leaves "ok", info when it is back).

Other apps add their checks from their AppConfig.ready() with `register_check(name, function)`; the function
returns a `Result` and must answer quickly (it runs on every probe, every few seconds).
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache as shared_cache
from django.db import connection

logger = logging.getLogger(__name__)

OK, DEGRADED, DOWN = "ok", "degraded", "down"


@dataclass(frozen=True)
class Result:
    status: str  # OK, DEGRADED or DOWN
    detail: str = ""  # short, for operators; never a host name, address or error text
    facts: dict = field(default_factory=dict)  # numbers monitoring may graph (e.g. queue length)

    def as_json(self) -> dict:
        body = {"status": self.status, **self.facts}
        if self.detail:
            body["detail"] = self.detail
        return body


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[], Result]
    critical: bool = False


_checks: dict[str, Check] = {}
_last_status: dict[str, str] = {}
_lock = threading.Lock()


def register_check(name: str, run: Callable[[], Result], *, critical: bool = False) -> None:
    """Add (or replace) a named check; `critical` makes /healthz answer 503 while it is down."""
    _checks[name] = Check(name=name, run=run, critical=critical)


def database() -> Result:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - whatever the failure, the database does not answer
        connection.close()  # a broken persistent connection is not reused by the next request
        return Result(DOWN, "not answering")
    return Result(OK)


def cache() -> Result:
    """The shared cache stores and returns a value; the site serves without it, so at worst degraded."""
    from .cache import breaker, cache_available

    if not cache_available():
        retry = round(breaker().seconds_until_retry(), 1)
        return Result(DEGRADED, "unreachable", {"next_try_in_seconds": retry})
    probe = secrets.token_hex(8)
    shared_cache.set("health:probe", probe, 30)
    if shared_cache.get("health:probe") == probe:
        return Result(OK)
    if not cache_available():
        return Result(DEGRADED, "unreachable")
    return Result(DEGRADED, "not storing (full?)")


register_check("database", database, critical=True)
register_check("cache", cache)


def _run(check: Check) -> Result:
    try:
        return check.run()
    except Exception:  # noqa: BLE001 - a broken check reports itself down instead of failing the probe
        logger.exception("health check %s failed", check.name)
        return Result(DOWN, "check failed")


def _note_change(name: str, result: Result) -> None:
    with _lock:
        before = _last_status.get(name, OK)
        _last_status[name] = result.status
    if before == result.status:
        return
    if result.status == OK:
        logger.info("health: %s ok again", name)
    else:
        logger.warning("health: %s %s (%s)", name, result.status, result.detail or "no detail")


def report() -> tuple[int, dict]:
    """(HTTP status, JSON body) of every registered check."""
    results = {name: _run(check) for name, check in _checks.items()}
    for name, result in results.items():
        _note_change(name, result)
    unavailable = any(
        _checks[name].critical and result.status == DOWN for name, result in results.items()
    )
    if unavailable:
        overall = "unavailable"
    elif all(result.status == OK for result in results.values()):
        overall = OK
    else:
        overall = DEGRADED
    body = {
        "status": overall,
        "checks": {name: result.as_json() for name, result in results.items()},
    }
    return (503 if unavailable else 200), body
