# limitup: `make run` serves on http://127.0.0.1:5000, `make test` runs the whole suite.
# Both set everything up first (idempotent): system packages, .venv, pinned deps, migrations.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system run test bench eval samples clean

setup: system $(STAMP)
	$(BIN)/limitup migrate >/dev/null
	$(BIN)/limitup rules check

system:
	@bash scripts/setup-system.sh

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

run: setup
	$(BIN)/limitup serve --host 127.0.0.1 --port 5000

test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=20 $(PYTEST_ARGS)

eval: setup
	$(BIN)/limitup eval sample_certs

bench: setup
	$(BIN)/limitup bench sample_certs

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
