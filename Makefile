# Two entry points: `make demo` (set up, then run the demo) and `make test` (set up, then test).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup up bench lint clean

$(BIN)/chokewatch: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/chokewatch

demo: setup
	$(BIN)/chokewatch demo

up: setup
	$(BIN)/chokewatch up

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/chokewatch bench

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .chokewatch .pytest_cache build *.egg-info
