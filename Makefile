# The README's commands. `make demo` sets everything up and serves the demo;
# `make test` sets everything up and runs the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: setup system-deps demo serve worker test test-fast lint messages bench screenshot clean

$(BIN)/ayni: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/ayni

setup: $(BIN)/ayni

# Debian packages the tests need: Chromium for browser journeys, gettext for catalogues.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		echo "Installing Debian packages:$$missing"; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

demo: setup
	$(BIN)/ayni demo

serve: setup
	$(BIN)/ayni serve --migrate --collectstatic

worker: setup
	$(BIN)/ayni worker

lint: setup
	$(BIN)/ruff check ayni e2e bench scripts conftest.py

test: setup system-deps lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: setup
	$(BIN)/python -m pytest -n 2 --ignore=e2e $(PYTEST_ARGS)

messages: setup
	$(BIN)/python -m ayni.core.i18n_catalogues

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
