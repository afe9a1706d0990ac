"""/healthz names each dependency; 200 while visitors can be served (the database answers), 503 when not.

The outage tests use servers of their own: a PostgreSQL cluster the test starts and stops under the site running in
gunicorn with the production settings, and (tests/dkz_site/test_cache_outage.py) a Redis.
"""

import json

import pytest

from dkz_site import health
from tests.services import free_port, private_postgres, site_server

pytestmark = pytest.mark.django_db


def test_every_dependency_by_name(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["checks"]["database"] == body["checks"]["cache"] == {"status": "ok"}
    assert set(body["checks"]) == {"database", "cache", "task_queue"}
    # No worker runs in the tests: the queue is degraded, the site still serves.
    assert body["status"] == "degraded"
    assert body["checks"]["task_queue"]["detail"] == "no worker heartbeat"
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200


@pytest.fixture
def extra_check():
    added = []

    def add(name, result, **options):
        health.register_check(name, lambda: result, **options)
        added.append(name)

    yield add
    for name in added:
        health._checks.pop(name)
        health._last_status.pop(name, None)


def test_other_checks_slot_in_and_only_a_critical_one_makes_it_unavailable(
    client, extra_check, caplog
):
    extra_check(
        "mail_relay",
        health.Result(health.DEGRADED, "backlog", {"queued": 120, "oldest_seconds": 900}),
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["mail_relay"] == {
        "status": "degraded",
        "detail": "backlog",
        "queued": 120,
        "oldest_seconds": 900,
    }
    assert "health: mail_relay degraded (backlog)" in caplog.text

    extra_check("storage", health.Result(health.DOWN, "not writable"), critical=True)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_a_change_of_state_is_logged_once(client, extra_check, caplog):
    extra_check("mail_relay", health.Result(health.DEGRADED, "relay silent"))
    for _ in range(3):
        client.get("/healthz")
    assert caplog.text.count("health: mail_relay degraded") == 1


def test_a_broken_check_reports_itself_down(client, extra_check):
    def broken():
        raise RuntimeError("bug")

    health.register_check("broken", broken)
    try:
        body = client.get("/healthz").json()
    finally:
        health._checks.pop("broken")
        health._last_status.pop("broken", None)
    assert body["checks"]["broken"] == {"status": "down", "detail": "check failed"}


def _health(server):
    status, headers, body = server.get("/healthz")
    return status, json.loads(body)


def test_database_stopped_answers_503_and_back_200_under_gunicorn():
    """A real PostgreSQL the test stops: /healthz 503 naming the database, while the cache (none listening) is
    reported degraded; once PostgreSQL is back, 200 again without restarting the site."""
    with (
        private_postgres() as database,
        site_server(
            DATABASE_URL=database.url, CACHE_URL=f"redis://127.0.0.1:{free_port()}/0"
        ) as site,
    ):
        status, body = _health(site)
        assert status == 200
        assert body["status"] == "degraded"
        assert body["checks"]["database"] == {"status": "ok"}
        assert body["checks"]["cache"]["status"] == "degraded"

        database.stop()
        status, body = _health(site)
        assert status == 503
        assert body["status"] == "unavailable"
        assert body["checks"]["database"] == {"status": "down", "detail": "not answering"}

        database.start()
        status, body = _health(site)
        assert status == 200
        assert body["checks"]["database"] == {"status": "ok"}

        log = site.log()
    assert "health: database down (not answering)" in log
    assert "health: cache degraded (unreachable)" in log
    assert "health: database ok again" in log
