# Mobilitas — run `make help` for the list of targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Two pytest-xdist workers: the suite waits on subprocesses and services as much as on the CPU.
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The exact versions come from the lock file (requirements/dev.txt, made by `make lock` from
# pyproject.toml); the project itself is installed on top, without resolving anything again.
$(STAMP): pyproject.toml requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Mobilitas needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its development tools

migrate: install ## Apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	$(BIN)/python manage.py migrate --noinput

demo: migrate ## Load the founding project, then run web + Celery worker + beat (Ctrl-C stops all)
	$(BIN)/python manage.py load_demo
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/honcho --procfile Procfile.dev start

# loadgroup: the browser journeys share one xdist worker, hence one demo stack.
PYTEST_RUN = $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=10
# What test-fast leaves out: Chromium, real Celery workers, the compose and `make demo` stacks.
SLOW_MARKERS = browser or worker or compose or demo_stack

test: install ## Run the whole test suite (PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)
	$(PYTEST_RUN) $(PYTEST_ARGS)

test-fast: install ## Run everything but browser, real-worker, compose and demo-stack tests
	$(PYTEST_RUN) -m "not ($(SLOW_MARKERS))" $(PYTEST_ARGS)

bench: migrate ## Measure the 10,000-recipient reminder fan-out and the results compile (set DATABASE_URL and REDIS_URL)
	$(BIN)/python manage.py bench_reminders --recipients 10000
	$(BIN)/python manage.py bench_compile

lock: install ## Pin every dependency again from pyproject.toml (requirements/production.txt and dev.txt)
	$(BIN)/python -m uv pip compile pyproject.toml --universal --python-version 3.11 --quiet --no-header -o requirements/production.txt
	$(BIN)/python -m uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --quiet --no-header -o requirements/dev.txt

lint: install ## Check style with ruff and that no migration is missing
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install ## Refresh the Latvian translation catalogue and compile it
	$(BIN)/python manage.py makemessages --locale lv --ignore '.venv/*' --ignore 'var/*' --ignore 'static_collected/*' --ignore 'tests/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --locale lv --ignore '.venv/*'

clean: ## Remove the virtualenv and everything under var/ (database, mail, queue)
	rm -rf $(VENV) var

.PHONY: help install migrate demo test test-fast bench lock lint messages clean
