# The two commands of the README: `make demo` and `make test`. Everything installs from this repo's files.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO_DB ?= demo.db
DEMO_OUT ?= out

.PHONY: install browser services demo test lint typecheck bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Debian's Chromium for the browser tests (root and apt-get only; elsewhere those tests skip).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || \
		(apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null); \
	else echo "chromium is not installed and cannot be installed here: browser tests will be skipped"; fi

# Debian's PostgreSQL server binaries for the store tests (root and apt-get only; else they skip).
services:
	@if [ -x /usr/lib/postgresql/15/bin/initdb ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y -q postgresql >/dev/null 2>&1 || \
		(apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null); \
	else echo "PostgreSQL is not installed and cannot be installed here: its tests will be skipped"; fi

demo: install
	$(BIN)/storyline run examples/ --db $(DEMO_DB) --out $(DEMO_OUT)

lint: install
	$(BIN)/ruff check storyline tests bench scripts
	$(BIN)/ruff format --check storyline tests bench scripts

typecheck: install
	$(BIN)/mypy --strict storyline

test: lint typecheck browser services
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/attribution.py
	$(BIN)/python bench/framing_lexicon.py
	$(BIN)/python bench/reading.py
	$(BIN)/python bench/grouping.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_OUT) .mypy_cache .pytest_cache .ruff_cache
