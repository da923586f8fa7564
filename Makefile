# Every target creates .venv from the pinned requirement files when they change.
PYTHON ?= python3
VENV := .venv
# Material 9.7+ prints a banner about MkDocs 2 on every build; this project pins MkDocs 1.6 on purpose.
export NO_MKDOCS_2_WARNING := 1
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

.PHONY: site serve test test-fast test-browser check lint quality clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# Test-only tools from npm (axe-core, vnu-jar); without npm those checks are skipped, not failed.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the axe-core and Nu HTML Checker tests will be skipped"; \
	fi

## site: validate the data and build the site into site/ (strict: any warning fails)
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## serve: live preview on http://127.0.0.1:8000, reloading on edits in data/, macros/ and docs/
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## check: validate data/ only (fast); prints path:line:col messages
check: $(STAMP)
	$(BIN)/python -m macros check

## lint: ruff and mypy --strict on the generator and the tests
lint: $(STAMP)
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests
	$(BIN)/mypy --strict macros tests

## test: lint, then the whole test suite (includes strict builds and, when chromium is there, browser tests)
test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/pytest

## test-fast: the suite without the slow browser tests
test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser"

## test-browser: only the browser tests (needs /usr/bin/chromium)
test-browser: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -m browser

## quality: Lighthouse (mobile) scores and page weights for the README (needs chromium and npm)
quality: $(STAMP)
	@test -x .tools/lighthouse/node_modules/.bin/lighthouse || \
		npm install --prefix .tools/lighthouse --no-audit --no-fund --loglevel=error -E lighthouse@12.2.3
	$(BIN)/python -m tests.quality.measure

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
