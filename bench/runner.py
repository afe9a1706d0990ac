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
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dkz_bench"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/5"
VARIED_SCRIPT = ROOT / "bench" / "varied.lua"
# The benchmark's Redis runs with production's memory cap and eviction policy.
REDIS_CONF = ROOT / "deploy" / "redis.conf"


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


def start_server(config: dict, *, page_cache: bool = True) -> subprocess.Popen:
    """gunicorn with the benchmark's settings; `page_cache=False` renders every page (PAGE_CACHE_SECONDS=0)."""
    env = django_env(config)
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
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
        env={**env, **config.get("extra_env", {})},
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


_WRK_HITS = re.compile(r"page-cache hits: (\d+) of (\d+)")
WRK_THREADS = 2


@dataclass
class Run:
    """One wrk run: req/s, latency percentiles (ms), failed requests, and the page cache's share of answers
    (varied runs only)."""

    rps: float
    p50: float
    p99: float
    failed: int
    hits: float | None = None


def drive(url: str, config: dict, url_file: Path | None = None) -> Run:
    """wrk at the configured connections for the configured time. With `url_file`, every request asks for the
    next path of that file instead of `url`'s own (bench/varied.lua)."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{config['connections']}", f"-d{config['duration']}s"]
    command += ["--latency"]
    if url_file is not None:
        command += ["-s", str(VARIED_SCRIPT), url, "--", str(url_file), str(WRK_THREADS)]
    else:
        command += [url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latencies = {
        m.group(1): float(m.group(2)) * _UNIT[m.group(3)] for m in _WRK_LATENCY.finditer(output)
    }
    failed = int(m.group(1)) if (m := _WRK_NON2XX.search(output)) else 0
    if m := _WRK_ERRORS.search(output):
        failed += sum(int(n) for n in m.groups())  # a failed request is no faster answer
    hits = int(m.group(1)) / max(int(m.group(2)), 1) if (m := _WRK_HITS.search(output)) else None
    return Run(
        rps=float(_WRK_RPS.search(output).group(1)),
        p50=latencies.get("50", 0.0),
        p99=latencies.get("99", 0.0),
        failed=failed,
        hits=hits,
    )


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
        baseline_rps = drive(baseline_url, config).rps if name != "baseline" else 0.0
        run = drive(url, config)
        baseline_rps = baseline_rps or run.rps
        results.append(
            Result(
                name, path, run.rps, run.p50, run.p99, queries, len(body), run.failed, baseline_rps
            )
        )
        log(
            f"  {name:<18} {run.rps:>8.0f} req/s  p50 {run.p50:6.1f} ms  p99 {run.p99:6.1f} ms"
            f"  q={queries}  ({run.rps / baseline_rps:.2f} of the baseline's {baseline_rps:.0f} req/s"
            " just before)"
        )
    return results


@dataclass
class VariedResult:
    kind: str
    cached: bool  # the page cache on (as in production) or off (every page rendered)
    urls: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failed: int
    hit_rate: float
    baseline_rps: float  # the baseline view's req/s, driven the same way right before

    @property
    def ratio(self) -> float:
        return self.requests_per_second / self.baseline_rps


def measure_varied(
    config: dict, lists: dict[str, list[str]], *, cached: bool
) -> list[VariedResult]:
    """Each kind's URL list driven by bench/varied.lua (another URL every request), right after the baseline
    view driven by the same script."""
    base = f"http://127.0.0.1:{PORT}"
    folder = Path(config["work"])
    baseline_file = folder / "baseline.txt"
    baseline_file.write_text("/bench/baseline\n")
    results = []
    for kind, paths in lists.items():
        url_file = folder / f"{kind.replace(' ', '-').replace('+', 'and')}.txt"
        url_file.write_text("\n".join(paths) + "\n")
        for path in paths[:3]:
            status, _queries, _body = fetch(base + path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
        baseline = drive(base, config, baseline_file)
        run = drive(base, config, url_file)
        result = VariedResult(
            kind,
            cached,
            len(paths),
            run.rps,
            run.p50,
            run.p99,
            run.failed,
            run.hits or 0.0,
            baseline.rps,
        )
        results.append(result)
        log(
            f"  {kind:<18} {'cached' if cached else 'uncached':<8} {run.rps:>7.0f} req/s  p50 {run.p50:6.1f}"
            f" ms  p99 {run.p99:6.1f} ms  page-cache hits {result.hit_rate:4.0%}  ({result.ratio:.2f} of the"
            f" baseline's {baseline.rps:.0f} req/s just before)"
            + (f"  failed {run.failed}" if run.failed else "")
        )
    return results


ONE_URL_TARGET_URLS = ("members", "search", "region", "page 50", "profile")  # cached one-URL runs
UNCACHED_RATIO, VARIED_P99, CACHED_RATIO, CACHED_P99, GROWTH, PAGE_KB = 0.25, 100, 0.50, 50, 1.5, 40


def report(size: int, results: list[Result], varied: list[VariedResult]) -> None:
    log(
        f"\n== {size} listed members, one URL at a time (served by the page cache after the first request;"
        " vs base: req/s over the baseline view's, measured right before)"
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
    log(
        f"\n== {size} listed members, varied traffic (every request another URL of the kind's list)\n"
        f"{'':<18} {'uncached (page cache off)':^31} | {'cached (as in production)':^38}\n"
        f"{'kind':<18} {'req/s':>7} {'p99 ms':>7} {'vs base':>7} {'URLs':>7} | {'req/s':>7} {'p99 ms':>7}"
        f" {'vs base':>7} {'hits':>6} {'':>6}"
    )
    by_kind = {(r.kind, r.cached): r for r in varied}
    for kind in dict.fromkeys(r.kind for r in varied):
        cold, warm = by_kind.get((kind, False)), by_kind.get((kind, True))
        line = f"{kind:<18} "
        line += (
            f"{cold.requests_per_second:>7.0f} {cold.p99_ms:>7.1f} {cold.ratio:>7.2f} {cold.urls:>7}"
            if cold
            else f"{'':>31}"
        )
        if warm:
            line += (
                f" | {warm.requests_per_second:>7.0f} {warm.p99_ms:>7.1f} {warm.ratio:>7.2f}"
                f" {warm.hit_rate:>6.0%}"
            )
        failed = (cold.failed if cold else 0) + (warm.failed if warm else 0)
        log(line + (f"  failed {failed}" if failed else ""))


def targets(
    small: int,
    large: int,
    results: dict[int, list[Result]],
    varied: dict[int, list[VariedResult]],
    page_bytes: dict[str, int],
    scripts: list[str],
) -> list[tuple[str, bool, str]]:
    """Each target of the directory's speed, met or missed, with the figures that decide it."""
    checks = []
    uncached = [r for r in varied[large] if not r.cached]
    slow = [f"{r.kind} {r.ratio:.2f}" for r in uncached if r.ratio < UNCACHED_RATIO or r.failed]
    checks.append(
        (
            f"every kind uncached at >= {UNCACHED_RATIO} of the baseline ({large} members)",
            not slow,
            ", ".join(slow) or f"lowest {min(r.ratio for r in uncached):.2f}",
        )
    )
    late = [
        f"{r.kind} ({'cached' if r.cached else 'uncached'}) {r.p99_ms:.0f} ms"
        for r in varied[large]
    ]
    late = [text for text, r in zip(late, varied[large], strict=True) if r.p99_ms > VARIED_P99]
    checks.append(
        (
            f"p99 <= {VARIED_P99} ms in every varied run ({large} members)",
            not late,
            ", ".join(late) or f"highest {max(r.p99_ms for r in varied[large]):.0f} ms",
        )
    )
    cached = [r for r in results[large] if r.name in ONE_URL_TARGET_URLS]
    missed = [
        f"{r.name} {r.requests_per_second / r.baseline_rps:.2f} / {r.p99_ms:.0f} ms"
        for r in cached
        if r.requests_per_second < CACHED_RATIO * r.baseline_rps
        or r.p99_ms > CACHED_P99
        or r.non_2xx
    ]
    checks.append(
        (
            f"cached pages at >= {CACHED_RATIO} of the baseline with p99 <= {CACHED_P99} ms ({large} members)",
            not missed,
            ", ".join(missed)
            or f"lowest {min(r.requests_per_second / r.baseline_rps for r in cached):.2f},"
            f" highest p99 {max(r.p99_ms for r in cached):.0f} ms",
        )
    )
    if small != large:
        growth = cost_growth(small, large, results, varied)
        grown = [f"{name} {factor:.2f}" for name, factor in growth.items() if factor > GROWTH]
        checks.append(
            (
                f"cost growth from {small} to {large} members <= {GROWTH}x for every kind",
                not grown,
                ", ".join(grown) or f"highest {max(growth.values()):.2f}",
            )
        )
    size_kb = (page_bytes["members"] + page_bytes["members stylesheets"]) / 1024
    checks.append(
        (
            f"members page HTML + CSS <= {PAGE_KB} KB",
            size_kb <= PAGE_KB,
            f"{size_kb:.1f} KB",
        )
    )
    checks.append(
        (
            "no JavaScript on the public pages driven",
            not scripts,
            ", ".join(scripts) or "none found",
        )
    )
    return checks


