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
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))


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
    baseline_rps: float  # the baseline view's req/s, measured right before this URL


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
        PRIVATE_FILES_ROOT=str(Path(config["static_root"]).parent / "private"),
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


def flush_cache(cache_url: str) -> None:
    """Cached pages and counters of the previous size must not answer for this one."""
    import redis

    redis.Redis.from_url(cache_url).flushdb()


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
        env={**django_env(config), **config.get("extra_env", {})},
        stdout=config["server_log"],
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"gunicorn did not start; see {config['server_log'].name}")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def fetch(url: str) -> tuple[int, int, bytes]:
    """Status, queries and body of one plain request (no cookie, no compression, as wrk sends it)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            return response.status, int(response.headers.get("X-Query-Count", "-1")), body
    except urllib.error.HTTPError as error:
        return error.code, -1, b""


_WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_WRK_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
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
    if m := _WRK_ERRORS.search(output):
        non2xx += sum(int(n) for n in m.groups())  # a failed request is no faster answer
    return rps, latencies.get("50", 0.0), latencies.get("99", 0.0), non2xx


def measure(config: dict, urls: list[tuple[str, str]]) -> list[Result]:
    """Each URL driven right after a run of the baseline view: other processes on the machine change the
    speed of both alike, so the ratio between the two holds where absolute figures drift."""
    base = f"http://127.0.0.1:{PORT}"
    baseline_url = base + next(path for name, path in urls if name == "baseline")
    results = []
    for name, path in urls:
        url = base + path
        status, queries, body = fetch(url)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        subprocess.run(
            ["wrk", "-t1", "-c4", "-d2s", url], capture_output=True, check=True
        )  # warm-up
        baseline_rps = drive(baseline_url, config)[0] if name != "baseline" else 0.0
        rps, p50, p99, non2xx = drive(url, config)
        baseline_rps = baseline_rps or rps
        results.append(Result(name, path, rps, p50, p99, queries, len(body), non2xx, baseline_rps))
        log(
            f"  {name:<18} {rps:>8.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  q={queries}"
            f"  ({rps / baseline_rps:.2f} of the baseline's {baseline_rps:.0f} req/s just before)"
        )
    return results


DIRECTORY_URLS = ("members", "search", "region", "page 50", "profile")  # the targets' URLs


def report(size: int, results: list[Result]) -> None:
    log(
        f"\n== {size} listed members (vs base: req/s over the baseline view's, measured right before)"
    )
    log(
        f"{'url':<18} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7} {'bytes':>7} {'vs base':>7}"
    )
    for r in results:
        ratio = r.requests_per_second / r.baseline_rps
        log(
            f"{r.name:<18} {r.requests_per_second:>8.0f} {r.p50_ms:>7.1f} {r.p99_ms:>7.1f} "
            f"{r.queries:>7} {r.html_bytes:>7} {ratio:>7.2f}"
            + (f"  failed {r.non_2xx}" if r.non_2xx else "")
        )
    pages = {r.name: r for r in results}
    if "members" in pages and "static css" in pages:
        total = pages["members"].html_bytes + pages["static css"].html_bytes
        log(f"directory page HTML + CSS: {total / 1024:.1f} KB (target <= 60 KB)")
    slow = [
        r.name
        for r in results
        if r.name in DIRECTORY_URLS
        and (r.requests_per_second < 0.5 * r.baseline_rps or r.p99_ms > 50 or r.non_2xx)
    ]
    log(
        "targets (>= 0.50 of baseline, p99 <= 50 ms): "
        + (f"missed by {', '.join(slow)}" if slow else "met")
    )


def compare(small: int, large: int, before: list[Result], after: list[Result]) -> None:
    """req/s at the large size over req/s at the small one; also with each figure taken relative to the
    baseline run just before it, which cancels out what other processes did to the machine meanwhile."""
    log(f"\n== cost growth from {small} to {large} members (req/s at {large} / req/s at {small})")
    log(f"{'url':<18} {'raw':>6} {'vs base':>8}")
    for a, b in zip(before, after, strict=True):
        raw = b.requests_per_second / a.requests_per_second
        normalised = (b.requests_per_second / b.baseline_rps) / (
            a.requests_per_second / a.baseline_rps
        )
        flag = (
            "  (fell by more than a third)"
            if a.name in DIRECTORY_URLS and normalised < 2 / 3
            else ""
        )
        log(f"{a.name:<18} {raw:>6.2f} {normalised:>8.2f}{flag}")


def main(environ) -> int:
    # Stopped with SIGTERM: unwind, so the `finally` blocks stop gunicorn too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            log(f"{tool} is missing: apt-get install {tool}")
            return 2
    from bench.scenarios import seed_database, timed_jobs, urls_for

    work = Path(tempfile.mkdtemp(prefix="dkz-bench-"))
    config = {
        "database_url": environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dkz_bench"
        ),
        "cache_url": environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/5"),
        "static_root": str(work / "static"),
        "duration": int(environ.get("BENCH_DURATION", "10")),
        "connections": int(environ.get("BENCH_CONNECTIONS", "16")),
        "workers": int(environ.get("BENCH_WORKERS", "2")),
        "server_log": open(work / "gunicorn.log", "w"),  # noqa: SIM115 - open for the whole run
    }
    small, large = (
        int(environ.get("BENCH_SMALL", "1000")),
        int(environ.get("BENCH_MEMBERS", "10000")),
    )
    sizes = [small] if small == large else [small, large]
    manage(config, "collectstatic", "--noinput")
    measured = {}
    for size in sizes:
        log(f"\n-- seeding {size} members")
        reset_database(config["database_url"])
        flush_cache(config["cache_url"])
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
    if len(sizes) == 2:
        compare(small, large, measured[small], measured[large])
    jobs = timed_jobs(config) if environ.get("BENCH_JOBS", "1") != "0" else {}
    if environ.get("BENCH_MAIL", "1") != "0":
        from bench.mail import time_mail
        from bench.scenarios import _django

        log("\n== email")
        _django(config)
        jobs["mail"] = time_mail(config, environ)
    results_file = ROOT / "var" / "bench-results.json"
    results_file.parent.mkdir(exist_ok=True)
    results_file.write_text(
        json.dumps(
            {
                "sizes": sizes,
                "duration": config["duration"],
                "connections": config["connections"],
                "results": {size: [asdict(r) for r in measured[size]] for size in sizes},
                "jobs": jobs,
            },
            indent=2,
        )
    )
    log(
        f"\nfigures written to {results_file.relative_to(ROOT)}; server log in {work / 'gunicorn.log'}"
    )
    config["server_log"].close()
    shutil.rmtree(work / "static", ignore_errors=True)
    return 0
