# Styringsportalen. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DEBUG ?= 1

.PHONY: run test bench install migrate content lint check-chromium clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

content: migrate
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py load_demo

run: content
	@echo "Styringsportalen: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

check-chromium:
	@test -x /usr/bin/chromium || { echo "The browser tests need Debian's chromium: apt-get install -y chromium"; exit 1; }

test: install check-chromium
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

bench: install
	DEBUG= $(BIN)/python -m tests.bench.run
	DEBUG= $(BIN)/python -m tests.bench.catalogue
	DEBUG= $(BIN)/python -m tests.bench.ideas
	DEBUG= $(BIN)/python -m tests.bench.service_desk
	DEBUG= $(BIN)/python -m tests.bench.reports

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