def cost_growth(small, large, results, varied) -> dict[str, float]:
    """Per kind, what a request costs at the large size over what it cost at the small one, each measured
    against the baseline run right before it: (vs base at small) / (vs base at large)."""
    growth = {}
    for a, b in zip(results[small], results[large], strict=True):
        if a.name in ONE_URL_TARGET_URLS:
            growth[a.name] = (a.requests_per_second / a.baseline_rps) / (
                b.requests_per_second / b.baseline_rps
            )
    for a, b in zip(varied[small], varied[large], strict=True):
        if not a.cached:
            growth[f"{a.kind} (varied)"] = a.ratio / b.ratio
    return growth


def compare(small: int, large: int, results, varied) -> None:
    log(
        f"\n== cost growth from {small} to {large} members: (vs base at {small}) / (vs base at {large});"
        " 1.00 is no growth"
    )
    for name, factor in cost_growth(small, large, results, varied).items():
        log(f"{name:<28} {factor:>6.2f}" + (f"  (more than {GROWTH}x)" if factor > GROWTH else ""))


def script_tags(base: str, paths: list[str]) -> list[str]:
    """Paths whose page carries a <script> other than a JSON-LD data block (which browsers never run)."""
    found = []
    for path in paths:
        _status, _queries, body = fetch(base + path)
        tags = re.findall(rb"<script\b[^>]*>", body)
        if any(b"application/ld+json" not in tag for tag in tags):
            found.append(path)
    return found


