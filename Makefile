# Smart Villages Knowledge Base — `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

# Python may cache compiled modules (some shells set PYTHONDONTWRITEBYTECODE, which makes every
# test run compile Django and Wagtail again: ~3 s per process).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help run test install demo lint messages bench bench-search clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

# uv installs the dependencies (in parallel, from PyPI like pip: 26 s instead of pip's 90 s on
# a machine with empty caches, bench/make_run.md); uv itself is one wheel pip fetches first.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet --disable-pip-version-check "uv>=0.9,<1"
	$(VENV)/bin/uv pip install --quiet --python $(PY) -e ".[test]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the dependencies

# The lemmatiser's dictionaries are built into the user's cache once (~7 s on a fresh machine):
# beside `migrate` on the second core, before the demo's import needs them.
demo: $(STAMP) ## Migrate and load the demo corpus into the SQLite database
	DJANGO_SETTINGS_MODULE=kb.settings.dev $(PY) -c "import django; django.setup(); \
	  from core.text import warm_up; warm_up()" & warm=$$!; \
	  $(PY) manage.py migrate --no-input && wait $$warm
	$(PY) manage.py load_demo

run: demo ## Serve the site with demo content at http://127.0.0.1:8000 (SQLite)
	$(PY) manage.py runserver $(HOST)

test: $(STAMP) ## Run the whole suite (SQLite + Elasticsearch node + production smoke on PostgreSQL/Redis/gunicorn; again on TEST_DATABASE_URL)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=kb.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=kb.settings.test $(PY) manage.py makemigrations --check --dry-run
	scripts/run-tests.sh

messages: $(STAMP) ## Update the .po catalogues from the code (then translate them) and compile them
	$(PY) manage.py makemessages -l fr -l de -l it -l sl --ignore=.venv --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

bench: demo ## Measure page render times on the demo corpus (writes bench/RESULTS.md)
	$(PY) bench/render_bench.py

bench-search: $(STAMP) ## Search benchmark on N synthetic practices (N=1000 by default)
	bench/search_bench.sh $(or $(N),1000)

clean: ## Remove the virtualenv, the database and media
	rm -rf $(VENV) db.sqlite3 media static_collected
