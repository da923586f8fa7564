# Every target creates .venv from the pinned requirement files when they change.
PYTHON ?= python3
VENV := .venv
# Material 9.7+ prints a banner about MkDocs 2 on every build; this project pins MkDocs 1.6 on purpose.
export NO_MKDOCS_2_WARNING := 1
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

# The generator is loaded from macros/, not installed, so nothing compiles it as pip compiles
# installed packages; where PYTHONDONTWRITEBYTECODE is set (as on CI machines), every build would
# compile all of it from source again (importing it took 0.15 s CPU instead of 0.07 s).
# Compiling it before each build keeps the cache fresh; unchanged files are skipped.
BYTECODE = $(BIN)/python -m compileall -q macros

# Engines (README "Engines"): MkDocs 1.6.1 is the primary build; ProperDocs and Zensical get their
# own venvs and pins. Zensical ignores hooks, so it builds what `python -m macros generate` writes.
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs zensical
PROPERDOCS_BIN := .venv-properdocs/bin
PROPERDOCS_STAMP := .venv-properdocs/.installed
ZENSICAL_BIN := .venv-zensical/bin
ZENSICAL_STAMP := .venv-zensical/.installed
ZENSICAL_PROJECT := .generated/zensical

.PHONY: site serve test test-fast test-browser check lint quality clean find-quote add-source \
	re-archive claims-diff paragraph coverage schema engines new-site \
	site-mkdocs site-properdocs site-zensical serve-mkdocs serve-properdocs serve-zensical

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BYTECODE)
	touch $(STAMP)

# Test-only tools from npm (axe-core, vnu-jar); without npm those checks are skipped, not failed.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the axe-core and Nu HTML Checker tests will be skipped"; \
	fi

$(PROPERDOCS_STAMP): requirements.txt requirements-properdocs.txt
	$(PYTHON) -m venv .venv-properdocs
	$(PROPERDOCS_BIN)/pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	touch $@

$(ZENSICAL_STAMP): requirements-zensical.txt
	$(PYTHON) -m venv .venv-zensical
	$(ZENSICAL_BIN)/pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

## engines: install ProperDocs and Zensical (each in its own venv) for the engine builds and tests
engines: $(PROPERDOCS_STAMP) $(ZENSICAL_STAMP)

ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE=$(ENGINE) is not one of: $(ENGINES))
endif

## site: validate the data and build the site into site/ (strict); ENGINE=properdocs|zensical too
site: site-$(ENGINE)

site-mkdocs: $(STAMP)
	$(BYTECODE)
	$(BIN)/mkdocs build --strict

# ProperDocs would ask for the config to be renamed properdocs.yml; naming it keeps one config.
site-properdocs: $(STAMP) $(PROPERDOCS_STAMP)
	$(BYTECODE)
	$(PROPERDOCS_BIN)/properdocs build --strict -f mkdocs.yml

