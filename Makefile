# make run   - create .venv if missing, install requirements.txt, start the app on http://127.0.0.1:7860
# make test  - the same venv plus test dependencies (and Debian chromium + redis-server where apt-get can install them), every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run test bench clean

run: $(VENV)/.deps-run
	$(BIN)/python app.py $(ARGS)

test: $(VENV)/.deps-test
	@sh scripts/ensure-test-packages.sh
	$(BIN)/python -m pytest $(ARGS)

bench: $(VENV)/.deps-test
	$(BIN)/python bench/overhead.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.deps-test: requirements.txt requirements-test.txt requirements-readers.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-test.txt
	$(BIN)/pip install -q --no-deps -r requirements-readers.txt
	@touch $(VENV)/.deps-run $@

clean:
	rm -rf $(VENV) .pytest_cache
