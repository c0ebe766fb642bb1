# Two entry points: `make demo` (set up, then run the demo) and `make test` (set up, then test).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup up bench lint lock clean

# Installs the versions pinned in requirements.lock, so every install resolves alike.
$(BIN)/chokewatch: pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
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

# The newest versions pyproject.toml allows, resolved in a scratch environment and pinned.
lock:
	rm -rf .lock-venv && $(PY) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet '.[test]'
	{ head -n 2 requirements.lock; .lock-venv/bin/pip freeze --exclude-editable | grep -v '^chokewatch'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

clean:
	rm -rf $(VENV) .chokewatch .pytest_cache build *.egg-info
