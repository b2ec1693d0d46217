# Two entry points: `make run` (demo on examples/) and `make test`; `make lint` (ruff, mypy) runs in CI too.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[test,lint,dask]"
	touch $(STAMP)

run: $(STAMP)
	rm -f annales.duckdb
	$(BIN)/annales ingest examples --db annales.duckdb
	$(BIN)/annales summary --db annales.duckdb
	@echo "Dashboard and API: $(BIN)/annales serve --db annales.duckdb   then open http://127.0.0.1:8000/ (OpenAPI: /docs)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check annales tests benchmarks scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) annales.duckdb
