# `make run` sets up and opens the app on the demo workspace; `make test` sets up and runs the
# checks: the linters, the type checker, the import contracts between layers, and the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# One test worker more than the cores: a Pilot test spends about a quarter of its time waiting
# for the app to go idle, which the extra worker fills (131 s against 152 s on 2 cores).
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")

.PHONY: run test lint bench clean

run: $(VENV)/.installed
	$(BIN)/flourish --demo

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(TEST_WORKERS)

bench: $(VENV)/.installed
	$(BIN)/python bench/checkin_write.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info
