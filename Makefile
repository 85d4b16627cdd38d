# Quick start:  make demo   (creates .venv, installs Maestro, builds an example game)
#               make test   (installs the test needs, runs the whole suite)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN     = $(VENV)/bin
GDD    ?= examples/moss_and_meteors.md

.PHONY: install install-test bytecode demo lint test test-fast bench clean help

help:
	@echo "make demo      create $(VENV), install Maestro, build $(GDD)"
	@echo "make test      install test needs, lint (ruff, mypy), run the whole suite"
	@echo "make lint      ruff and mypy only"
	@echo "make test-fast unit tests only (no Ray, no browser)"
	@echo "make bench     run the benchmarks"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed bytecode

install-test: $(VENV)/.installed-test bytecode

# Maestro's own bytecode, written once: an editable install leaves the source tree uncompiled, and
# where PYTHONDONTWRITEBYTECODE is set (as on our CI machines) every process of every build would
# compile Maestro's modules again (the driver and seven agents: about a second of CPU per build).
# Quick when nothing changed; a stale file is only recompiled in memory, never wrong.
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q maestro

demo: install bytecode
	$(BIN)/maestro build $(GDD)

lint: install-test
	$(BIN)/ruff check maestro tests benchmarks jobs
	$(BIN)/mypy

test: lint bytecode
	$(BIN)/python -m pytest -q

test-fast: install-test bytecode
	$(BIN)/python -m pytest -q -m "not browser and not ray"

bench: install bytecode
	$(BIN)/python benchmarks/build.py

clean:
	rm -rf maestro-data .pytest_cache
