# Veiviser: two commands are all a fresh machine needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ARGS ?=

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

lint: $(STAMP) ## ruff check, ruff format --check, mypy
	$(BIN)/ruff check tui tests
	$(BIN)/ruff format --check tui tests
	$(BIN)/mypy tui

test: $(STAMP) tmux lint ## Set up and run the whole suite, lint included, with core coverage
	$(BIN)/python -m pytest -q --cov=tui --cov-branch --cov-report=
	@echo "Branch coverage of the pure core (tui/core), goal ≥ 90%:"
	$(BIN)/python -m coverage report --include='tui/core/*' --skip-empty --fail-under=90

bench: $(STAMP) ## Benchmarks: ratios against a bare Textual app measured in the same run
	TEXTUAL_ANIMATIONS=none $(BIN)/python benchmarks/bench.py

snapshot-update: $(STAMP) ## Re-make snapshot SVGs (look at snapshot_report.html first!)
	$(BIN)/python -m pytest -q tests/test_snapshots.py --snapshot-update

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format tui tests
	$(BIN)/ruff check --fix tui tests

clean: ## Remove the venv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist

.PHONY: help setup run tmux lint test bench snapshot-update format clean
