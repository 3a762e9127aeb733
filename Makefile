# Uitweg: `make run` serves the app, `make test` runs every test, browser tests included.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export FLASK_APP := server:create_app

.PHONY: run test check test-under-load freeze install install-test translations system-packages clean

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

# Debian's browsers for the browser tests (Playwright cannot download its own here):
# Chromium, Firefox ESR, and WebKitGTK's WebKitWebDriver with Xvfb for its screen;
# openssl makes the test exit site's certificate. nginx serves the static export
# with deploy/nginx-export.conf.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v firefox-esr >/dev/null 2>&1 || missing="$$missing firefox-esr"; \
	command -v WebKitWebDriver >/dev/null 2>&1 || missing="$$missing webkit2gtk-driver"; \
	command -v Xvfb >/dev/null 2>&1 || missing="$$missing xvfb"; \
	command -v openssl >/dev/null 2>&1 || missing="$$missing openssl"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian's$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# --durations shows where the time goes; the whole run must stay under 20 minutes.
# The browser tests mostly wait (for pages, workers, timers), so two pytest workers
# (pytest-xdist) share the 2 cores; a file's tests stay together on one worker. The
# engine tests share one Firefox and one WebKit driver, so they run on their own.
TEST_WORKERS ?= 2
test: install-test translations system-packages check

# The suite without the installs: what `make test` and bench/test_under_load.sh run.
check:
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15 tests/unit tests/browser
	$(BIN)/python -m pytest --durations=5 tests/engines

# The whole suite three times with one core kept busy (stress-ng), then once normally.
test-under-load:
	bench/test_under_load.sh

clean:
	rm -rf static/build build .pytest_cache
