# Two entry points for a newcomer: `make run` and `make test`. Both create .venv when it
# is missing, with any Python 3.11+ found on PATH (override with PYTHON=...).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test
STAMP_PACKAGING := $(VENV)/.installed-packaging
SPEC := packaging/pyinstaller/netview.spec

.PHONY: run test test-slow lint bench bundle icons clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 or newer is needed on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_APP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# Test and lint tools at the exact versions of constraints/test.txt (see that file).
$(STAMP_TEST): $(STAMP_APP) constraints/test.txt
	$(BIN)/python -m pip install --quiet -c constraints/test.txt -e '.[test]'
	@touch $@

$(STAMP_PACKAGING): $(STAMP_APP)
	$(BIN)/python -m pip install --quiet -e '.[packaging]'
	@touch $@

run: $(STAMP_APP)
	$(BIN)/netview

lint: $(STAMP_TEST)
	$(BIN)/lint-imports
	$(BIN)/ruff check src tests benchmarks packaging
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

# The frozen app (make bundle) run headless: --version, demo, render. Prints the bundle's size.
test-slow: $(STAMP_TEST) bundle
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m slow -rs

# Icons from resources/icon.svg into build/icons/ (and the app's window icon in the package).
icons: $(STAMP_APP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py --package-icon

# One-folder PyInstaller bundle in dist/netview/ (dist/NetView.app on macOS), smoke-tested.
bundle: $(STAMP_PACKAGING)
	QT_QPA_PLATFORM=offscreen $(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller $(SPEC)
	$(BIN)/python packaging/smoke_test.py dist/netview/netview

bench: $(STAMP_APP)
	$(BIN)/python benchmarks/import_speed.py
	$(BIN)/python benchmarks/analytics_speed.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
