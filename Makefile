# Uitweg: `make run` serves the app, `make test` runs every test, browser tests included.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export FLASK_APP := server:create_app

.PHONY: run test freeze install install-test translations chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

translations: install
	$(BIN)/flask translate compile

run: install translations
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py 'server:create_app()'

# The static export for a static host or CDN: make freeze BASE_URL=https://example.org/
FREEZE_DIR ?= build/site
freeze: install translations
	@test -n "$(BASE_URL)" || { echo "Set BASE_URL, e.g. make freeze BASE_URL=https://example.org/"; exit 2; }
	$(BIN)/flask freeze $(FREEZE_DIR) --base-url $(BASE_URL)

# Debian's Chromium: Playwright cannot download its own browser here.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "Installing Debian's chromium"; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	fi

test: install-test translations chromium
	$(BIN)/python -m pytest

clean:
	rm -rf static/build build .pytest_cache
