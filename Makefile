# Fakes Watch: `make run` serves the dashboard on the shipped articles, `make test` runs the tests.
# Both create .venv and install the project on first use.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install migrate ingest run test score lint check format

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

# Unchanged articles are skipped, so this is quick after the first run.
ingest: migrate
	$(PY) manage.py ingest articles

run: ingest
	@echo ""
	@echo "Fakes Watch is at http://$(HOST):$(PORT)/  (stop it with Ctrl-C)"
	@echo "To review and edit data, create an admin user in another terminal:"
	@echo "    $(PY) manage.py createsuperuser"
	@echo "then sign in at http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest

# The extraction scored against the hand-made keys: the shipped articles and the development
# set (tests/fixtures/), each ingested as a user would. Read what a list misses with
#     $(PY) -m tests.fixtures.quality development --misses --extras
score: install
	$(PY) -m tests.fixtures.quality

# What CI checks besides the tests: lint, formatting, and models without a migration.
CODE := enforcement tests benchmarks manage.py

lint: install
	$(VENV)/bin/ruff check $(CODE)

check: install
	$(VENV)/bin/ruff check $(CODE)
	$(VENV)/bin/ruff format --check $(CODE)
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format $(CODE)
	$(VENV)/bin/ruff check --fix $(CODE)
