# The commands people type. `make run` and `make test` set everything up first.
PY := .venv/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint format messages backup restore bench bench-sweeps bench-inquiries bench-dialogues bench-surveys bench-load worker beat clean stop-db

setup:
	@scripts/bootstrap

## Run the portal locally: embedded PostgreSQL in var/postgres/ (unless DATABASE_URL
## is set), eager tasks, mail to the console, demo data. Ctrl-C stops both.
## `make run PORT=8301` serves on that port, and the links in the mail follow it
## (SITE_URL is http://HOST:PORT unless given: `make run SITE_URL=https://...`).
run: setup
	@$(PY) scripts/run $(HOST):$(PORT)

## Run the whole test suite: on an embedded PostgreSQL of its own unless DATABASE_URL
## is set (tests/embedded_db.py); Redis tests when REDIS_URL is set. The suite also
## checks that no migration is missing (tests/portal/test_migrations.py).
test: setup
	@$(PY) -m ruff check .
	@$(PY) -m ruff format --check .
	@$(MANAGE) compilemessages --ignore=.venv --verbosity 0
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

## Back up the database and the uploaded files to var/backups/, or restore one into an
## empty database: `make restore FILE=var/backups/portal-....tar` (README, "Backup and restore").
backup: setup
	$(MANAGE) backup

restore: setup
	@test -n "$(FILE)" || { echo "make restore FILE=path/to/backup.tar"; exit 2; }
	$(MANAGE) restore "$(FILE)"

## Benchmarks on PostgreSQL (a database of their own: BENCH_DATABASE_URL).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
CREATE_BENCH_DATABASE = $(PY) -c "import psycopg, sys; u = sys.argv[1]; base, name = u.rsplit('/', 1); c = psycopg.connect(base + '/postgres', autocommit=True); c.execute('SELECT 1 FROM pg_database WHERE datname = %s', [name]).fetchone() or c.execute('CREATE DATABASE \"' + name + '\"')" "$(BENCH_DATABASE_URL)"
bench: setup
	@$(CREATE_BENCH_DATABASE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/register.py

## The reminder and retention sweeps with nothing and with 1,000 due (same database).
bench-sweeps: setup
	@$(CREATE_BENCH_DATABASE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/sweeps.py

## En väg in at 200,000 inquiries and a million messages: desk, list, sweep (same database).
bench-inquiries: setup
	@$(CREATE_BENCH_DATABASE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/inquiries.py

## The forums at 2,000 forums, 100,000 meetings, a million sign-ups: pages and sweeps.
bench-dialogues: setup
	@$(CREATE_BENCH_DATABASE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/dialogues.py

## A survey's results at 10,000 responses to 30 questions: page, filtered page, XLSX, naive way.
bench-surveys: setup
	@$(CREATE_BENCH_DATABASE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/surveys.py

## gunicorn with the production settings under wrk: requests/s per page (same database).
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/0
bench-load: setup
	@$(CREATE_BENCH_DATABASE)
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(PY) benchmarks/load.py

worker: setup
	.venv/bin/celery -A portal worker -l info

beat: setup
	.venv/bin/celery -A portal beat -l info

## Remove the venv and var/ (the embedded database's data): the next run starts afresh.
clean: stop-db
	rm -rf .venv var staticfiles .pytest_cache

## Stop the embedded PostgreSQL of var/postgres/ if it is still running (after a kill -9).
stop-db:
	@[ ! -x $(PY) ] || $(PY) -c "from portal.embedded_db import Cluster; Cluster('var/postgres').stop()"
