"""`BENCH_CLUSTER=1 make bench`: the figures through nginx (deploy/cluster.py: the shipped site, TLS, gunicorn
instances), once with one web instance behind it and once with two, with the CPU each process used.

Each run drives wrk over HTTPS at nginx (keep-alive connections, as browsers hold them) with the varied traffic of
`make bench` (bench/varied.lua: another URL every request) for a few kinds of page, after the baseline view. The
seeded database, Redis (deploy/redis.conf) and the page cache are the same for both topologies; the page cache
is emptied before each topology's runs. No task-queue worker runs (they would only poll an empty queue).

CPU: for every process group the cluster started (nginx, each gunicorn master with its workers, Redis), the
PostgreSQL backends serving the benchmark's database and wrk itself, the CPU seconds used during the run, as
cores (CPU seconds / wall seconds). On a machine of two cores shared by all of these, a second instance cannot add
cores: the figures show where the cores went, and so what a second machine would take over.

Environment: BENCH_MEMBERS (10000), BENCH_DURATION (10), BENCH_CONNECTIONS (16), BENCH_WORKERS (gunicorn workers per
instance, 2), BENCH_PORT (8765: nginx HTTPS; the instances and Redis on the next four), BENCH_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/dkz_bench_cluster).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.runner import (
    _UNIT,
    _WRK_ERRORS,
    _WRK_LATENCY,
    _WRK_NON2XX,
    _WRK_RPS,
    ROOT,
    VARIED_SCRIPT,
    WRK_THREADS,
    log,
)
from deploy.cluster import Cluster

KINDS = ["list + tracking", "searches", "filters", "profiles"]
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class ClusterRun:
    instances: int
    kind: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failed: int
    # process -> CPU seconds / wall seconds; process group -> resident memory (MB) after the run
    cpu_cores: dict[str, float] = field(default_factory=dict)
    memory_mb: dict[str, float] = field(default_factory=dict)


def _groups() -> dict[int, list[int]]:
    """Every process by its process group."""
    groups: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        groups.setdefault(int(fields[2]), []).append(int(stat.parent.name))
    return groups


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _resident_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
    return total / 1024


def _memory(cluster: Cluster) -> dict[str, float]:
    groups = _groups()
    return {
        process.name: _resident_mb(groups.get(process.popen.pid, []))
        for process in cluster.processes()
        if process.popen is not None
    }


def _postgres_backends(database_url: str) -> list[int]:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [pid for (pid,) in rows]


def _cpu_snapshot(cluster: Cluster) -> dict[str, float]:
    groups = _groups()
    snapshot = {}
    for process in cluster.processes():
        if process.popen is not None:
            snapshot[process.name] = _cpu_seconds(groups.get(process.popen.pid, []))
    snapshot["postgres"] = _cpu_seconds(_postgres_backends(cluster.database_url))
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    snapshot["wrk"] = usage.ru_utime + usage.ru_stime
    return snapshot


def _wrk(url: str, url_file: Path, config: dict) -> tuple[float, float, float, int]:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{config['connections']}", f"-d{config['duration']}s"]
    command += ["--latency", "-s", str(VARIED_SCRIPT), url, "--", str(url_file), str(WRK_THREADS)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latencies = {
        m.group(1): float(m.group(2)) * _UNIT[m.group(3)] for m in _WRK_LATENCY.finditer(output)
    }
    failed = int(m.group(1)) if (m := _WRK_NON2XX.search(output)) else 0
    if m := _WRK_ERRORS.search(output):
        failed += sum(int(n) for n in m.groups())
    rps = float(_WRK_RPS.search(output).group(1))
    return rps, latencies.get("50", 0.0), latencies.get("99", 0.0), failed


def _drive(
    cluster: Cluster, instances: int, files: dict[str, Path], config: dict
) -> list[ClusterRun]:
    url = f"https://localhost:{cluster.https_port}"
    runs = []
    for kind, url_file in files.items():
        subprocess.run(  # warm-up: TLS sessions, the workers' first requests
            ["wrk", "-t1", "-c4", "-d2s", "-s", str(VARIED_SCRIPT), url, "--", str(url_file), "1"],
            capture_output=True,
            check=True,
        )
        before, started = _cpu_snapshot(cluster), time.monotonic()
        rps, p50, p99, failed = _wrk(url, url_file, config)
        after, wall = _cpu_snapshot(cluster), time.monotonic() - started
        cores = {name: (after[name] - before.get(name, 0.0)) / wall for name in after}
        run = ClusterRun(instances, kind, rps, p50, p99, failed, cores, _memory(cluster))
        runs.append(run)
        shown = "  ".join(f"{name} {value:.2f}" for name, value in cores.items() if value >= 0.01)
        log(
            f"  {instances} instance{'s' if instances > 1 else ' '} {kind:<16} {rps:>7.0f} req/s"
            f"  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms" + (f"  failed {failed}" if failed else "")
        )
        log(f"      CPU (cores): {shown}  (machine load average {os.getloadavg()[0]:.1f})")
    return runs


def _report(runs: list[ClusterRun], config: dict) -> None:
    log(
        f"\n== through nginx (TLS, keep-alive), {config['connections']} connections, {config['size']} members,"
        f" {config['workers']} gunicorn workers per instance; one machine of {os.cpu_count()} cores shared by"
        " wrk, nginx, gunicorn, PostgreSQL and Redis"
    )
    log(f"{'kind':<18} {'1 instance':^22} | {'2 instances':^22}")
    log(f"{'':<18} {'req/s':>9} {'p99 ms':>9}    | {'req/s':>9} {'p99 ms':>9}")
    by = {(r.instances, r.kind): r for r in runs}
    for kind in dict.fromkeys(r.kind for r in runs):
        one, two = by.get((1, kind)), by.get((2, kind))
        log(
            f"{kind:<18} {one.requests_per_second:>9.0f} {one.p99_ms:>9.1f}    |"
            f" {two.requests_per_second:>9.0f} {two.p99_ms:>9.1f}"
        )
    log("\nCPU used during each run, in cores (CPU seconds per second), averaged over the kinds:")
    names = sorted({name for r in runs for name in r.cpu_cores})
    for instances in (1, 2):
        chosen = [r for r in runs if r.instances == instances]
        averages = {n: sum(r.cpu_cores.get(n, 0) for r in chosen) / len(chosen) for n in names}
        log(
            f"  {instances} instance{'s' if instances > 1 else ' '}: "
            + "  ".join(f"{n} {v:.2f}" for n, v in averages.items() if v >= 0.005)
            + f"  (total {sum(averages.values()):.2f})"
        )
    last = runs[-1].memory_mb
    log(
        "Resident memory after the last run (MB; a gunicorn instance is its master and its workers, which share"
        " the pages loaded before the fork): " + "  ".join(f"{n} {v:.0f}" for n, v in last.items())
    )


def main(environ) -> int:
    from bench.runner import flush_cache
    from bench.scenarios import seed_database, varied_url_lists

    port = int(environ.get("BENCH_PORT", "8765"))
    config = {
        "duration": int(environ.get("BENCH_DURATION", "10")),
        "connections": int(environ.get("BENCH_CONNECTIONS", "16")),
        "workers": int(environ.get("BENCH_WORKERS", "2")),
        "size": int(environ.get("BENCH_MEMBERS", "10000")),
    }
    cluster = Cluster(
        database_url=environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dkz_bench_cluster"
        ),
        https_port=port,
        http_port=port + 1,
        web_ports=[port + 2, port + 3],
        redis_port=port + 4,
        workers=0,
        web_workers=config["workers"],
        email_url="dummymail://",
        unlimited=(
            "127.0.0.1",
        ),  # wrk comes from one address: nginx's per-address limits would refuse it
        environment={
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "RATELIMIT_ENABLE": "false",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_ACCESS_LOG": "false",
        },
    )
    try:
        log(f"-- a cluster in {cluster.folder}: database, Redis, static files")
        cluster.prepare(seed=False)
        seeding = {
            "database_url": cluster.database_url,
            "cache_url": cluster.cache_url,
            "static_root": str(cluster.folder / "static"),
        }
        log(f"-- seeding {config['size']} members")
        seed_database(seeding, config["size"])
        lists = varied_url_lists(seeding, config["size"])
        files = {"baseline": cluster.folder / "baseline.txt"}
        files["baseline"].write_text("/bench/baseline\n")
        for kind in KINDS:
            files[kind] = cluster.folder / f"{kind.replace(' ', '-').replace('+', 'and')}.txt"
            files[kind].write_text("\n".join(lists[kind]) + "\n")
        runs = []
        for instances in (1, 2):
            flush_cache(cluster.cache_url)
            for index in range(instances):
                cluster.start_web(index)
            cluster.start_nginx(upstreams=cluster.web_ports[:instances])
            log(f"-- {instances} instance{'s' if instances > 1 else ''} behind nginx")
            try:
                runs += _drive(cluster, instances, files, config)
            finally:
                cluster.nginx.stop()
                for process in cluster.web:
                    process.stop()
        _report(runs, config)
    finally:
        cluster.stop()
        cluster.remove()
    results = ROOT / "var" / "bench-cluster-results.json"
    results.parent.mkdir(exist_ok=True)
    results.write_text(json.dumps({**config, "runs": [asdict(r) for r in runs]}, indent=2))
    log(f"\nfigures written to {results.relative_to(ROOT)}")
    return 0
