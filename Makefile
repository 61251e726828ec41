# Everything a developer or CI runs. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_BIN ?= python3.11
VENV := .venv
PYTHON := $(VENV)/bin/python
PYTEST_ARGS ?=
BENCH_ARGS ?=
# One test process per core, each test file in one process, so a file's demo loads once.
PYTEST_PARALLEL ?= --numprocesses auto --dist loadfile

# Settings that `manage.py check --deploy` is run with: what production sets.
DEPLOY_ENV := DEBUG=false SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-looking-value-xyz \
	ALLOWED_HOSTS=hcag.example.org DATABASE_URL=sqlite:///:memory:

# What `make serve` and `make bench-load` run with: production settings on loopback, over
# plain HTTP (no redirect to HTTPS, no HSTS, cookies without Secure), against a local
# PostgreSQL and Redis. DATABASE_URL and REDIS_URL, if set, point elsewhere.
SERVE_DATABASE_URL := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/hcag)
SERVE_REDIS_URL := $(or $(REDIS_URL),redis://127.0.0.1:6379/0)
BENCH_REDIS_URL := $(or $(REDIS_URL),redis://127.0.0.1:6379/9)
SERVE_ENV := DEBUG=false SECRET_KEY=$${SECRET_KEY:-$$($(PYTHON_BIN) -c "import secrets; print(secrets.token_hex(32))")} \
	ALLOWED_HOSTS=127.0.0.1,localhost DATABASE_URL=$(SERVE_DATABASE_URL) REDIS_URL=$(SERVE_REDIS_URL) \
	SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0

.PHONY: help install run serve bench-load test lint format check-deploy lock collectstatic clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements-dev.txt
	$(PYTHON_BIN) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/.built: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build
	touch $@

install: $(VENV)/.installed static/build/.built ## Install Python and npm dependencies and build the front end

run: export DEBUG := true
run: install ## Migrate, load the demo and serve it on http://127.0.0.1:8000, printing mail sent
	$(PYTHON) manage.py migrate --verbosity 0
	$(PYTHON) manage.py load_demo
	$(PYTHON) manage.py deliver_mail --every 5 & sender=$$!; trap "kill $$sender" EXIT; \
		$(PYTHON) manage.py runserver 127.0.0.1:8000

serve: install ## Serve the demo with gunicorn on http://127.0.0.1:8000, production-like, on local PostgreSQL and Redis
	$(SERVE_ENV) $(PYTHON) manage.py migrate --verbosity 0
	$(SERVE_ENV) $(PYTHON) manage.py load_demo --allow-without-debug --verbosity 0
	$(SERVE_ENV) $(PYTHON) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c hcag/gunicorn.conf.py hcag.wsgi

bench-load: install ## Load gunicorn (2, then 4 workers) with locust on loopback, ~3 minutes; empties Redis database 9
	$(SERVE_ENV) REDIS_URL=$(BENCH_REDIS_URL) $(PYTHON) manage.py bench_load $(BENCH_ARGS)

test: install ## Run the whole test suite (DATABASE_URL picks the database; SQLite by default)
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

lint: install ## ruff, formatting, missing migrations and the API's OpenAPI schema
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(PYTHON) manage.py makemigrations --check --dry-run
	DEBUG=true $(PYTHON) manage.py spectacular --validate --fail-on-warn > /dev/null

format: install ## Fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: install ## Django's deployment checks with production settings
	$(DEPLOY_ENV) $(PYTHON) manage.py check --deploy --fail-level WARNING

collectstatic: install ## Gather static files for a production server
	$(DEPLOY_ENV) $(PYTHON) manage.py collectstatic --noinput --verbosity 0

lock: ## Re-pin the Python dependencies from pyproject.toml
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -o requirements-dev.txt pyproject.toml

clean: ## Remove the virtual environment, node packages and build output
	rm -rf $(VENV) node_modules static/build staticfiles
