# Two entry points for a newcomer: `make run` and `make test`. Both create .venv when it
# is missing, with any Python 3.11+ found on PATH (override with PYTHON=...).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint bench bundle clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 or newer is needed on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_APP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP_TEST): $(STAMP_APP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP_APP)
	$(BIN)/netview

lint: $(STAMP_TEST)
	$(BIN)/lint-imports
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP_APP)
	$(BIN)/python benchmarks/import_speed.py
	$(BIN)/python benchmarks/analytics_speed.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
