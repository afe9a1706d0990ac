"""Another server holding a scheduled job's lock, for tests: a second PostgreSQL session (advisory lock), or on
SQLite another open lock file (what another process on the machine would hold)."""

from contextlib import contextmanager

from django.db import connection

from privacy.locks import _file_lock, lock_key


@contextmanager
def lock_held_elsewhere(name: str):
    if connection.vendor != "postgresql":
        with _file_lock(name) as acquired:
            assert acquired
            yield
        return
    import psycopg

    settings = connection.settings_dict
    other = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
        autocommit=True,
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [lock_key(name)])
        yield
    finally:
        other.close()
