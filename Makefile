# The two commands a newcomer runs: `make run` and `make test`.
# Both create .venv, install, and (when DATABASE_URL is unset) start the embedded
# Postgres whose data lives under var/; newsroom/settings.py attaches to it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run serve test install migrate demo lint format bench db-stop clean

PORT ?= 8000
# make test runs the suite in this many processes (pytest-xdist; one file stays in one process).
TEST_PROCESSES ?= 2

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py load_demo_weather

run: demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "데모 계정: reporter / newsroom-demo (기자), editor / newsroom-demo (편집자)"
	@echo "사이트: http://127.0.0.1:$(PORT)/   관리자: http://127.0.0.1:$(PORT)/admin/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

# The production shape on one machine (deploy/serve.sh): DEBUG off, collected and
# compressed static files, gunicorn with threaded workers, Varnish in front when installed.
serve: demo
	DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) PY=$(PY) sh deploy/serve.sh

test: install
	$(PY) manage.py check --fail-level WARNING
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The issue-9 page table (bench/pages.py, ~5 min on demo data) and the quick scripts. The
# archive-size ones need generated archives and take long; run them by hand:
#   $(PY) bench/generate.py --articles 100000 --database-url postgres://…/newsroom_bench_100k
#   $(PY) bench/scale.py        (10k vs 1M archives, made by bench/generate.py when missing)
#   $(PY) bench/profile_pages.py --database-url …   $(PY) bench/search.py --articles 100000 --database-url …
BENCH_QUICK := bench/pages.py bench/images.py bench/weather_parse.py bench/weather_strip.py bench/search.py

bench: install
	@for script in $(BENCH_QUICK); do echo "== $$script"; $(PY) $$script || exit 1; done
	@echo "== archive size: bench/generate.py, bench/scale.py, bench/profile_pages.py (see the Makefile's bench comment)"

db-stop:
	@if [ -f var/pgdata/postmaster.pid ]; then \
		kill -INT $$(head -n 1 var/pgdata/postmaster.pid) && echo "embedded Postgres stopped"; \
	else echo "embedded Postgres is not running"; fi

clean: db-stop
	rm -rf $(VENV) var/static