def stylesheet_bytes(base: str, path: str) -> int:
    """The bytes of every stylesheet the page at `path` links: what a first visit downloads besides its HTML
    (site.css, and a section's own sheet where it has one)."""
    _status, _queries, body = fetch(base + path)
    links = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', body)
    return sum(len(fetch(base + href.decode())[2]) for href in links)


def page_cache_usage(cache_url: str) -> dict:
    """How many pages the page cache holds and the memory Redis uses, against its maxmemory."""
    import redis

    client = redis.Redis.from_url(cache_url)
    pages = sum(1 for _key in client.scan_iter(match="*pages:page:*", count=1000))
    memory = client.info("memory")
    config = client.config_get("maxmemory*")
    return {
        "pages": pages,
        "used_mb": round(memory["used_memory"] / 2**20, 1),
        "maxmemory_mb": round(int(config.get("maxmemory", 0)) / 2**20, 1),
        "policy": config.get("maxmemory-policy", ""),
    }


def start_redis(work: Path) -> tuple[subprocess.Popen, str]:
    """A Redis of the benchmark's own, configured as production's (deploy/redis.conf: maxmemory and its
    eviction policy), on a free port, persisting nothing."""
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", str(REDIS_CONF), "--port", str(port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no", "--dir", str(work)],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            return server, url
        except redis.ConnectionError:
            time.sleep(0.1)
    stop_server(server)
    raise RuntimeError("redis-server did not start")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(environ) -> int:
    if environ.get("BENCH_CLUSTER") == "1":  # through nginx, one web instance and then two
        from bench.cluster import main as cluster_main

        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
        return cluster_main(environ)
    # Stopped with SIGTERM: unwind, so the `finally` blocks stop gunicorn and Redis too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    for tool, package in (("wrk", "wrk"), ("redis-server", "redis-server")):
        if shutil.which(tool) is None and not (
            tool == "redis-server" and "BENCH_CACHE_URL" in environ
        ):
            log(f"{tool} is missing: apt-get install {package}")
            return 2
    from bench.scenarios import seed_database, timed_jobs, urls_for, varied_url_lists

    work = Path(tempfile.mkdtemp(prefix="dkz-bench-"))
    redis_server = None
    if "BENCH_CACHE_URL" in environ:
        cache_url = environ["BENCH_CACHE_URL"]
    else:
        redis_server, cache_url = start_redis(work)
    config = {
        "database_url": environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        "cache_url": cache_url,
        "static_root": str(work / "static"),
        "work": str(work),
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
    try:
        manage(config, "collectstatic", "--noinput")
        measured, varied, usage = {}, {}, {}
        page_bytes, scripts = {}, []
        for size in sizes:
            log(f"\n-- seeding {size} members")
            reset_database(config["database_url"])
            flush_cache(config["cache_url"])
            manage(config, "migrate", "--noinput")
            started = time.monotonic()
            seed_database(config, size)
            log(f"   seeded in {time.monotonic() - started:.1f} s")
            urls = urls_for(config, size)
            lists = varied_url_lists(config, size)
            log("   one URL at a time, then varied traffic, page cache on")
            server = start_server(config)
            try:
                measured[size] = measure(config, urls)
                varied[size] = measure_varied(config, lists, cached=True)
                usage[size] = page_cache_usage(config["cache_url"])
                base = f"http://127.0.0.1:{PORT}"
                page_bytes = {r.name: r.html_bytes for r in measured[size]}
                page_bytes["members stylesheets"] = stylesheet_bytes(
                    base, next(path for name, path in urls if name == "members")
                )
                scripts = script_tags(
                    base, [path for _name, path in urls] + [paths[0] for paths in lists.values()]
                )
            finally:
                stop_server(server)
            log("   varied traffic, page cache off")
            flush_cache(config["cache_url"])
            server = start_server(config, page_cache=False)
            try:
                varied[size] += measure_varied(config, lists, cached=False)
            finally:
                stop_server(server)
            report(size, measured[size], varied[size])
            log(
                f"page cache after the runs: {usage[size]['pages']} pages stored; Redis uses"
                f" {usage[size]['used_mb']} MB of its maxmemory {usage[size]['maxmemory_mb']} MB"
                f" ({usage[size]['policy']})"
            )
        if len(sizes) == 2:
            compare(small, large, measured, varied)
        checks = targets(small, large, measured, varied, page_bytes, scripts)
        log(f"\n== targets at {large} members")
        for text, met, figures in checks:
            log(f"{'met   ' if met else 'MISSED'} {text}: {figures}")
        jobs = timed_jobs(config) if environ.get("BENCH_JOBS", "1") != "0" else {}
        if environ.get("BENCH_MAIL", "1") != "0":
            from bench.mail import time_mail
            from bench.scenarios import _django

            log("\n== email")
            _django(config)
            jobs["mail"] = time_mail(config, environ)
    finally:
        if redis_server is not None:
            stop_server(redis_server)
    results_file = ROOT / "var" / "bench-results.json"
    results_file.parent.mkdir(exist_ok=True)
    results_file.write_text(
        json.dumps(
            {
                "sizes": sizes,
                "duration": config["duration"],
                "connections": config["connections"],
                "results": {size: [asdict(r) for r in measured[size]] for size in sizes},
                "varied": {size: [asdict(r) for r in varied[size]] for size in sizes},
                "page_cache": usage,
                "targets": [{"target": t, "met": m, "figures": f} for t, m, f in checks],
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
