# Verbund: `make run` installs everything and serves the demo on SQLite; `make test` runs the suite.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/verbund
PYTEST_WORKERS ?= 2
CHROMIUM ?= /usr/bin/chromium

.PHONY: install assets run demo test lint test-sqlite test-postgres test-browser bench messages clean

$(BIN)/verbund: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/verbund

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json
	npm run --silent build

install: $(BIN)/verbund assets

# Set up the database (migrate, cache table, demo data if empty, the coming meetings) and the
# static files.
demo: install
	$(BIN)/verbund migrate --noinput -v0
	$(BIN)/verbund createcachetable
	$(BIN)/verbund demo --if-empty
	$(BIN)/verbund generate_meetings
	$(BIN)/verbund apply_status_terms
	$(BIN)/verbund collectstatic --noinput -v0

run: demo
	@$(BIN)/verbund demo_logins
	$(BIN)/gunicorn verbund.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/verbund makemigrations --check --dry-run -v0

test-sqlite: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser"

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser"

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test-browser: install $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m browser -p no:xdist

test: lint test-sqlite test-postgres test-browser

bench: install
	$(BIN)/python -m bench.run --size S

messages: install
	cd src/verbund && ../../$(BIN)/verbund makemessages -l de --no-obsolete --add-location=file && ../../$(BIN)/verbund compilemessages

clean:
	rm -rf $(VENV) node_modules var src/verbund/static/vendor
