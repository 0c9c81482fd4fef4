# Voice: `make run` to try it, `make test` to check it. Both set everything up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BUILD := voice/static/build
GOVUK := node_modules/govuk-frontend/dist/govuk
SCSS := $(wildcard voice/static/scss/*.scss)
PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: setup run test lint translations worker clean

setup: $(VENV)/.installed node_modules/.installed assets $(MO)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(BUILD)/voice.css $(BUILD)/govuk-frontend.min.js $(BUILD)/openmoji/openmoji.json

$(BUILD)/voice.css: $(SCSS) node_modules/.installed
	mkdir -p $(BUILD)
	npx --no-install sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps voice/static/scss/voice.scss $@

$(BUILD)/govuk-frontend.min.js: node_modules/.installed
	mkdir -p $(BUILD)/images
	cp $(GOVUK)/govuk-frontend.min.js $@
	cp $(GOVUK)/assets/images/govuk-crest.svg $(BUILD)/images/

# OpenMoji symbols (CC BY-SA 4.0) for the builder's symbol search: colour SVGs and their words.
$(BUILD)/openmoji/openmoji.json: node_modules/.installed
	rm -rf $(BUILD)/openmoji
	cp -r node_modules/openmoji/color/svg $(BUILD)/openmoji
	cp node_modules/openmoji/data/openmoji.json node_modules/openmoji/LICENSE.txt $(BUILD)/openmoji/

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot . --no-location --sort-output --project Voice
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d translations

run: setup
	mkdir -p instance
	$(BIN)/voice db upgrade
	$(BIN)/voice seed
	$(BIN)/voice demo-data
	@echo "Voice is starting on http://127.0.0.1:5000 (Ctrl-C stops the web server and the worker)."
	@echo "Make a first admin in another terminal: $(BIN)/voice create-user you@example.org --role admin"
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/celery -A voice.worker worker --beat --loglevel=INFO --concurrency=2 & \
	$(BIN)/voice run --host 127.0.0.1 --port 5000

# One test process per core (pytest-xdist); each has its own database, broker queue and browser.
test: setup
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules $(BUILD) translations/*/LC_MESSAGES/*.mo
