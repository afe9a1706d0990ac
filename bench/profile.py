"""`make profile`: what one uncached page costs in-process, and where that time goes.

Renders each URL through Django's whole request handler (every middleware, the view, the templates, the queries)
in this process, with the benchmark's settings (production plus the query-count header) and the page cache
turned off (`PAGE_CACHE_SECONDS=0`), against the benchmark's PostgreSQL database. It prints, per URL, the CPU time
of this process per request (the database's own work is not in it; `wall` is) next to the bare baseline view's,
the queries and the size of the page; with `--cprofile`, the functions that took the time (cProfile, sorted by
cumulative time) and a summary by area (templates, forms, URL reversing, database, translations).

    .venv/bin/python -m bench.profile --seed 100000         # (re)create and seed the database first
    .venv/bin/python -m bench.profile                       # one URL of each page kind
    .venv/bin/python -m bench.profile --cprofile /en/members/?region=KZ-71
    .venv/bin/python -m bench.profile --varied 300         # each kind's varied traffic, every URL once

With `--varied N`, each kind of page is measured over N URLs of its varied-traffic list (bench/traffic.py, the
lists `make bench` drives), each asked once after 30 others of the list: what a worker pays for traffic that
seldom repeats a URL (first compiles of a filter combination, kept values not there yet) rather than for one
page asked again and again.

Environment: BENCH_DATABASE_URL and BENCH_CACHE_URL as for `make bench` (the database is dropped and re-created
only with `--seed`).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from bench.runner import DEFAULT_CACHE_URL, DEFAULT_DATABASE_URL, django_env, log

# Where the time of a page goes, by the functions that mark each area (cumulative times overlap: a form
# rendered inside a template counts under both).
AREAS = {
    "templates": ("django/template/base.py", "render"),
    "form widgets": ("django/forms/boundfield.py", "as_widget"),
    "URL reversing": ("django/urls/base.py", "reverse"),
    "database": ("django/db/backends/utils.py", "execute"),
    "translations": ("django/utils/translation/trans_real.py", "gettext"),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.split("\n")[0]
    )
    parser.add_argument("urls", nargs="*", help="paths to render (default: one of each page kind)")
    parser.add_argument(
        "--seed", type=int, metavar="MEMBERS", help="re-create the database with this many"
    )
    parser.add_argument("--repeat", type=int, default=200, help="requests per URL (default 200)")
    parser.add_argument("--cprofile", action="store_true", help="show where the time goes")
    parser.add_argument("--top", type=int, default=25, help="functions shown with --cprofile")
    parser.add_argument(
        "--varied", type=int, metavar="N", help="N URLs of each kind's varied traffic, each once"
    )
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="dkz-profile-"))
    config = {
        "database_url": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        "cache_url": os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE_URL),
        "static_root": str(work / "static"),
    }
    # Before seeding, which sets Django up in this process: with the page cache on, every page measured
    # would be a cache hit.
    os.environ.update(django_env(config), PAGE_CACHE_SECONDS="0")
    if args.seed:
        _seed(config, args.seed)
    from bench.runner import manage

    manage(config, "collectstatic", "--noinput")
    import django

    django.setup()
    from django.test import Client

    from bench.scenarios import sample_urls

    client = Client(HTTP_HOST="127.0.0.1")
    urls = args.urls or [path for _kind, path in sample_urls()]
    baseline = _measure(client, "/bench/baseline", args.repeat)
    log(f"{'url':<60} {'CPU ms':>7} {'x base':>7} {'wall ms':>8} {'queries':>7} {'bytes':>7}")
    log(_line("/bench/baseline", baseline, baseline))
    if args.varied:
        _measure_varied(client, args.varied, baseline)
        return 0
    for url in urls:
        figures = _measure(client, url, args.repeat)
        log(_line(url, figures, baseline))
        if args.cprofile:
            _profile(client, url, args.repeat, args.top)
    return 0


def _measure_varied(client, count: int, baseline: dict) -> None:
    from bench.traffic import url_lists
    from directory.models import Equipment, listed_memberships

    members = list(listed_memberships().order_by("pk").values_list("profile__slug", "bin"))
    items = list(Equipment.objects.listed().order_by("pk").values_list("pk", flat=True))
    lists = url_lists(len(members), members, items)
    log(f"{'kind (varied traffic)':<60} {'CPU ms':>7} {'x base':>7} {'wall ms':>8}")
    for kind, urls in lists.items():
        for url in urls[-30:]:  # warm: other URLs of the same kind
            client.get(url)
        cpu, wall = time.process_time(), time.perf_counter()
        for url in urls[:count]:
            client.get(url)
        figures = {
            "cpu_ms": (time.process_time() - cpu) * 1000 / min(count, len(urls)),
            "wall_ms": (time.perf_counter() - wall) * 1000 / min(count, len(urls)),
        }
        log(
            f"{kind:<60} {figures['cpu_ms']:>7.2f} {figures['cpu_ms'] / baseline['cpu_ms']:>7.1f} "
            f"{figures['wall_ms']:>8.2f}"
        )


def _seed(config: dict, members: int) -> None:
    from bench.runner import flush_cache, manage, reset_database
    from bench.scenarios import seed_database

    log(f"seeding {members} members into {config['database_url']}")
    reset_database(config["database_url"])
    flush_cache(config["cache_url"])
    manage(config, "migrate", "--noinput")
    seed_database(config, members)


def _measure(client, url: str, repeat: int) -> dict:
    for _ in range(
        max(10, repeat // 10)
    ):  # warm: templates compiled, connections open, caches filled
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        client.get(url)
    return {
        "cpu_ms": (time.process_time() - cpu) * 1000 / repeat,
        "wall_ms": (time.perf_counter() - wall) * 1000 / repeat,
        "queries": response.get("X-Query-Count", "?"),
        "bytes": len(response.content),
    }


def _line(url: str, figures: dict, baseline: dict) -> str:
    return (
        f"{url[:60]:<60} {figures['cpu_ms']:>7.2f} {figures['cpu_ms'] / baseline['cpu_ms']:>7.1f} "
        f"{figures['wall_ms']:>8.2f} {figures['queries']:>7} {figures['bytes']:>7}"
    )


def _profile(client, url: str, repeat: int, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-9)
    areas = []
    for area, (filename, function) in AREAS.items():
        cumulative = max(
            (
                entry[3]
                for (file, _line_no, name), entry in stats.stats.items()
                if file.endswith(filename) and name == function
            ),
            default=0.0,
        )
        areas.append(f"{area} {cumulative / total:.0%}")
    log("    share of the request (cProfile): " + ", ".join(areas))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    log("\n".join("    " + line for line in out.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
