# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# Debian packages (command:package) the targets need; scripts/need-packages.sh installs them as root, else says so.
NEED := bash scripts/need-packages.sh
TEST_PACKAGES := /usr/bin/chromium:chromium /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core msgfmt:gettext redis-server:redis-server nginx:nginx openssl:openssl

.PHONY: install lock run worker cluster cluster-test test lint format messages bench profile audit clean

install: $(STAMP)

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

# The web server and a task-queue worker (emails, scheduled jobs) together; Ctrl-C stops both. Links in emails
# point at the port served (SITE_URL defaults to http://127.0.0.1:$(PORT)).
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run:
	@$(NEED) run msgfmt:gettext /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
	@$(MAKE) --no-print-directory install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py seed_demo
	@$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# One worker in the foreground with the environment's settings (DJANGO_SETTINGS_MODULE, DATABASE_URL, ...):
# the form production runs, as many as needed (README, "Workers").
worker: install
	$(BIN)/python manage.py run_worker

# Production's topology on this machine (deploy/): nginx with the shipped site over TLS (a self-signed certificate
# made for the run), 2 gunicorn instances on their own ports, 2 task-queue workers, a new database on the local
# PostgreSQL and a Redis of its own; prints the URL, Ctrl-C stops everything. CLUSTER_PORT (8443) moves it.
cluster:
	@$(NEED) cluster nginx:nginx openssl:openssl redis-server:redis-server msgfmt:gettext pg_isready:postgresql-client
	@$(MAKE) --no-print-directory install
	$(BIN)/python -m deploy.cluster

# The scale-out test (tests/cluster): that topology driven through nginx from many client addresses while one web
# instance and one worker are killed and started again; limits, lockouts, the page cache, private copies and the
# job locks across instances. About a minute and a half; not part of `make test` (see README).
cluster-test:
	@$(NEED) cluster-test nginx:nginx openssl:openssl redis-server:redis-server msgfmt:gettext pg_isready:postgresql-client
	@$(MAKE) --no-print-directory install
	CLUSTER_TEST=1 $(BIN)/pytest tests/cluster -v -s

test:
	@$(NEED) test $(TEST_PACKAGES)
	@$(MAKE) --no-print-directory install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run -v0

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -d django -l kk -l ru --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --add-location=file

bench:
	@$(NEED) bench wrk:wrk redis-server:redis-server nginx:nginx openssl:openssl
	@$(MAKE) --no-print-directory install
	$(BIN)/python -m bench

profile: install
	$(BIN)/python -m bench.profile $(ARGS)

audit: install
	bash bench/audit.sh

clean:
	rm -rf $(VENV) db.sqlite3 var
