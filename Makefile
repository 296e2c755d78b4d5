# The commands people type. `make run` and `make test` set everything up first.
PY := .venv/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint format messages bench worker beat clean

setup:
	@scripts/bootstrap

## Run the portal locally: SQLite, eager tasks, mail to the console, demo data.
run: setup
	@$(MANAGE) check_database
	@$(MANAGE) migrate --no-input
	@$(MANAGE) compilemessages --ignore=.venv --verbosity 0
	@$(MANAGE) collectstatic --no-input --verbosity 0
	@$(MANAGE) load_demo
	@echo "Samverkansportalen: http://$(HOST):$(PORT)/"
	@$(MANAGE) runserver $(HOST):$(PORT)

## Run the whole test suite (PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set).
test: setup
	@$(PY) -m ruff check .
	@$(PY) -m ruff format --check .
	@$(MANAGE) compilemessages --ignore=.venv --verbosity 0
	@DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run --verbosity 1
	@$(PY) -m pytest -n 2 $(PYTEST_ARGS)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## Update the translation catalogues after changing user-facing strings.
messages: setup
	$(MANAGE) makemessages -l sv -l en --ignore=.venv --ignore=staticfiles --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

## Benchmarks (PostgreSQL: set DATABASE_URL).
bench: setup
	$(PY) benchmarks/register.py

worker: setup
	.venv/bin/celery -A portal worker -l info

beat: setup
	.venv/bin/celery -A portal beat -l info

clean:
	rm -rf .venv staticfiles db.sqlite3 .pytest_cache
