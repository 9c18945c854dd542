# factsheet: the two commands of the README.
#   make site   install factsheet and build the example site into site/
#   make test   install factsheet with its test tools (and Debian's chromium) and run every test
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: site test eval benchmark browser

$(BIN)/factsheet: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(BIN)/factsheet pyproject.toml
	$(BIN)/pip install --quiet -e ".[test,dask,pagefind]"
	touch $@

site: $(BIN)/factsheet
	$(BIN)/factsheet build

# Browser tests drive Debian's chromium (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.test-installed browser
	$(BIN)/pytest -q

eval: $(BIN)/factsheet
	$(BIN)/python eval/run.py

benchmark: $(VENV)/.test-installed
	$(BIN)/python benchmarks/run.py
