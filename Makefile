# Rumah Aman. `make run` opens the app on a demo shelter (`make demo`: a fresh one); `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCALES := resources/locale
UI_FILES := $(wildcard ui/*.ui)
DEMO_DIR ?= demo-data
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run demo test lint unit screenshots ui translations extract bench wheel clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: $(STAMP)  ## compile the .po catalogs into .mo (build output, not in git)
	$(VENV)/bin/pybabel compile --statistics -d $(LOCALES) -D shelter_app 2>&1 | grep -v '^compiling' || true
	@test -f $(LOCALES)/id/LC_MESSAGES/shelter_app.mo

extract: $(STAMP)  ## pull new strings from the source into the catalogs
	$(VENV)/bin/pybabel extract --no-location --sort-output -F babel.cfg -k N_ -k ngettext:1,2 \
	    --project "Rumah Aman" --version 0.1.0 \
	    -o $(LOCALES)/shelter_app.pot shelter_app
	$(VENV)/bin/pybabel update --no-fuzzy-matching -d $(LOCALES) -D shelter_app -i $(LOCALES)/shelter_app.pot
	$(PY) -m shelter_app.i18n.catalogs

ui: $(STAMP)  ## compile ui/*.ui into shelter_app/gui/forms (kept in git)
	$(PY) -m shelter_app.gui.build_forms

run: $(STAMP) translations  ## the app on the demo shelter: made when absent, else kept as left
	@if $(PY) -c 'import sys; \
	        from shelter_app.services.administration.shelter_folder import is_set_up; \
	        sys.exit(not is_set_up(sys.argv[1]))' '$(DEMO_DIR)'; then \
	    $(PY) -m shelter_app --data-dir '$(DEMO_DIR)' gui; \
	else \
	    $(PY) -m shelter_app --data-dir '$(DEMO_DIR)' demo --gui; \
	fi

demo: $(STAMP) translations  ## a fresh demo shelter (what was done in the old one goes), then the app
	$(PY) -m shelter_app --data-dir '$(DEMO_DIR)' demo --replace --gui

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: $(STAMP) translations lint  ## ruff, import-linter, then every test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m shelter_app.gui.screenshots docs/screenshots

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

wheel: $(STAMP)
	$(PY) -m pip wheel --no-deps --no-build-isolation -w dist .

clean:
	rm -rf build dist $(DEMO_DIR) .pytest_cache .ruff_cache
