# The two quick-start commands are `make site` and `make test`; `make check` is what CI runs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The demo's assignments are dated around this day; pass DEMO_DATE= to build as of today.
DEMO_DATE ?= 2026-12-01
DATE_OPTION := $(if $(DEMO_DATE),--date $(DEMO_DATE),)

.PHONY: site test check lint format-check typecheck golden messages clean

# pyproject.toml says which versions sitegen works with, constraints.txt which ones CI tests: those.
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# The browser tests, validators and the lunr.js parity test use npm packages (never a built site).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the tests that need node_modules will be skipped"; fi

site: $(BIN)/.installed
	$(BIN)/sitegen check . $(DATE_OPTION)
	$(BIN)/sitegen build . --out output $(DATE_OPTION)
	@echo "The demo is in output/. View it with: $(BIN)/python -m http.server --directory output 8000, then open http://localhost:8000/"

test: $(BIN)/.installed node_modules/.installed
	$(BIN)/python -m pytest -n auto --dist loadfile

# Accept a change of the built output: rebuild tests/golden/small/ from examples/small/, then review git diff.
golden: $(BIN)/.installed
	$(BIN)/python tests/golden/regenerate.py

# After a change of sitegen/messages.py: write docs/leden.md's list of every message again, then review git diff.
messages: $(BIN)/.installed
	$(BIN)/python tests/guide_messages.py

lint: format-check
	$(BIN)/ruff check sitegen tests bench

format-check: $(BIN)/.installed
	$(BIN)/ruff format --check sitegen tests bench

typecheck: $(BIN)/.installed
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf output .pytest_cache .mypy_cache .ruff_cache
