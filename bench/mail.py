"""The outbox under load: a worker's throughput to a local SMTP sink, and the site's answers while mail hangs.

- throughput: BENCH_MAIL_EMAILS (1000) emails queued at once, one `run_worker --batch` process sending them to an
  SMTP sink on this machine (aiosmtpd in this process); emails per second from its start to its exit;
- hanging mail server: the sink accepts connections and never answers the message; gunicorn (BENCH_WORKERS sync
  workers) and one task-queue worker run, the contact form is posted BENCH_MAIL_POSTS (40) times while /healthz is
  probed; the figures are the form's and the probe's latencies (before, no request waited for the mail server).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

from bench.runner import PORT, ROOT, django_env, log, start_server, stop_server


def time_mail(config: dict, environ) -> dict:
    from tests.outbox.smtp import HANGING, SMTPServer

    sink = SMTPServer(hang_seconds=60)
    sink.start()
    mail_env = {"EMAIL_URL": f"smtp://127.0.0.1:{sink.port}", "EMAIL_TIMEOUT": "10"}
    try:
        throughput = _throughput(
            config, mail_env, sink, int(environ.get("BENCH_MAIL_EMAILS", "1000"))
        )
        sink.set_mode(HANGING)
        hanging = _hanging(config, mail_env, sink, int(environ.get("BENCH_MAIL_POSTS", "40")))
    finally:
        sink.stop()
    return {"throughput": throughput, "hanging_mail_server": hanging}


def _worker(config: dict, mail_env: dict, *options: str) -> subprocess.Popen:
    env = {**django_env(config), **mail_env}
    command = [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "-v0", *options]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def _throughput(config, mail_env, sink, count: int) -> dict:
    from django.db import connection, transaction

    from outbox.services import queue_email

    with transaction.atomic():
        for n in range(count):
            queue_email(
                to=f"member{n}@example.kz",
                template="accounts/email/enrolment_link",
                context={"user": None, "link": "https://example.kz/", "minutes": 30},
            )
    connection.close()
    started = time.monotonic()
    worker = _worker(config, mail_env, "--batch", "--interval", "0")
    worker.wait(timeout=3600)
    seconds = time.monotonic() - started
    figures = {
        "emails": count,
        "delivered": len(sink.messages),
        "seconds": round(seconds, 1),
        "per_second": round(len(sink.messages) / seconds, 1),
    }
    log(
        f"   one worker: {figures['delivered']} of {count} emails to a local SMTP sink in "
        f"{figures['seconds']} s: {figures['per_second']} emails/s (worker start included)"
    )
    return figures


def _hanging(config, mail_env, sink, posts: int) -> dict:
    sink.connections = 0
    server = start_server({**config, "extra_env": mail_env})
    worker = _worker(config, mail_env, "--interval", "0.2")
    probe = _HealthProbe()
    posted: list[float] = []
    failed = 0
    try:
        probe.start()
        for n in range(posts):
            started = time.monotonic()
            status = _post_contact(n)
            posted.append((time.monotonic() - started) * 1000)
            failed += status != 302
    finally:
        probe.stop()
        worker.terminate()
        worker.wait(timeout=90)
        stop_server(server)
    figures = {
        "posts": posts,
        "failed": failed,
        "post_p50_ms": _pct(posted, 50),
        "post_max_ms": _pct(posted, 100),
        "healthz_probes": len(probe.latencies),
        "healthz_p50_ms": _pct(probe.latencies, 50),
        "healthz_max_ms": _pct(probe.latencies, 100),
        "smtp_sessions_opened": sink.connections,
    }
    log(
        f"   mail server hanging: {posts} contact submissions, {failed} failed, p50 "
        f"{figures['post_p50_ms']} ms, max {figures['post_max_ms']} ms; /healthz p50 "
        f"{figures['healthz_p50_ms']} ms, max {figures['healthz_max_ms']} ms "
        f"({figures['smtp_sessions_opened']} SMTP sessions held by the worker)"
    )
    return figures


def _post_contact(n: int) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    url = f"http://127.0.0.1:{PORT}/en/contact/"
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": "Bench visitor",
            "email": f"bench{n}@example.kz",
            "message": f"Benchmark enquiry number {n}.",
            "consent": "on",
            "website": "",
        }
    ).encode()
    # Production cookies are Secure; over the benchmark's plain HTTP the CSRF cookie is sent by hand.
    cookie = next(c for c in jar if c.name == "csrftoken")
    headers = {"Referer": url, "Cookie": f"csrftoken={cookie.value}"}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        return opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _HealthProbe:
    def __init__(self):
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self):
        while not self._stop.is_set():
            started = time.monotonic()
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=60).read()
            self.latencies.append((time.monotonic() - started) * 1000)
            self._stop.wait(0.1)


def _pct(values: list[float], percentile: int) -> float:
    ordered = sorted(values) or [0.0]
    index = min(len(ordered) - 1, len(ordered) * percentile // 100)
    return round(ordered[index], 1)
