"""Worker processes on PostgreSQL, as production runs them: two racing over one queue, and one killed mid-send.

Real `manage.py run_worker` processes on the test database, sending to a real SMTP server in this process.
SQLite's test database lives in this process's memory, so these run on PostgreSQL (CI runs both).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from outbox.models import Email
from outbox.services import queue_email
from outbox.tasks import deliver_email, sweep_outbox

from .smtp import HANGING, UP

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="worker processes need a shared database"
    ),
]
ROOT = Path(__file__).resolve().parents[2]


def worker_env(smtp_server, **extra):
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dkz_site.settings.local",
        "DATABASE_URL": url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "EMAIL_TIMEOUT": "1",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def start_worker(env, *options):
    command = [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "-v0", *options]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def queue(count):
    return [
        queue_email(
            to=f"member{n}@example.kz",
            template="accounts/email/enrolment_link",
            context={"user": None, "link": "https://example.kz/", "minutes": 30},
        )
        for n in range(count)
    ]


def test_two_workers_racing_over_one_queue_send_each_email_once(smtp_server):
    emails = queue(30)
    for email in emails:  # every email has a second task: both workers reach for the same rows
        deliver_email.enqueue(email.pk)
    env = worker_env(smtp_server)
    workers = [start_worker(env, "--batch", "--interval", "0") for _ in range(2)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}
    assert len(smtp_server.messages) == 30
    assert set(smtp_server.by_message_id().values()) == {1}
    assert set(Email.objects.values_list("attempts", flat=True)) == {1}


def test_a_worker_killed_mid_send_is_replaced_and_the_email_goes_out_once(smtp_server):
    smtp_server.hang_seconds = 30
    smtp_server.set_mode(HANGING)
    (email,) = queue(1)
    env = worker_env(smtp_server, EMAIL_TIMEOUT="20", OUTBOX_CLAIM_SECONDS="2")
    worker = start_worker(env, "--interval", "0.2")
    try:
        for _ in range(200):  # until the worker is in the middle of the SMTP conversation
            email.refresh_from_db()
            if email.status == Email.Status.SENDING and smtp_server.connections:
                break
            time.sleep(0.1)
        assert email.status == Email.Status.SENDING
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    smtp_server.set_mode(UP)
    while timezone.now() <= email.claimed_until:  # the dead worker's claim runs out
        time.sleep(0.2)
    assert sweep_outbox() == {"requeued": 1}
    replacement = start_worker(worker_env(smtp_server), "--batch", "--interval", "0")
    assert replacement.wait(timeout=60) == 0
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.SENT, 2)
    assert smtp_server.by_message_id() == {email.message_id: 1}
