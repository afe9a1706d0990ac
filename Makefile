# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install lock run test lint format messages bench profile audit clean

install: $(STAMP)

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

run: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run -v0

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l kk -l ru --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --add-location=file

bench: install
	$(BIN)/python -m bench

profile: install
	$(BIN)/python -m bench.profile $(ARGS)

audit: install
	bash bench/audit.sh

clean:
	rm -rf $(VENV) db.sqlite3 var
