"""One scheduled job at a time across every server: a lock per job name.

PostgreSQL: a session advisory lock, released by the database when its holder's connection ends (a crashed
server never leaves it behind). SQLite (one machine, `make run`): an exclusive lock on a file beside the
database, released by the kernel when the holding process ends. Since when a lock has been held, and so whether
it is stuck, is recorded by the jobs app (jobs.runs), which runs every scheduled job through `advisory_lock`.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def lock_key(name: str) -> int:
    """A stable signed 32-bit key for a job name."""
    return zlib.crc32(f"dkz:{name}".encode()) - 2**31


@contextmanager
def advisory_lock(name: str):
    """Yields True if this process holds the lock for `name`, False if another one does."""
    if connection.vendor != "postgresql":
        with _file_lock(name) as acquired:
            yield acquired
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


def is_held(name: str) -> bool:
    """Whether some process holds the lock for `name` right now (this one excluded)."""
    with advisory_lock(name) as acquired:
        return not acquired


def _lock_path(name: str) -> Path:
    database = str(connection.settings_dict["NAME"])
    if database and os.path.sep in database and "mode=memory" not in database:
        folder = Path(database).resolve().parent / "locks"
    else:  # an in-memory database (the tests) belongs to this process alone
        digest = hashlib.sha256(f"{database}:{os.getpid()}".encode()).hexdigest()[:12]
        folder = Path(tempfile.gettempdir()) / f"dkz-locks-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.lock"


@contextmanager
def _file_lock(name: str):
    with open(_lock_path(name), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
