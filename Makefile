# The two commands that do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := demo

.PHONY: demo test lint unit bench docs doc-images system-deps venv clean

# The virtualenv is rebuilt whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py $(DEMO)

# Debian packages the tests need: Chromium for the browser tests of the HTML report, PostgreSQL's
# server binaries for the history store's tests (each test session starts its own cluster).
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	  else \
	    echo "Missing:$$missing: run 'sudo apt-get install -y$$missing' (their tests will be skipped)"; \
	  fi; \
	fi

test: system-deps lint unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# docs/cli.md is generated from the Click commands; a test fails when it is out of date.
docs: $(STAMP)
	$(BIN)/python -m ereputation.cli_reference > docs/cli.md

# The web face's screenshots in docs/images/ (test runs write theirs to tests/artifacts/).
doc-images: $(STAMP)
	EREPUTATION_DOC_IMAGES=1 $(BIN)/pytest -q tests/serve/test_browser_pages.py tests/serve/test_browser_flow.py

clean:
	rm -rf $(VENV) $(DEMO) build dist .pytest_cache .mypy_cache .ruff_cache tests/artifacts
