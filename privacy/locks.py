"""One scheduled job at a time across every app server: a PostgreSQL session advisory lock.

SQLite has one writer and one machine: the lock is a no-op there.
"""

from __future__ import annotations

import zlib
from contextlib import contextmanager

from django.db import connection


def lock_key(name: str) -> int:
    """A stable signed 32-bit key for a job name."""
    return zlib.crc32(f"dkz:{name}".encode()) - 2**31


@contextmanager
def advisory_lock(name: str):
    """Yields True if this process holds the lock for `name`, False if another one does."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
