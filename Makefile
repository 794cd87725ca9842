# One target per README command; CI calls the same targets.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= .demo/storyscope.db
SAMPLE := src/storyscope/data/sample

.PHONY: demo test lint typecheck pytest bench bench-scale serve clean system-deps

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first and pinned: pip then takes the CPU build from local disk instead of a CUDA build.
$(STAMP): pyproject.toml requirements/ml-hashes.txt | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/ml-hashes.txt
	$(BIN)/pip install -q -e '.[ml,scale,dev,bench]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB))
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storyscope analyze --db $(DEMO_DB) $(SAMPLE)
	@echo
	@echo "Open the story pages: $(BIN)/storyscope serve --db $(DEMO_DB)  then visit http://127.0.0.1:8000/"

# Debian packages the tests need (a real headless Chromium for the browser tests).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "make test: needs Debian chromium (sudo apt-get install chromium)"; fi; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	  else echo "make test: needs Debian postgresql (sudo apt-get install postgresql)"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) system-deps
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

bench-scale: $(STAMP)
	$(BIN)/python bench/run.py --scale

serve: $(STAMP)
	$(BIN)/storyscope serve --db $(DEMO_DB)

clean:
	rm -rf $(VENV) .demo .mypy_cache .pytest_cache .ruff_cache
