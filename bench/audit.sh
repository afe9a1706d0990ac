#!/usr/bin/env bash
# `make audit`: Lighthouse on the main public pages of a demo site this script starts itself.
#
# Not part of CI (about 15 s a page). Lighthouse comes from npm into a cache folder outside the repository;
# the site runs with the local settings on a throw-away SQLite database seeded with the demo data, served by
# gunicorn (DEBUG off, static files collected and served by WhiteNoise as in production).
#
# Environment: CHROME_PATH (default /usr/bin/chromium), AUDIT_LANGUAGE (default en), AUDIT_KEEP_REPORTS=1 keeps
# the JSON reports and prints where they are.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON="$ROOT/.venv/bin/python"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/dkz-audit"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LANGUAGE="${AUDIT_LANGUAGE:-en}"

# --- Lighthouse, installed once --------------------------------------------------------------------------
mkdir -p "$CACHE_DIR"
if [ ! -x "$CACHE_DIR/node_modules/.bin/lighthouse" ]; then
    echo "Installing lighthouse into $CACHE_DIR (once)…" >&2
    (cd "$CACHE_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
        && npm install --no-audit --no-fund --silent lighthouse >/dev/null)
fi
LIGHTHOUSE="$CACHE_DIR/node_modules/.bin/lighthouse"

# --- a demo site on a free port ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dkz-audit.XXXXXX")
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ "${AUDIT_KEEP_REPORTS:-0}" = 1 ]; then echo "Reports kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DJANGO_SETTINGS_MODULE=dkz_site.settings.local
export DEBUG=False
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export STATIC_ROOT="$WORK/static"
export PRIVATE_FILES_ROOT="$WORK/private"
export MEDIA_ROOT="$WORK/media"
unset CACHE_URL

echo "Preparing the demo site on 127.0.0.1:$PORT…" >&2
"$PYTHON" manage.py compilemessages --ignore=.venv -v0
"$PYTHON" manage.py migrate --noinput -v0
"$PYTHON" manage.py seed_demo >/dev/null
"$PYTHON" manage.py collectstatic --noinput -v0
"$ROOT/.venv/bin/gunicorn" dkz_site.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
    --no-control-socket --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 50); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fs "$BASE/healthz" >/dev/null || { echo "The site did not start:" >&2; cat "$WORK/gunicorn.log" >&2; exit 1; }

# Pages from the demo data: the first member profile and two equipment items for the comparison.
read -r PROFILE ITEMS < <("$PYTHON" - <<'EOF'
import django

django.setup()
from accreditation.models import Membership
from directory.models import Equipment, listed_memberships

member = listed_memberships().order_by("company_name").first()
items = list(Equipment.objects.filter(member__in=listed_memberships()).order_by("pk").values_list("pk", flat=True)[:2])
print(member.profile.slug, ",".join(str(pk) for pk in items))
EOF
)

PAGES=(
    "home=/$LANGUAGE/"
    "directory=/$LANGUAGE/members/"
    "profile=/$LANGUAGE/members/$PROFILE/"
    "equipment=/$LANGUAGE/equipment/"
    "compare=/$LANGUAGE/equipment/compare/?items=$ITEMS"
    "contact=/$LANGUAGE/contact/"
    "privacy=/$LANGUAGE/privacy/"
)

# --- Lighthouse on each page -------------------------------------------------------------------------------
for entry in "${PAGES[@]}"; do
    name=${entry%%=*}
    echo "Lighthouse: $name (${entry#*=})…" >&2
    "$LIGHTHOUSE" "$BASE${entry#*=}" --chrome-flags="--headless --no-sandbox" \
        --output=json --output-path="$WORK/$name.json" --quiet
done

"$PYTHON" - "$WORK" "${PAGES[@]}" <<'EOF'
"""The four category scores per page, as a table; below it, every audit that cost points."""

import json
import sys

work, pages = sys.argv[1], [entry.split("=", 1) for entry in sys.argv[2:]]
categories = ["performance", "accessibility", "best-practices", "seo"]
print(f"{'page':<11}{'path':<44}" + "".join(f"{c:>16}" for c in categories))
losses, benchmarks = [], []
for name, path in pages:
    with open(f"{work}/{name}.json") as report_file:
        report = json.load(report_file)
    benchmarks.append(report["environment"]["benchmarkIndex"])
    scores = [report["categories"][c]["score"] for c in categories]
    print(f"{name:<11}{path[:43]:<44}" + "".join(f"{round(s * 100) if s is not None else '-':>16}" for s in scores))
    for category in categories:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                losses.append(f"  {name}: {category}: {audit['id']} ({audit['title']})")
# Lighthouse slows the CPU 4x on top of the host's own speed: a busy or slow host inflates Total Blocking Time.
print(f"\nHost CPU benchmark index: {min(benchmarks):.0f}-{max(benchmarks):.0f} (Lighthouse calibrates for about 1000+)")
if losses:
    print("\nAudits that cost points:")
    print("\n".join(losses))
EOF
