# Balai Kota Digital — two commands: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements/lock.txt | cut -c1-12)
PYTEST_ARGS ?=

.PHONY: install run serve test lint format migrate seed messages lock clean bench

$(STAMP): requirements/lock.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --disable-pip-version-check -q --require-hashes -r requirements/lock.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	@echo "Balai Kota Digital: http://127.0.0.1:$(PORT)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: lint
	$(PY) manage.py makemigrations --check --dry-run --settings=balaikota.settings.test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages -l id -l en -e html,txt,py,js --ignore=.venv --ignore=var \
		--ignore="*/static/*" --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

# Re-pin every dependency after changing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes --no-header -o requirements/lock.txt
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --no-header -o requirements/production.txt

clean:
	rm -rf $(VENV) var/db.sqlite3* var/media var/static

# Benchmarks (PostgreSQL on 127.0.0.1:5432, Redis, wrk and chromium): figures go to docs/benchmarks.md.
bench: install
	$(PY) bench/serve_bench.py
	$(PY) bench/page_weight.py
