# Lantern's one Makefile. `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export LANTERN_ENV ?= development

.DEFAULT_GOAL := help
.PHONY: help system-deps install run test test-fast lint format bench clean messages

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

system-deps: ## Install the Debian packages Lantern needs (only those absent)
	@scripts/system-deps.sh

$(VENV)/.installed: pyproject.toml
	@PYTHON=$$(scripts/find-python.sh) && echo "Using $$PYTHON" && \
	  ( [ -x $(PY) ] || $$PYTHON -m venv $(VENV) )
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: system-deps $(VENV)/.installed messages ## Create the virtual environment and install Lantern

messages: $(VENV)/.installed ## Compile the translations
	@cd lantern && ../$(VENV)/bin/lantern compilemessages --ignore '.venv' -v 0

run: install ## Set up the SQLite database, load the demo data and serve at 127.0.0.1:$(PORT)
	$(VENV)/bin/lantern migrate --no-input -v 0
	$(VENV)/bin/lantern demo
	$(VENV)/bin/lantern runserver 127.0.0.1:$(PORT)

test: install ## Run every test (unit, API, browser); on PostgreSQL when DATABASE_URL points at one
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

BENCH_RECORDS ?= 200000
bench: install ## Run the benchmarks under bench/ (BENCH_RECORDS=1000000 for the full catalogue size)
	@scripts/system-deps.sh --bench
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) bench/catalogue_search.py --records $(BENCH_RECORDS)
	$(PY) bench/reopening_rush.py
	$(PY) bench/lending_surge.py

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var staticfiles