# Each step stops on a problem before site/ is touched: generate checks the data first.
site-zensical: $(STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python -m macros generate $(ZENSICAL_PROJECT) --engine zensical
	$(ZENSICAL_BIN)/zensical build --strict -f $(ZENSICAL_PROJECT)/mkdocs.yml
	rm -rf site && cp -R $(ZENSICAL_PROJECT)/site site
	$(BIN)/python -m macros finish site

## serve: live preview on http://127.0.0.1:8000, reloading on edits in data/, macros/ and docs/
serve: serve-$(ENGINE)

serve-mkdocs: $(STAMP)
	$(BYTECODE)
	$(BIN)/mkdocs serve --livereload

serve-properdocs: $(STAMP) $(PROPERDOCS_STAMP)
	$(BYTECODE)
	$(PROPERDOCS_BIN)/properdocs serve -f mkdocs.yml

# Zensical watches the generated project; `generate --watch` regenerates it on every edit.
serve-zensical: $(STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python -m macros generate $(ZENSICAL_PROJECT) --engine zensical
	$(BIN)/python -m macros generate $(ZENSICAL_PROJECT) --engine zensical --watch & watcher=$$!; \
	trap 'kill $$watcher 2>/dev/null' EXIT INT TERM; \
	$(ZENSICAL_BIN)/zensical serve -f $(ZENSICAL_PROJECT)/mkdocs.yml

## check: validate data/ only (fast); prints path:line:col messages
check: $(STAMP)
	$(BIN)/python -m macros check

## lint: ruff and mypy --strict on the generator and the tests
lint: $(STAMP)
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests
	$(BIN)/mypy --strict macros tests

## test: lint, then the whole test suite (includes strict builds and, when chromium is there, browser tests)
test: $(STAMP) $(PROPERDOCS_STAMP) $(ZENSICAL_STAMP) $(NODE_STAMP) lint
	$(BIN)/pytest

## test-fast: the suite without the slow browser tests
test-fast: $(STAMP) $(PROPERDOCS_STAMP) $(ZENSICAL_STAMP)
	$(BIN)/pytest -m "not browser"

## test-browser: only the browser tests (needs /usr/bin/chromium)
test-browser: $(STAMP) $(PROPERDOCS_STAMP) $(ZENSICAL_STAMP) $(NODE_STAMP)
	$(BIN)/pytest -m browser

## quality: Lighthouse (mobile) scores and page weights for the README (needs chromium and npm)
quality: $(STAMP)
	@test -x .tools/lighthouse/node_modules/.bin/lighthouse || \
		npm install --prefix .tools/lighthouse --no-audit --no-fund --loglevel=error -E lighthouse@12.2.3
	$(BIN)/python -m tests.quality.measure

clean:
	rm -rf site .generated .pytest_cache .mypy_cache .ruff_cache

# Contributor tools (see CONTRIBUTING.md). Arguments come in as variables (make paragraph N=3); the
# recipes read them from the environment ("$$N"), so what they hold cannot break the command.
# A phrase is read from standard input instead (make find-quote, then paste it): no shell quoting
# to get wrong, whatever quote marks it has.

# With a contributor tool, a word on the command line that is no target is almost always the rest
# of a phrase or file name the shell split at a quote mark (Q="the "small" town" makes `town"` a
# goal): say so, instead of make's "No rule to make target".
TOOL_GOALS := find-quote paragraph add-source re-archive claims-diff coverage new-site
ifneq ($(filter $(TOOL_GOALS),$(MAKECMDGOALS)),)
STRAY := $(filter-out $(TOOL_GOALS) check,$(MAKECMDGOALS))
ifneq ($(STRAY),)
ifneq ($(filter find-quote,$(MAKECMDGOALS)),)
$(error find-quote: the shell split the phrase at a quote mark, leaving the stray words '$(STRAY)'. \
Run `make find-quote` alone and paste the phrase when it asks (or: make find-quote < phrase.txt))
else
$(error '$(STRAY)' is not a make target: if it is part of a value, the shell split it at a quote \
mark or a space; put the whole value in single quotes, e.g. FILE='my page.html')
endif
endif
endif

## find-quote: paste a phrase (read from standard input) to find where it occurs in the archived sources, and the exact quote to paste; SOURCE=id limits the search
find-quote: $(STAMP)
	@$(BIN)/python -m macros find-quote $${SOURCE:+--source "$$SOURCE"} $${Q:+"$$Q"} \
		|| test $$? -eq 1  # 1: not found, already explained

## paragraph: print paragraph N of an archived source (all, numbered, without N) with the claims quoting each sentence: ID=source-id N=3
paragraph: $(STAMP)
	@$(BIN)/python -m macros paragraph $${ID:+--source "$$ID"} $${N:+"$$N"}

## add-source: archive a local text or HTML file as a new source: ID=author-2021-title FILE=page.html
add-source: $(STAMP)
	@test -n "$$ID" && test -n "$$FILE" || { echo 'usage: make add-source ID=author-2021-title FILE=page.html' >&2; exit 2; }
	@$(BIN)/python -m macros add-source --id "$$ID" "$$FILE"

## re-archive: replace a source's text by a new version, re-anchoring every quote: ID=… FILE=… [ACCEPT_CHANGES=1]
re-archive: $(STAMP)
	@test -n "$$ID" && test -n "$$FILE" || { echo 'usage: make re-archive ID=source-id FILE=new-version.html [ACCEPT_CHANGES=1]' >&2; exit 2; }
	@$(BIN)/python -m macros re-archive --id "$$ID" "$$FILE" $${ACCEPT_CHANGES:+--accept-changes}

## claims-diff: everything a branch changes in the data (sources, topics, actors, events, terms, claims), as Markdown: HEAD against its merge-base with origin/main (or main); BASE=rev and HEAD=rev to choose
claims-diff: $(STAMP)
	@$(BIN)/python -m macros claims-diff $${BASE:+--base "$$BASE"} $${HEAD:+--head "$$HEAD"}

## coverage: per source, the sentences no claim covers yet (MIN=80 fails below 80%)
coverage: $(STAMP)
	@$(BIN)/python -m macros coverage $${MIN:+--min "$$MIN"}

## new-site: start a claims site on another subject in a new folder outside this one: DIR=../my-site NAME="My site"
new-site: $(STAMP)
	@test -n "$$DIR" && test -n "$$NAME" || { echo 'usage: make new-site DIR=../my-site NAME="My site"' >&2; exit 2; }
	@$(BIN)/python -m macros new-site "$$DIR" --name "$$NAME"

## schema: regenerate schema/*.schema.json from the record classes in macros/core/model.py and stamp every data file
schema: $(STAMP)
	$(BIN)/python -m macros schema --stamp

# Benchmarks (issue 7; see BENCHMARKS.md). Synthetic corpora are written to a temporary folder.
.PHONY: bench bench-1000 bench-parse

## bench: build cost, page sizes, first-visit weight and live-reload latency at ×1, ×10 and ×100, with the hook and plain; rewrites BENCHMARKS.md (~12 min)
bench: $(STAMP)
	$(BIN)/python -m tests.bench.parse_bound --no-report
	$(BIN)/python -m tests.bench.run --scales 1 10 100 --no-experiment

## bench-parse: only the hostile-YAML section (every input answered within 2 s); rewrites BENCHMARKS.md (~1 min)
bench-parse: $(STAMP)
	$(BIN)/python -m tests.bench.parse_bound

## bench-1000: the generator and the full strict builds at ×1000, against ×100 measured in the same run (one run each; about 40 min); adds its section to BENCHMARKS.md
bench-1000: $(STAMP)
	$(BIN)/python -m tests.bench.run --scales 100 1000 --repeat 1 --no-weight --no-experiment \
		--results tests/bench/results-1000.json
