# limitup: `make run` serves on http://127.0.0.1:5000, `make test` runs the whole suite.
# Both set up first (idempotent, stamps): `make run` the runtime only (system packages the
# product needs, .venv with requirements.txt, migrations); `make test` adds the test set
# (requirements-test.txt) and the test-only system packages (Chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: setup setup-test system system-test run test bench eval samples clean

setup: system $(STAMP)
	$(BIN)/limitup migrate >/dev/null
	$(BIN)/limitup rules check

setup-test: setup system-test $(TEST_STAMP)

system:
	@bash scripts/setup-system.sh

system-test:
	@bash scripts/setup-system.sh --test

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

$(TEST_STAMP): requirements-test.txt $(STAMP)
	$(BIN)/python -m pip install -q -r requirements-test.txt
	touch $(TEST_STAMP)

run: setup
	$(BIN)/limitup serve --host 127.0.0.1 --port 5000

test: setup-test
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=20 $(PYTEST_ARGS)

eval: setup
	$(BIN)/limitup eval sample_certs

bench: setup
	$(BIN)/limitup bench sample_certs

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
