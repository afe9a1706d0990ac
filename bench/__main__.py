"""`make bench`: seed PostgreSQL, serve with gunicorn (production settings), drive with wrk one URL at a time and
with varied traffic per page kind (page cache on and off), print figures and state each target met or missed.

Environment: BENCH_MEMBERS (default 10000), BENCH_SMALL (default 1000), BENCH_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/dkz_bench), BENCH_CACHE_URL (default: a Redis of its own, started
with deploy/redis.conf), BENCH_DURATION (seconds per run, default 10), BENCH_CONNECTIONS (default 16), BENCH_WORKERS (default 2),
BENCH_JOBS (0 skips the timed retention and export jobs), BENCH_MAIL (0 skips the email figures: worker
throughput, latency with the mail server hanging; BENCH_MAIL_EMAILS, BENCH_MAIL_POSTS), BENCH_PORT (8765).
"""

import os
import sys

from bench.runner import main

if __name__ == "__main__":
    sys.exit(main(os.environ))
