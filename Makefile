# Veiviser: two commands are all a fresh machine needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ARGS ?=
CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/veiviser
WHEELHOUSE := $(CACHE)/wheelhouse
# The wheel and sdist `make dist` builds (the version is read from tui/__init__.py).
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' tui/__init__.py)
WHEEL := dist/veiviser-$(VERSION)-py3-none-any.whl
# The wheelhouse is made again when the dependencies change.
DEPS_KEY := $(shell sed -n '/^dependencies = \[/,/^\]/p' pyproject.toml | sha256sum | cut -c1-12)

.DEFAULT_GOAL := help

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Veiviser needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install Veiviser with its dev tools

run: $(STAMP) ## Start Veiviser on its built-in content (extra flags: make run ARGS="--channel chat")
	$(BIN)/python -m tui $(ARGS)

tmux: ## Install tmux for the real-terminal tests if it is missing and apt can
	@command -v tmux >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null) \
	      || echo "tmux could not be installed: the tmux tests will be skipped"; \
	  else echo "tmux is missing and cannot be installed here: the tmux tests will be skipped"; fi; }

chromium: ## Install Debian's Chromium for the case pack's browser test if it is missing and apt can
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: the browser test will be skipped (fails in CI)"; \
	  else echo "chromium is missing and cannot be installed here: the browser test is skipped"; fi; }

lint: $(STAMP) ## ruff, mypy for Linux, Windows and macOS, import-linter contracts
	$(BIN)/ruff check tui tests benchmarks scripts
	$(BIN)/ruff format --check tui tests benchmarks scripts
	@for platform in linux win32 darwin; do \
	  echo "mypy --platform $$platform tui"; \
	  $(BIN)/mypy --platform $$platform tui || exit 1; done
	$(BIN)/lint-imports

dist: $(STAMP) ## Build the wheel and the sdist into dist/
	rm -rf dist
	$(BIN)/hatchling build -d dist
	@ls dist

$(WHEEL): $(STAMP) pyproject.toml $(shell git ls-files tui content themes 2>/dev/null)
	$(MAKE) dist

wheelhouse: $(STAMP) ## Cache the dependencies' wheels, so the install test runs offline
	@mkdir -p $(WHEELHOUSE)
	@[ -f $(WHEELHOUSE)/.ready-$(DEPS_KEY) ] || { \
	  $(BIN)/python -m pip download -q --disable-pip-version-check -d $(WHEELHOUSE) \
	    --only-binary=:all: 'textual>=8.2.8,<8.3' 'pyyaml>=6.0.2' 'pydantic>=2.10' 'platformdirs>=4.2' 'msgspec>=0.19' \
	    'textual-plotext>=1.0.1,<2' 'plotext>=5.2.8,<6' 'rapidfuzz>=3.9' \
	  && $(BIN)/python -m pip wheel -q --disable-pip-version-check --no-deps -w $(WHEELHOUSE) 'pyperclip>=1.9' \
	  && touch $(WHEELHOUSE)/.ready-$(DEPS_KEY); }

test-windows: $(STAMP) $(WHEEL) ## The Windows suite: the real Windows CPython under Wine
	@rc=0; scripts/winpython.sh setup || rc=$$?; \
	if [ $$rc = 3 ]; then \
	  if [ -n "$$CI" ]; then echo "Windows suite: Wine is required on CI" >&2; exit 1; fi; \
	  echo "Windows suite SKIPPED: Wine cannot be installed here (it needs root and apt)"; exit 0; \
	elif [ $$rc != 0 ]; then exit $$rc; fi; \
	site=$(CACHE)/wine-wheel; rm -rf $$site; \
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --target $$site $(WHEEL) && \
	VEIVISER_WHEEL_SITE=$$(scripts/winpython.sh winpath $$site) \
	  scripts/winpython.sh run scripts/wintest.py $(CURDIR) -q --no-header \
	  tests/unit tests/windows tests/app/test_app.py tests/app/test_archive_app.py \
	  tests/app/test_portable_files.py

test: $(STAMP) tmux chromium lint wheelhouse test-windows ## Set up and run every suite, lint and Windows included
	$(BIN)/python -m pytest -q --cov=tui --cov-branch --cov-report=
	@echo "Branch coverage of the pure core (tui/core), goal ≥ 90%:"
	$(BIN)/python -m coverage report --include='tui/core/*' --skip-empty --fail-under=90

faults: $(STAMP) ## The fault suite: a real full disk at every write, a damaged archive, hostile files
	$(BIN)/python -m pytest -q -p no:randomly tests/faults tests/app/test_faults.py tests/app/test_disk_full_app.py

bench: $(STAMP) ## Benchmarks: ratios against a bare Textual app measured in the same run
	TEXTUAL_ANIMATIONS=none $(BIN)/python benchmarks/bench.py

early-close: $(STAMP) tmux ## Close the terminal 0.1–1.0 s after start, 50 times per delay
	VEIVISER_EARLY_CLOSE_REPEATS=50 $(BIN)/python -m pytest -q tests/terminal/test_early_close.py

review-sheet: $(STAMP) ## Write docs/question-kinds.md: every guide line by its question kind, for a reviewer
	$(BIN)/python -c 'from tui.core.outputs.kindsheet import write; write()'

snapshot-update: $(STAMP) ## Re-make snapshot SVGs (look at snapshot_report.html first!)
	$(BIN)/python -m pytest -q tests/app/test_snapshots.py --snapshot-update

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format tui tests benchmarks scripts
	$(BIN)/ruff check --fix tui tests benchmarks scripts

clean: ## Remove the venv and caches (not the Wine cache in ~/.cache/veiviser)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist

.PHONY: help setup run tmux chromium lint dist wheelhouse test-windows test faults bench early-close review-sheet snapshot-update format clean
