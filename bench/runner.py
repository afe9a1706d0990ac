"""The benchmark's steps: database, seeding, server, load, report. See bench/__main__.py for the knobs."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765


@dataclass
class Result:
    name: str
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    queries: int
    html_bytes: int
    non_2xx: int


def log(message: str) -> None:
    print(message, flush=True)


def django_env(config: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_ALLOW_ASYNC")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=config["database_url"],
        CACHE_URL=config["cache_url"],
        STATIC_ROOT=config["static_root"],
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="false",
        RATELIMIT_ENABLE="false",
    )
    return env


def manage(config: dict, *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=django_env(config),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def reset_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def start_server(config: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "dkz_site.wsgi:application",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(config["workers"]),
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=django_env(config),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError("gunicorn did not start")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def fetch(url: str) -> tuple[int, int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
        return response.status, int(response.headers.get("X-Query-Count", "-1")), body


_WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def drive(url: str, config: dict) -> tuple[float, float, float, int]:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{config['connections']}", f"-d{config['duration']}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latencies = {
        m.group(1): float(m.group(2)) * _UNIT[m.group(3)] for m in _WRK_LATENCY.finditer(output)
    }
    rps = float(_WRK_RPS.search(output).group(1))
    non2xx = int(m.group(1)) if (m := _WRK_NON2XX.search(output)) else 0
    return rps, latencies.get("50", 0.0), latencies.get("99", 0.0), non2xx


def measure(config: dict, urls: list[tuple[str, str]]) -> list[Result]:
    base = f"http://127.0.0.1:{PORT}"
    results = []
    for name, path in urls:
        url = base + path
        status, queries, body = fetch(url)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        subprocess.run(
            ["wrk", "-t1", "-c4", "-d2s", url], capture_output=True, check=True
        )  # warm-up
        rps, p50, p99, non2xx = drive(url, config)
        results.append(Result(name, path, rps, p50, p99, queries, len(body), non2xx))
        log(f"  {name:<18} {rps:>8.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  q={queries}")
    return results


def report(size: int, results: list[Result]) -> None:
    baseline = next(r for r in results if r.name == "baseline").requests_per_second
    log(f"\n== {size} listed members")
    log(
        f"{'url':<18} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7} {'bytes':>7} {'vs base':>7}"
    )
    for r in results:
        ratio = r.requests_per_second / baseline if baseline else 0
        log(
            f"{r.name:<18} {r.requests_per_second:>8.0f} {r.p50_ms:>7.1f} {r.p99_ms:>7.1f} "
            f"{r.queries:>7} {r.html_bytes:>7} {ratio:>7.2f}"
            + (f"  non-2xx {r.non_2xx}" if r.non_2xx else "")
        )


def compare(small: int, large: int, before: list[Result], after: list[Result]) -> None:
    log(f"\n== cost growth from {small} to {large} members (req/s at {large} / req/s at {small})")
    for a, b in zip(before, after, strict=True):
        log(f"{a.name:<18} {b.requests_per_second / a.requests_per_second:>6.2f}")


def main(environ) -> int:
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            log(f"{tool} is missing: apt-get install {tool}")
            return 2
    from bench.scenarios import seed_database, timed_jobs, urls_for

    static_root = tempfile.mkdtemp(prefix="dkz-bench-static-")
    config = {
        "database_url": environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dkz_bench"
        ),
        "cache_url": environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/5"),
        "static_root": static_root,
        "duration": int(environ.get("BENCH_DURATION", "10")),
        "connections": int(environ.get("BENCH_CONNECTIONS", "16")),
        "workers": int(environ.get("BENCH_WORKERS", "2")),
    }
    sizes = [int(environ.get("BENCH_SMALL", "1000")), int(environ.get("BENCH_MEMBERS", "10000"))]
    manage(config, "collectstatic", "--noinput")
    measured = {}
    for size in sizes:
        log(f"\n-- seeding {size} members")
        reset_database(config["database_url"])
        manage(config, "migrate", "--noinput")
        started = time.monotonic()
        seed_database(config, size)
        log(f"   seeded in {time.monotonic() - started:.1f} s")
        server = start_server(config)
        try:
            measured[size] = measure(config, urls_for(config, size))
        finally:
            stop_server(server)
        report(size, measured[size])
    compare(sizes[0], sizes[1], measured[sizes[0]], measured[sizes[1]])
    timed_jobs(config)
    shutil.rmtree(static_root, ignore_errors=True)
    log(json.dumps({"sizes": sizes}))
    return 0
