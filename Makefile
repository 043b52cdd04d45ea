# Plenary's two commands: `make run` and `make test`. Nothing needed but Python 3.11, Node 20 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The dashboards' front-end files, from npm (package-lock.json) into static/vendor/ (never a CDN).
ASSETS := static/vendor/.installed
$(ASSETS): package.json package-lock.json dashboards/assets/vendor.mjs
	npm ci --no-audit --no-fund
	npm run --silent vendor
	touch $(ASSETS)

install: $(STAMP) $(ASSETS)

# The development key that seals protected identities (core/sealed.py), made once and never
# committed; settings use it while PLENARY_IDENTITY_KEYS is unset.
IDENTITY_KEY := var/identity.key
$(IDENTITY_KEY): | $(STAMP)
	$(BIN)/python -m config.development_identity_key $@

# Serves on http://127.0.0.1:8000 with the demo campaign; prints the demo logins.
run: install $(IDENTITY_KEY)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_schedules
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_login
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite, on both cores. Tests that need ../shared/ or a browser say why they skip.
PYTEST_ARGS ?= -n 2 --dist loadfile
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var node_modules static/vendor
