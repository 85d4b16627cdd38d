# Quick start:  make demo   (creates .venv, installs Maestro, builds an example game)
#               make test   (installs the test needs, runs the whole suite)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN     = $(VENV)/bin
GDD    ?= examples/moss_and_meteors.md

.PHONY: install install-test demo lint test test-fast bench clean help

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

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/maestro build $(GDD)

lint: install-test
	$(BIN)/ruff check maestro tests benchmarks jobs
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

test-fast: install-test
	$(BIN)/python -m pytest -q -m "not browser and not ray"

bench: install
	$(BIN)/python benchmarks/build.py

clean:
	rm -rf maestro-data .pytest_cache
